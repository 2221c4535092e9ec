import { splitLines } from '../../core/trace/hash';
import { type AttributionSource, baseOf, computeAttribution } from './attribution';
import { readBlobs } from './blobs';
import { commitContext } from './context';
import { buildNote, carryFrom, commitProvenanceId, committedCredits, newProvenanceId, noteRecord, saveNote } from './provenance';

export interface PostCommitArgs {
  readonly cwd: string;
  readonly worklog: AttributionSource;
  readonly warn: (m: string) => void;
}

/**
 * post-commit: writes HEAD's note from the working log (and, for a
 * cherry-pick, from the picked commit's note, remapped by content), then
 * lets the working log forget the lines now committed. Amend and rebase
 * are completed by post-rewrite, which merges the old commits' notes in.
 */
export async function postCommit(a: PostCommitArgs): Promise<boolean> {
  const ctx = await commitContext(a.cwd);
  if (!ctx.head) return false;
  const sources = [];
  if (ctx.cherryPick) {
    const rec = await noteRecord(a.cwd, ctx.cherryPick, a.warn);
    if (rec) sources.push(await committedCredits(a.cwd, ctx.cherryPick, rec));
  }
  const existing = await noteRecord(a.cwd, ctx.head, a.warn);
  if (existing) sources.push(await committedCredits(a.cwd, ctx.head, existing));
  const { carry, paths } = carryFrom(sources);
  const att = await computeAttribution({ cwd: a.cwd, base: await baseOf(a.cwd, `${ctx.head}^`), target: { kind: 'commit', rev: ctx.head }, source: a.worklog, carry, carryPaths: paths });
  const id = (await commitProvenanceId(a.cwd, ctx.head)) ?? existing?.id ?? newProvenanceId();
  const rec = buildNote(att, id, ctx.head, ctx.cherryPick ? [ctx.cherryPick] : []);
  if (rec) await saveNote(a.cwd, ctx.head, rec);
  await forgetCommitted(a, ctx.head);
  return rec !== undefined;
}

/** Tells the working log which of its files' lines are now in `commit`. */
async function forgetCommitted(a: PostCommitArgs, commit: string): Promise<void> {
  const paths = await a.worklog.trackedPaths();
  if (paths.length === 0) return;
  const blobs = await readBlobs(a.cwd, paths.map((p) => `${commit}:${p}`));
  for (let i = 0; i < paths.length; i++) {
    const text = blobs[i];
    if (text !== undefined) await a.worklog.dropCommitted(paths[i], splitLines(text));
  }
}
