/** Who wrote a piece of text, as far as we can tell. */
export type ContributorKind = 'ai' | 'human' | 'unknown';

/** How we learned who wrote it; most reliable first (see PRODUCT.md, signals). */
export type Via = 'agent-hook' | 'inline-completion' | 'chat-edit' | 'external-write' | 'heuristic' | 'manual';

/**
 * The author of a range of characters. `at` is an ISO-8601 time of the
 * first character; it is NOT part of identity, so adjacent ranges by the same
 * author/session/channel merge even when typed at different moments.
 */
export interface Contributor {
  readonly kind: ContributorKind;
  /** Tool name for `ai` (e.g. `ClaudeCode`, `GitHubCopilot`). */
  readonly agent?: string;
  /** Model id (e.g. `claude-sonnet-4-5`), when the tool tells us. */
  readonly model?: string;
  /** The agent's session or conversation id, when known. */
  readonly session?: string;
  readonly via: Via;
  readonly at: string;
}

/** The kind of a whole line: `mixed` is Agent Trace's word for AI + human. */
export type LineKind = ContributorKind | 'mixed';

/** Same author for merging purposes: every field but `at`. */
export function sameContributor(a: Contributor | undefined, b: Contributor | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.kind === b.kind && a.via === b.via && a.agent === b.agent && a.model === b.model && a.session === b.session;
}

/** A stable string for grouping and counting (excludes `at`). */
export function contributorKey(c: Contributor): string {
  return [c.kind, c.via, c.agent ?? '', c.model ?? '', c.session ?? ''].join('\u0000');
}

const KINDS: ReadonlySet<string> = new Set(['ai', 'human', 'unknown']);
const VIAS: ReadonlySet<string> = new Set(['agent-hook', 'inline-completion', 'chat-edit', 'external-write', 'heuristic', 'manual']);

/** Validates untrusted JSON (a record read from disk); undefined when malformed. */
export function parseContributor(v: unknown): Contributor | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !KINDS.has(o.kind)) return undefined;
  if (typeof o.via !== 'string' || !VIAS.has(o.via)) return undefined;
  if (typeof o.at !== 'string') return undefined;
  for (const k of ['agent', 'model', 'session'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') return undefined;
  const c: { -readonly [K in keyof Contributor]: Contributor[K] } = { kind: o.kind as ContributorKind, via: o.via as Via, at: o.at };
  if (typeof o.agent === 'string') c.agent = o.agent;
  if (typeof o.model === 'string') c.model = o.model;
  if (typeof o.session === 'string') c.session = o.session;
  return c;
}
