import * as fs from 'fs';
import { type Policy } from '../../core/policy/types';
import { buildTrailers, existingProvenanceId } from '../../core/trailers/build';
import { type DestructiveFinding } from '../../core/trailers/types';
import { addTrailersToFile, parseTrailers, trailerConfigKeys } from '../trailers';
import { type AttributionSource, commitOrEmpty, computeAttribution } from './attribution';
import { commitContext, isAmend } from './context';
import { REVISION_PLACEHOLDER, clearPending, writePending } from './pending';
import { buildNote, carryFrom, committedCredits, newProvenanceId, noteRecord } from './provenance';

export interface PrepareArgs {
  readonly cwd: string;
  readonly messageFile: string;
  /** git's second argument: message, template, merge, squash, commit, or none. */
  readonly source?: string;
  readonly sha?: string;
  readonly policy: Policy;
  readonly worklog: AttributionSource;
  readonly env: NodeJS.ProcessEnv;
  /** Risk findings of the staged change, when the risk engine is available. */
  readonly findings?: (cwd: string) => Promise<DestructiveFinding[]>;
  readonly warn: (m: string) => void;
  /** The git dir, when the hook script already knows it. */
  readonly gitDir?: string;
}

/**
 * prepare-commit-msg: adds our trailers when staged lines are AI-written,
 * and leaves the commit's note ready for post-commit (see pending.ts).
 * Skipped during a rebase (the rewrite carries the notes; messages of picked
 * commits keep their trailers), and for merges without AI lines. Returns
 * the number of trailers written.
 */
export async function prepareCommitMsg(a: PrepareArgs): Promise<number> {
  const ctx = await commitContext(a.cwd, a.gitDir);
  clearPending(ctx.gitDir);
  if (ctx.rebasing) return 0;
  const amend = ctx.head !== undefined && isAmend(a.source, a.sha, ctx.head, a.env);
  const base = await commitOrEmpty(a.cwd, amend ? ctx.parent : ctx.head);
  const carriedFrom = [amend ? ctx.head : undefined, ctx.cherryPick].filter((c): c is string => c !== undefined);
  const sources = [];
  for (const c of carriedFrom) {
    const rec = await noteRecord(a.cwd, c, a.warn);
    if (rec) sources.push(await committedCredits(a.cwd, c, rec));
  }
  const { carry, paths } = carryFrom(sources);
  // The message's trailers, the trailer configuration and the risk findings
  // do not depend on the attribution: read them while it is computed (each
  // git start is on the user's commit time).
  const enabled = a.policy.trailers.enabled;
  const existingP = enabled ? parseTrailers(fs.readFileSync(a.messageFile, 'utf8'), a.cwd) : Promise.resolve([]);
  const configP = enabled ? trailerConfigKeys(a.cwd) : Promise.resolve(new Set<string>());
  const findingsP = enabled && a.findings ? a.findings(a.cwd).catch((e: unknown) => (a.warn(`risk check skipped: ${(e as Error).message}`), [])) : Promise.resolve([]);
  const att = await computeAttribution({ cwd: a.cwd, base, target: { kind: 'index' }, source: a.worklog, carry, carryPaths: paths });
  const [existing, configured, destructive] = await Promise.all([existingP, configP, findingsP]);
  if (att.aiLines === 0) return 0;
  let id = newProvenanceId();
  let written = 0;
  if (enabled) {
    id = existingProvenanceId(existing) ?? id;
    const summary = { agents: att.agents, aiLines: att.aiLines, totalLines: att.totalLines, destructive, provenanceId: id };
    const trailers = buildTrailers(summary, a.policy.trailers, existing);
    await addTrailersToFile(a.messageFile, trailers, a.cwd, configured);
    written = trailers.length;
  }
  const rec = buildNote(att, id, REVISION_PLACEHOLDER, carriedFrom);
  if (rec) await writePending(a.cwd, ctx.gitDir, rec);
  return written;
}
