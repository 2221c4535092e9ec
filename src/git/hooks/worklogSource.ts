import { type AttributedRange } from '../../core/attribution/attributionMap';
import { type Contributor } from '../../core/attribution/contributor';
import { classifyLines, lineStarts } from '../../core/attribution/lines';
import { type LineCredit } from '../../core/trace/credits';
import { splitLines } from '../../core/trace/hash';
import { mapLines } from '../../core/trace/lineMap';
import { sanitizeName } from '../../core/trailers/sanitize';
import { type WarnFn, currentStates, getSnapshot, mergeSpool, updateRecord } from '../../core/worklog';
import { type AttributionSource, type SourceFile } from './attribution';

/** How an AI line arrived, as the `[TOOL]` of its credit (agent hooks need none: the agent names it). */
const TOOL_OF: Readonly<Partial<Record<Contributor['via'], string>>> = { 'inline-completion': 'inline', 'chat-edit': 'chat' };

/** The credit of an AI contributor; names are sanitised here, once. */
export function creditOf(c: Contributor): LineCredit {
  const tool = TOOL_OF[c.via];
  return { agent: sanitizeName(c.agent), model: sanitizeName(c.model), tools: tool ? [tool] : [] };
}

/**
 * The working log (`<git common dir>/ai-provenance`) as an AttributionSource.
 * Only lines the working log classifies `ai` (every non-blank character
 * AI-written) count; `mixed` lines are left out — a gap, not a guess.
 */
export function worklogSource(dir: string, warn: WarnFn): AttributionSource {
  let merged = false;
  // A hook process reads the log once; dropCommitted invalidates.
  let states: ReturnType<typeof currentStates> | undefined;
  let ai: Map<string, SourceFile> | undefined;
  const current = () => (states ??= currentStates(dir, warn));
  return {
    aiFiles() {
      if (ai) return Promise.resolve(ai);
      const out = new Map<string, SourceFile>();
      for (const [p, state] of current()) {
        const cls = classifyLines(state.text, state.ranges);
        if (state.text.endsWith('\n')) cls.pop();
        const credits = cls.map((l) => (l && l.kind === 'ai' ? creditOf(l.contributor) : undefined));
        if (credits.some(Boolean)) out.set(p, { lines: splitLines(state.text), credits });
      }
      ai = out;
      return Promise.resolve(out);
    },
    trackedPaths() {
      return Promise.resolve([...current().keys()]);
    },
    dropCommitted(path, committed) {
      // Fold pending agent events into the records first, so what we trim
      // is the whole picture and the events are not replayed afterwards.
      if (!merged) mergeSpool(dir, warn);
      merged = true;
      states = undefined;
      ai = undefined;
      updateRecord(
        dir,
        path,
        (cur) => {
          const text = cur && getSnapshot(dir, cur.textHash);
          if (!cur || text === undefined) return undefined;
          const ranges = withoutLines(text, cur.ranges, committedLineIndexes(text, committed));
          return ranges.length === 0 ? null : { textHash: cur.textHash, length: cur.length, ranges };
        },
        warn,
      );
      return Promise.resolve();
    },
  };
}

/** 0-based lines of `text` carried unchanged into the committed file. */
function committedLineIndexes(text: string, committed: readonly string[]): Set<number> {
  const map = mapLines(splitLines(text), committed);
  const out = new Set<number>();
  for (const i of map) if (i >= 0) out.add(i);
  return out;
}

/** `ranges` minus the characters (line break included) of the given lines. */
function withoutLines(text: string, ranges: readonly AttributedRange[], lines: ReadonlySet<number>): AttributedRange[] {
  if (lines.size === 0) return [...ranges];
  const starts = lineStarts(text);
  const cut: [number, number][] = [...lines].sort((a, b) => a - b).map((i) => [starts[i], i + 1 < starts.length ? starts[i + 1] : text.length]);
  const out: AttributedRange[] = [];
  for (const r of ranges) {
    let s = r.start;
    for (const [cs, ce] of cut) {
      if (ce <= s || cs >= r.end) continue;
      if (cs > s) out.push({ start: s, end: cs, c: r.c });
      s = Math.max(s, ce);
    }
    if (s < r.end) out.push({ start: s, end: r.end, c: r.c });
  }
  return out;
}
