import { rangeHash } from './hash';
import { META, type TraceConversation, type TraceFile } from './types';

/** Who wrote one AI line: the parts of an `Assisted-by:` credit. */
export interface LineCredit {
  readonly agent: string;
  readonly model: string;
  /** How it arrived (`inline`, `chat`, `agent`), sorted, no duplicates. */
  readonly tools: readonly string[];
}

/** Per-line credits of one file's text: index i is line i + 1; undefined = not AI. */
export type FileCredits = ReadonlyArray<LineCredit | undefined>;

export function creditKey(c: LineCredit): string {
  return `${c.agent}\u0000${c.model}\u0000${c.tools.join(' ')}`;
}

/** Agent Trace's `provider/model`: kept when it has a provider, else guessed from the model family. */
export function modelId(model: string): string {
  if (model.includes('/')) return model;
  const m = model.toLowerCase();
  const provider = /^claude/.test(m)
    ? 'anthropic'
    : /^(gpt|o\d|codex|chatgpt)/.test(m)
      ? 'openai'
      : /^gemini|^gemma/.test(m)
        ? 'google'
        : /^(mistral|codestral|devstral)/.test(m)
          ? 'mistral'
          : /^grok/.test(m)
            ? 'xai'
            : /^(deepseek)/.test(m)
              ? 'deepseek'
              : 'unknown';
  return `${provider}/${model}`;
}

/**
 * The Agent Trace entry for a file: one conversation per credit, its
 * contiguous lines as ranges with content hashes of `lines`. Undefined when
 * no line is AI-written.
 */
export function toTraceFile(path: string, lines: readonly string[], credits: FileCredits): TraceFile | undefined {
  const convs = new Map<string, TraceConversation>();
  for (let i = 0; i < credits.length && i < lines.length; i++) {
    const c = credits[i];
    if (!c) continue;
    const key = creditKey(c);
    let conv = convs.get(key);
    if (!conv) {
      conv = { contributor: { type: 'ai', model_id: modelId(c.model) }, ranges: [], metadata: { [META.agent]: c.agent, [META.tools]: [...c.tools] } };
      convs.set(key, conv);
    }
    const last = conv.ranges[conv.ranges.length - 1];
    if (last && last.end_line === i) last.end_line = i + 1;
    else conv.ranges.push({ start_line: i + 1, end_line: i + 1 });
  }
  if (convs.size === 0) return undefined;
  for (const conv of convs.values()) for (const r of conv.ranges) r.content_hash = rangeHash(lines, r.start_line, r.end_line);
  return { path, conversations: [...convs.values()] };
}

/**
 * Per-line credits of a file entry read back against the text it describes.
 * A range whose content hash does not match `lines` (stale, hand-edited or
 * forged note) or that lies outside the text is dropped whole: a gap, never
 * a misattribution. Ranges without a hash cannot be checked and are dropped.
 */
export function fromTraceFile(file: TraceFile, lines: readonly string[]): (LineCredit | undefined)[] {
  const out: (LineCredit | undefined)[] = new Array<LineCredit | undefined>(lines.length).fill(undefined);
  for (const conv of file.conversations) {
    if (conv.contributor.type !== 'ai') continue;
    const credit = conversationCredit(conv);
    for (const r of conv.ranges) {
      if (!validRange(r.start_line, r.end_line, lines.length)) continue;
      if (!r.content_hash || rangeHash(lines, r.start_line, r.end_line) !== r.content_hash) continue;
      for (let l = r.start_line; l <= r.end_line; l++) out[l - 1] = credit;
    }
  }
  return out;
}

/** The credit a conversation stands for (agent from our metadata, else the model's provider). */
export function conversationCredit(conv: TraceConversation): LineCredit {
  const id = conv.contributor.model_id ?? 'unknown/unknown';
  const slash = id.indexOf('/');
  const model = slash >= 0 ? id.slice(slash + 1) : id;
  const meta = conv.metadata ?? {};
  const agent = typeof meta[META.agent] === 'string' ? (meta[META.agent] as string) : slash > 0 ? id.slice(0, slash) : 'unknown';
  const rawTools = meta[META.tools];
  const tools = Array.isArray(rawTools) ? rawTools.filter((t): t is string => typeof t === 'string') : [];
  return { agent, model: model || 'unknown', tools: [...new Set(tools)].sort() };
}

function validRange(start: number, end: number, n: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 1 && end >= start && end <= n;
}
