import * as fs from 'fs';
import { type Policy } from '../../core/policy/types';
import { buildTrailers, existingProvenanceId } from '../../core/trailers/build';
import { type DestructiveFinding } from '../../core/trailers/types';
import { addTrailersToFile, parseTrailers, trailerConfigKeys } from '../trailers';
import { type AttributionSource, commitOrEmpty, computeAttribution, prefetchIndexTexts, stagedPatch } from './attribution';
import { type CommitContext, commitContext, isAmend } from './context';
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
  /**
   * Risk findings of the staged change (its unified diff, as `stagedPatch`
   * gives it), when the risk engine is available. Called only when the
   * commit has AI lines, so the engine loads only then.
   */
  readonly findings?: (patch: string) => Promise<DestructiveFinding[]>;
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
 *
 * Every git process is on the user's commit time: one context read (only
 * when amending), one diff (shared with the risk engine), one blob batch,
 * one trailer parse,
 * one config read (those two only when the message may hold trailers) and
 * one trailer write; those that do not depend on each other run at the
 * same time.
 */
export async function prepareCommitMsg(a: PrepareArgs): Promise<number> {
  // Not amending (the usual case), the diff is against HEAD whatever its id:
  // start it with the context read instead of after it.
  // (A failure, on a first commit, falls back to the diff below.)
  const early = a.source === 'commit' || isAmend(a.source, a.sha, undefined, a.env) ? undefined : stagedPatch(a.cwd, 'HEAD').catch(() => undefined);
  // Then HEAD's id and parent are not needed either (an amend needs them):
  // the context comes from the git dir's files alone. The index texts of the
  // AI-credited files are read meanwhile (the working log is read first).
  const ctxP = commitContext(a.cwd, a.gitDir, early === undefined);
  const prefetched = prefetchIndexTexts(a.cwd, a.worklog);
  prefetched.catch(() => undefined);
  let ctx = await ctxP;
  clearPending(ctx.gitDir);
  if (ctx.rebasing) return 0;
  const amend = ctx.head !== undefined && isAmend(a.source, a.sha, ctx.head, a.env);
  let patch = amend ? undefined : await early;
  let base = 'HEAD';
  if (patch === undefined) {
    // Amending, or the diff against HEAD failed (no commit yet): now with HEAD's id.
    if (early !== undefined) ctx = await commitContext(a.cwd, a.gitDir);
    base = await commitOrEmpty(a.cwd, amend ? ctx.parent : ctx.head);
    patch = await stagedPatch(a.cwd, base);
  }
  const enabled = a.policy.trailers.enabled;
  // The message's trailers and the trailer configuration do not depend on
  // the attribution: read them while it is computed.
  // A message that cannot hold trailers (`commit -m "subject"`) needs
  // neither: no trailer of ours is there, so git's `ifexists` rules have
  // nothing to decide and the configuration need not be known.
  const message = enabled ? fs.readFileSync(a.messageFile, 'utf8') : '';
  const parse = enabled && mayHaveTrailers(message);
  const existingP = parse ? parseTrailers(message, a.cwd) : Promise.resolve([]);
  const configP = parse ? trailerConfigKeys(a.cwd) : Promise.resolve(new Set<string>());
  const { carry, paths, carriedFrom } = await carried(a, ctx, amend);
  // The risk findings (Destructive-change trailers) need only the diff: when
  // there are AI lines to expect — the usual reason this hook runs — the
  // engine works while git reads the blobs; otherwise only if some turn up.
  const findings = () => (a.findings ? a.findings(patch).catch((e: unknown) => (a.warn(`risk check skipped: ${(e as Error).message}`), [])) : Promise.resolve([]));
  const expectAi = (await a.worklog.aiFiles()).size > 0 || paths.size > 0;
  const findingsP = enabled && expectAi ? findings() : undefined;
  const att = await computeAttribution({ cwd: a.cwd, base, target: { kind: 'index' }, source: a.worklog, carry, carryPaths: paths, patch, prefetched });
  const [existing, configured] = await Promise.all([existingP, configP]);
  if (att.aiLines === 0) return 0;
  let id = newProvenanceId();
  let written = 0;
  if (enabled) {
    const destructive = await (findingsP ?? findings());
    id = existingProvenanceId(existing) ?? id;
    const summary = { agents: att.agents, aiLines: att.aiLines, totalLines: att.totalLines, destructive, provenanceId: id };
    const trailers = buildTrailers(summary, a.policy.trailers, existing);
    await addTrailersToFile(a.messageFile, trailers, a.cwd, parse ? configured : 'no-existing');
    written = trailers.length;
  }
  const rec = buildNote(att, id, REVISION_PLACEHOLDER, carriedFrom);
  // Only our hook script passes git's process id; run otherwise, post-commit computes the note itself.
  const gitPid = a.env.AIPROV_GIT_PID;
  if (rec && gitPid && /^\d+$/.test(gitPid)) writePending(ctx.gitDir, rec, gitPid);
  return written;
}

/** The credits an amend (HEAD's note) or a cherry-pick (the picked commit's note) brings along. */
async function carried(a: PrepareArgs, ctx: CommitContext, amend: boolean) {
  const carriedFrom = [amend ? ctx.head : undefined, ctx.cherryPick].filter((c): c is string => c !== undefined);
  const sources = [];
  for (const c of carriedFrom) {
    const rec = await noteRecord(a.cwd, c, a.warn);
    if (rec) sources.push(await committedCredits(a.cwd, c, rec));
  }
  return { ...carryFrom(sources), carriedFrom };
}

/**
 * Whether git could find trailers in `message`. git takes the first
 * paragraph (up to the first blank line) as the title, never as trailers,
 * whatever `trailer.separators` and `core.commentChar` say; so a message
 * without a blank line followed by more text (`commit -m "subject"`) holds
 * none, and the parse (a git process) is skipped.
 */
export function mayHaveTrailers(message: string): boolean {
  const lines = message.split('\n');
  const blank = lines.findIndex((l) => l.trim() === '');
  return blank >= 0 && lines.slice(blank + 1).some((l) => l.trim() !== '');
}
