import { type AiSummary, summarizeAi } from '../core/review/aiAssisted';
import { readCommitFacts } from './commitFacts';

/**
 * The AI figures of the commits from `base` (exclusive) to `head`: how many
 * are AI-assisted, by which agents, and the AI-written lines where trailers
 * or provenance notes tell.
 */
export async function aiSummary(cwd: string, head: string, base?: string): Promise<AiSummary> {
  return summarizeAi(await readCommitFacts(cwd, [head, ...(base ? [`^${base}`] : [])]));
}
