import { type TrailerPolicy } from '../policy/types';
import { creditedByCoAuthor } from './coauthors';
import { sanitizeName, sanitizeTool } from './sanitize';
import { type AgentCredit, type CommitSummary, KEYS, type Trailer } from './types';

/**
 * The trailers for a commit with AI-written lines, in the order they are
 * written. Nothing when trailers are off or no added line is AI-written.
 *
 * Not duplicating what is there (issue: "never duplicating"):
 * - an agent whose assistant already added its own `Co-authored-by` line
 *   (VS Code's Copilot co-author, Claude Code, Aider, Codex, Cursor) gets no
 *   `Assisted-by` from us; theirs is kept as it is. AI-Lines and
 *   Provenance-Id are still added (nothing else carries them) and the note
 *   names the model;
 * - an `Assisted-by`/`Generated-by` for the same AGENT:MODEL (any tools) is
 *   not repeated;
 * - an existing `Provenance-Id` is kept (see `existingProvenanceId`).
 * We never write `Signed-off-by` or `Co-authored-by`: an AI cannot certify
 * the DCO, and co-author lines belong to the assistants.
 */
export function buildTrailers(summary: CommitSummary, policy: TrailerPolicy, existing: readonly Trailer[]): Trailer[] {
  if (!policy.enabled || summary.aiLines <= 0) return [];
  const key = policy.style === 'generated-by' ? KEYS.generated : KEYS.assisted;
  const out: Trailer[] = [];
  const seen = new Set(existing.filter((t) => isCreditKey(t.key)).map((t) => creditIdentity(t.value)));
  for (const credit of mergeCredits(summary.agents)) {
    const value = creditValue(credit);
    const id = creditIdentity(value);
    if (seen.has(id) || creditedByCoAuthor(credit.agent, existing)) continue;
    seen.add(id);
    out.push({ key, value });
  }
  out.push({ key: KEYS.aiLines, value: `${summary.aiLines}/${summary.totalLines}` });
  out.push(...destructiveTrailers(summary, policy.maxDestructive));
  out.push({ key: KEYS.provenanceId, value: existingProvenanceId(existing) ?? summary.provenanceId });
  return out;
}

/** `AGENT:MODEL [TOOL]…`, every part sanitised. */
export function creditValue(c: AgentCredit): string {
  const tools = [...new Set(c.tools.map(sanitizeTool).filter(Boolean))].sort();
  const head = `${sanitizeName(c.agent)}:${sanitizeName(c.model)}`;
  return tools.length ? `${head} ${tools.map((t) => `[${t}]`).join(' ')}` : head;
}

/** The Provenance-Id a message already carries (amend, reword), if any. */
export function existingProvenanceId(existing: readonly Trailer[]): string | undefined {
  const t = existing.find((x) => x.key.toLowerCase() === KEYS.provenanceId.toLowerCase());
  const v = t?.value.trim();
  return v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v.toLowerCase() : undefined;
}

function isCreditKey(k: string): boolean {
  const l = k.toLowerCase();
  return l === KEYS.assisted.toLowerCase() || l === KEYS.generated.toLowerCase();
}

/** `agent:model` lower-cased, tools ignored. */
function creditIdentity(value: string): string {
  return (value.trim().split(/\s+/)[0] ?? '').toLowerCase();
}

/** One credit per sanitised agent:model, most lines first, tools merged. */
function mergeCredits(credits: readonly AgentCredit[]): AgentCredit[] {
  const byId = new Map<string, { agent: string; model: string; tools: Set<string>; lines: number }>();
  for (const c of credits) {
    const agent = sanitizeName(c.agent);
    const model = sanitizeName(c.model);
    const id = `${agent}:${model}`.toLowerCase();
    const cur = byId.get(id) ?? { agent, model, tools: new Set<string>(), lines: 0 };
    c.tools.forEach((t) => cur.tools.add(t));
    cur.lines += c.lines;
    byId.set(id, cur);
  }
  return [...byId.values()]
    .sort((a, b) => b.lines - a.lines || a.agent.localeCompare(b.agent) || a.model.localeCompare(b.model))
    .map((c) => ({ agent: c.agent, model: c.model, tools: [...c.tools], lines: c.lines }));
}

/**
 * One `Destructive-change: RULE PATH` per distinct finding, at most `max`;
 * when more, a last `Destructive-change: +N more` counts the rest.
 */
function destructiveTrailers(summary: CommitSummary, max: number): Trailer[] {
  const seen = new Set<string>();
  const values: string[] = [];
  for (const f of summary.destructive) {
    const v = `${sanitizeName(f.rule)} ${pathValue(f.path)}`;
    if (!seen.has(v)) values.push(v);
    seen.add(v);
  }
  const cap = Math.max(0, Math.floor(max));
  const shown = values.slice(0, cap).map((value) => ({ key: KEYS.destructive, value }));
  const rest = values.length - shown.length;
  if (rest > 0) shown.push({ key: KEYS.destructive, value: `+${rest} more` });
  return shown;
}

/** A path on one line: control characters escaped, long paths shortened. */
function pathValue(p: string): string {
  const one = p.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  return one.length > 200 ? `…${one.slice(-199)}` : one;
}
