/**
 * Agent Trace records (agent-trace.dev, v0.1.0): the body of our note on
 * `refs/notes/ai-provenance`, one per commit. Line numbers are 1-based and
 * inclusive, in the file as committed.
 */

export const TRACE_VERSION = '0.1.0';

/** Agent Trace's contributor kinds. */
export type TraceContributorType = 'ai' | 'human' | 'mixed' | 'unknown';

export interface TraceRange {
  start_line: number;
  end_line: number;
  /** `sha256:` + 16 hex digits of the range's lines joined by `\n` (see hash.ts). */
  content_hash?: string;
}

export interface TraceContributor {
  type: TraceContributorType;
  /** `provider/model`, e.g. `anthropic/claude-sonnet-4-5`. */
  model_id?: string;
}

export interface TraceConversation {
  url?: string;
  contributor: TraceContributor;
  ranges: TraceRange[];
  /** Vendor data under reverse-domain keys: `dev.ai-provenance.agent`, `.tools`. */
  metadata?: Record<string, unknown>;
}

export interface TraceFile {
  /** Repository-relative, `/`-separated. */
  path: string;
  conversations: TraceConversation[];
}

export interface TraceRecord {
  version: string;
  /** uuid; equals the commit's `Provenance-Id:` trailer. */
  id: string;
  /** RFC 3339. */
  timestamp: string;
  vcs?: { type: 'git'; revision: string };
  tool?: { name: string; version?: string };
  files: TraceFile[];
  metadata?: Record<string, unknown>;
}

/** Reverse-domain keys of our vendor metadata. */
export const META = {
  agent: 'dev.ai-provenance.agent',
  tools: 'dev.ai-provenance.tools',
  aiLines: 'dev.ai-provenance.ai_lines',
  totalLines: 'dev.ai-provenance.total_lines',
  sources: 'dev.ai-provenance.rewritten_from',
} as const;
