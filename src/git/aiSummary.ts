import { detectAiAssistance } from '../core/review/aiAssisted';
import { type AiSummary } from '../core/review/integrations/webhook';
import { readCommitFacts } from './commitFacts';

/**
 * The AI figures of the commits from `base` (exclusive) to `head`: how many
 * are AI-assisted, by which agents, and the AI-written lines where trailers
 * or provenance notes tell.
 */
export async function aiSummary(cwd: string, head: string, base?: string): Promise<AiSummary> {
  const facts = await readCommitFacts(cwd, [head, ...(base ? [`^${base}`] : [])]);
  const ai = facts.map(detectAiAssistance).filter((a) => a.assisted);
  const aiLines = ai.reduce((n, a) => n + (a.aiLines ?? 0), 0);
  const totalLines = ai.reduce((n, a) => n + (a.totalLines ?? 0), 0);
  return {
    commits: facts.length,
    aiAssistedCommits: ai.length,
    agents: [...new Set(ai.flatMap((a) => a.agents))],
    ...(aiLines > 0 ? { aiLines } : {}),
    ...(totalLines > 0 ? { totalLines } : {}),
  };
}
