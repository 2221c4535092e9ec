import { type Policy } from '../../core/policy/types';
import { buildTrailers } from '../../core/trailers/build';
import { type Trailer } from '../../core/trailers/types';
import { parseTrailers } from '../trailers';
import { worklogDir } from '../worklog';
import { commitOrEmpty, computeAttribution } from './attribution';
import { commitContext } from './context';
import { newProvenanceId } from './provenance';
import { worklogSource } from './worklogSource';

/**
 * The trailers the next commit of what is staged now would get, for a
 * message being written elsewhere (the Source Control input box). The
 * prepare-commit-msg hook recomputes at commit time and adds nothing twice.
 * Risk trailers are left to the hook.
 */
export async function stagedTrailers(cwd: string, message: string, policy: Policy, warn: (m: string) => void): Promise<Trailer[]> {
  if (!policy.trailers.enabled) return [];
  const ctx = await commitContext(cwd);
  if (ctx.rebasing) return [];
  const source = worklogSource(await worklogDir(cwd), warn);
  const att = await computeAttribution({ cwd, base: await commitOrEmpty(cwd, ctx.head), target: { kind: 'index' }, source });
  if (att.aiLines === 0) return [];
  const existing = await parseTrailers(message, cwd);
  return buildTrailers({ agents: att.agents, aiLines: att.aiLines, totalLines: att.totalLines, destructive: [], provenanceId: newProvenanceId() }, policy.trailers, existing);
}
