import { type AttributedRange } from './attributionMap';
import { type Contributor, type LineKind, contributorKey } from './contributor';

/** Who wrote one line; `contributor` is the line's main author (most characters). */
export interface LineAttribution {
  readonly kind: LineKind;
  readonly contributor: Contributor;
}

/** Consecutive lines (1-based, inclusive) with the same kind and main author. */
export interface LineRun {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: LineKind;
  readonly contributor: Contributor;
}

/** Start offsets of every line (a text ending in `\n` has a last, empty line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff;
}

interface Tally {
  ai: number;
  human: number;
  unknown: number;
  /** Non-whitespace characters no one is recorded for (older text). */
  plain: number;
  byKey: Map<string, { c: Contributor; n: number }>;
}

function tallyLine(text: string, ls: number, le: number, ranges: readonly AttributedRange[], from: number, nonWs: boolean): Tally {
  const t: Tally = { ai: 0, human: 0, unknown: 0, plain: 0, byKey: new Map() };
  let covered = 0;
  for (let i = from; i < ranges.length && ranges[i].start < le; i++) {
    const r = ranges[i];
    const s = Math.max(r.start, ls);
    const e = Math.min(r.end, le);
    let n = 0;
    for (let k = s; k < e; k++) if (!nonWs || !isSpace(text.charCodeAt(k))) n++;
    if (n === 0) continue;
    covered += n;
    t[r.c.kind] += n;
    const key = r.c.kind + '\u0001' + contributorKey(r.c);
    const entry = t.byKey.get(key);
    if (entry) entry.n += n;
    else t.byKey.set(key, { c: r.c, n });
  }
  if (nonWs) {
    let all = 0;
    for (let k = ls; k < le; k++) if (!isSpace(text.charCodeAt(k))) all++;
    t.plain = all - covered;
  }
  return t;
}

function kindOf(t: Tally): LineKind {
  if (t.ai > 0) return t.human + t.unknown + t.plain > 0 ? 'mixed' : 'ai';
  if (t.unknown > 0) return 'unknown';
  return 'human';
}

function mainAuthor(t: Tally, kind: LineKind): Contributor {
  const want = kind === 'mixed' ? 'ai' : kind;
  let best: { c: Contributor; n: number } | undefined;
  for (const e of t.byKey.values()) if (e.c.kind === want && (!best || e.n > best.n)) best = e;
  return best!.c;
}

/**
 * Classifies every line of `text` from its attributed ranges (sorted).
 * A line is `ai` when all its non-whitespace characters are AI-written,
 * `mixed` when AI characters share it with human, unknown or older text,
 * `unknown` when unknown characters are present without AI ones, `human`
 * otherwise. Whitespace and line breaks never decide a line with visible
 * text (a re-indent or an Enter at its end leaves it older text); a blank
 * line takes the author of its line break or of the one before it, so a
 * blank line inside an AI insertion is AI. Lines nobody touched are undefined.
 * Cost: O(lines + characters of the lines that ranges touch).
 */
export function classifyLines(text: string, ranges: readonly AttributedRange[]): (LineAttribution | undefined)[] {
  const starts = lineStarts(text);
  const out: (LineAttribution | undefined)[] = new Array<LineAttribution | undefined>(starts.length).fill(undefined);
  let ri = 0;
  for (let li = 0; li < starts.length; li++) {
    const ls = starts[li];
    const le = li + 1 < starts.length ? starts[li + 1] - 1 : text.length;
    while (ri < ranges.length && ranges[ri].end <= ls) ri++;
    // The line break belongs to its line: an inserted blank line is attributed.
    const withBreak = li + 1 < starts.length ? le + 1 : le;
    if (ri >= ranges.length || ranges[ri].start >= withBreak) continue;
    let t = tallyLine(text, ls, le, ranges, ri, true);
    if (t.plain === 0 && t.ai + t.human + t.unknown === 0) {
      // A blank line: whoever wrote its line break, or the one before it (Enter at a line's end).
      const from = li > 0 ? ls - 1 : ls;
      let rj = ri;
      while (rj > 0 && ranges[rj - 1].end > from) rj--;
      t = tallyLine(text, from, withBreak, ranges, rj, false);
    }
    if (t.ai + t.human + t.unknown === 0) continue;
    const kind = kindOf(t);
    out[li] = { kind, contributor: mainAuthor(t, kind) };
  }
  return out;
}

/** Groups classified lines into runs of the same kind and main author. */
export function lineRuns(lines: readonly (LineAttribution | undefined)[]): LineRun[] {
  const runs: LineRun[] = [];
  let cur: { startLine: number; endLine: number; kind: LineKind; contributor: Contributor; key: string } | undefined;
  lines.forEach((l, i) => {
    const key = l ? l.kind + '\u0001' + contributorKey(l.contributor) : '';
    if (cur && l && key === cur.key && cur.endLine === i) {
      cur.endLine = i + 1;
      return;
    }
    if (cur) runs.push({ startLine: cur.startLine, endLine: cur.endLine, kind: cur.kind, contributor: cur.contributor });
    cur = l ? { startLine: i + 1, endLine: i + 1, kind: l.kind, contributor: l.contributor, key } : undefined;
  });
  if (cur) runs.push({ startLine: cur.startLine, endLine: cur.endLine, kind: cur.kind, contributor: cur.contributor });
  return runs;
}

/** Line counts per kind, for summaries ("AI 35%"). */
export function countLines(lines: readonly (LineAttribution | undefined)[]): Record<LineKind, number> {
  const n: Record<LineKind, number> = { ai: 0, human: 0, unknown: 0, mixed: 0 };
  for (const l of lines) if (l) n[l.kind]++;
  return n;
}
