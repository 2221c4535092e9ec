/** One `Key: value` trailer line. */
export interface Trailer {
  readonly key: string;
  readonly value: string;
}

/** Who wrote AI lines of a commit, as named in an `Assisted-by:` trailer. */
export interface AgentCredit {
  /** Tool name, e.g. `ClaudeCode`. Sanitised before use. */
  readonly agent: string;
  /** Model id, e.g. `claude-sonnet-4-5`; `unknown` when the tool did not say. */
  readonly model: string;
  /** How the lines arrived (`inline`, `chat`); printed as `[TOOL]`. */
  readonly tools: readonly string[];
  /** Added lines credited to this agent and model. */
  readonly lines: number;
}

/** A risk finding worth a `Destructive-change: RULE PATH` trailer. */
export interface DestructiveFinding {
  readonly rule: string;
  readonly path: string;
}

/** What a commit contains, the input to the trailers. */
export interface CommitSummary {
  readonly agents: readonly AgentCredit[];
  /** Added lines written by AI. */
  readonly aiLines: number;
  /** All added lines. */
  readonly totalLines: number;
  readonly destructive: readonly DestructiveFinding[];
  /** The uuid naming the commit's note. */
  readonly provenanceId: string;
}

/** Our trailer keys, spelled as written. */
export const KEYS = {
  assisted: 'Assisted-by',
  generated: 'Generated-by',
  aiLines: 'AI-Lines',
  destructive: 'Destructive-change',
  provenanceId: 'Provenance-Id',
} as const;
