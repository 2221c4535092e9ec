import { type CommitFacts } from './facts';

/** Whether a commit carries AI-written lines, and how we know. */
export interface AiAssistance {
  assisted: boolean;
  /** Human-readable evidence, e.g. `trailer Assisted-by: ClaudeCode:claude-sonnet-4-5`. */
  signals: string[];
  /** Agents or models named by the evidence (deduplicated). */
  agents: string[];
  /** AI-written lines when the note or an `AI-Lines:` trailer tells. */
  aiLines?: number;
  /** All lines counted by `AI-Lines: N/M`, when present. */
  totalLines?: number;
}

/**
 * Co-author lines that assistants write themselves (VS Code's
 * `git.addAICoAuthor`, Claude Code, Aider, Codex, Cursor, Gemini). Both the
 * name and the address must look like the assistant's, so a human colleague
 * who happens to be called Claude does not count.
 */
const AI_COAUTHORS: readonly RegExp[] = [
  /^copilot\b.*<[^>]*copilot@users\.noreply\.github\.com>/,
  /^claude\b.*<[^>]*@anthropic\.com>/,
  /^aider\b.*<[^>]*@aider\.chat>/,
  /^codex\b.*<[^>]*@openai\.com>/,
  /^cursor\b.*<[^>]*@cursor\.(com|sh)>/,
  /^gemini\b.*<[^>]*@google\.com>/,
];

interface TraceSummary {
  aiLines: number;
  models: string[];
}

/** Reads an Agent Trace record (agent-trace.dev v0.1): AI or mixed conversations and their line ranges. */
export function summarizeTrace(note: string): TraceSummary | undefined {
  const candidates = [note, ...note.split('\n')];
  for (const text of candidates) {
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch {
      continue;
    }
    const files = (rec as { files?: unknown }).files;
    if (!Array.isArray(files)) continue;
    let aiLines = 0;
    const models = new Set<string>();
    let ai = false;
    for (const f of files as { conversations?: unknown }[]) {
      for (const c of Array.isArray(f?.conversations) ? (f.conversations as Record<string, unknown>[]) : []) {
        const who = c?.contributor as { type?: unknown; model_id?: unknown } | undefined;
        if (who?.type !== 'ai' && who?.type !== 'mixed') continue;
        ai = true;
        if (typeof who.model_id === 'string') models.add(who.model_id);
        for (const r of Array.isArray(c.ranges) ? (c.ranges as { start_line?: unknown; end_line?: unknown }[]) : []) {
          if (typeof r?.start_line === 'number' && typeof r.end_line === 'number' && r.end_line >= r.start_line) aiLines += r.end_line - r.start_line + 1;
        }
      }
    }
    return ai ? { aiLines, models: [...models] } : { aiLines: 0, models: [] };
  }
  return undefined;
}

/**
 * Decides whether a commit is AI-assisted from everything git holds about it:
 * its provenance note, `Assisted-by:`/`Generated-by:` trailers, assistants'
 * own co-author lines, a non-zero `AI-Lines:` trailer, or Aider's
 * `(aider)` author-name suffix.
 */
export function detectAiAssistance(c: CommitFacts): AiAssistance {
  const signals: string[] = [];
  const agents = new Set<string>();
  let aiLines: number | undefined;
  let totalLines: number | undefined;
  if (c.provenanceNote) {
    const t = summarizeTrace(c.provenanceNote);
    if (t && (t.aiLines > 0 || t.models.length > 0)) {
      signals.push(`note on refs/notes/ai-provenance (${t.aiLines} AI lines)`);
      aiLines = t.aiLines;
      for (const m of t.models) agents.add(m);
    }
  }
  for (const { key, value } of c.trailers) {
    const k = key.toLowerCase();
    if (k === 'assisted-by' || k === 'generated-by') {
      signals.push(`trailer ${key}: ${value}`);
      const agent = value.split(/\s+/)[0];
      if (agent) agents.add(agent);
    } else if (k === 'co-authored-by' && AI_COAUTHORS.some((re) => re.test(value.trim().toLowerCase()))) {
      signals.push(`trailer ${key}: ${value}`);
      agents.add(value.replace(/\s*<.*$/, ''));
    } else if (k === 'ai-lines') {
      const m = /^(\d+)\s*\/\s*(\d+)/.exec(value);
      if (m && Number(m[1]) > 0) {
        signals.push(`trailer ${key}: ${value}`);
        aiLines ??= Number(m[1]);
        totalLines = Number(m[2]);
      }
    }
  }
  if (/\(aider\)\s*$/.test(c.authorName)) {
    signals.push(`author "${c.authorName}" (Aider)`);
    agents.add('aider');
  }
  return { assisted: signals.length > 0, signals, agents: [...agents], aiLines, totalLines };
}

/** The AI figures of a set of commits (from trailers and provenance notes). */
export interface AiSummary {
  commits: number;
  aiAssistedCommits: number;
  /** Agents and models named by the commits' evidence. */
  agents: string[];
  aiLines?: number;
  totalLines?: number;
}

/**
 * Sums {@link detectAiAssistance} over commits: how many are AI-assisted, by
 * which agents, and the AI-written lines where trailers or notes tell.
 */
export function summarizeAi(commits: readonly CommitFacts[]): AiSummary {
  const ai = commits.map(detectAiAssistance).filter((a) => a.assisted);
  const aiLines = ai.reduce((n, a) => n + (a.aiLines ?? 0), 0);
  const totalLines = ai.reduce((n, a) => n + (a.totalLines ?? 0), 0);
  return {
    commits: commits.length,
    aiAssistedCommits: ai.length,
    agents: [...new Set(ai.flatMap((a) => a.agents))],
    ...(aiLines > 0 ? { aiLines } : {}),
    ...(totalLines > 0 ? { totalLines } : {}),
  };
}
