import { splitLines } from '../../core/trace/hash';
import { type AttributionSource, commitOrEmpty, computeAttribution } from './attribution';
import { readBlobs } from './blobs';
import { commitContext } from './context';
import { buildNote, carryFrom, committedCredits, newProvenanceId, noteRecord, saveNote } from './provenance';

export interface PostCommitArgs {
  readonly cwd: string;
  readonly worklog: AttributionSource;
  readonly warn: (m: string) => void;
  /** The git dir, when the hook script already knows it. */
  readonly gitDir?: string;
}

/**
 * post-commit: writes HEAD's note from the working log (and, for a
 * cherry-pick, from the picked commit's note, remapped by content), then
 * lets the working log forget the lines now committed. Amend and rebase
 * are completed by post-rewrite, which merges the old commits' notes in.
 * Every git call here is on the user's commit time: one context read, one
 * diff, one blob batch, one note write.
 */
export async function postCommit(a: PostCommitArgs): Promise<boolean> {
  const ctx = await commitContext(a.cwd, a.gitDir);
  if (!ctx.head) return false;
  const sources = [];
  if (ctx.cherryPick) {
    const rec = await noteRecord(a.cwd, ctx.cherryPick, a.warn);
    if (rec) sources.push(await committedCredits(a.cwd, ctx.cherryPick, rec));
  }
  const { carry, paths } = carryFrom(sources);
  const tracked = await a.worklog.trackedPaths();
  const att = await computeAttribution({
    cwd: a.cwd,
    base: await commitOrEmpty(a.cwd, ctx.parent),
    target: { kind: 'commit', rev: ctx.head },
    source: a.worklog,
    carry,
    carryPaths: paths,
    alsoRead: tracked,
  });
  const rec = buildNote(att, ctx.provenanceId ?? newProvenanceId(), ctx.head, ctx.cherryPick ? [ctx.cherryPick] : []);
  if (rec) await saveNote(a.cwd, ctx.head, rec);
  // The working log forgets the lines now in HEAD and keeps the rest.
  for (const p of tracked) {
    const text = att.blobs?.get(p);
    if (text !== undefined) await a.worklog.dropCommitted(p, splitLines(text));
  }
  return rec !== undefined;
}

/**
 * The working log's half of post-commit alone, for when the hook script
 * attached the prepared note itself (it runs this in the background).
 */
export async function dropCommitted(a: Omit<PostCommitArgs, 'gitDir'>): Promise<void> {
  const tracked = await a.worklog.trackedPaths();
  if (tracked.length === 0) return;
  const texts = await readBlobs(a.cwd, tracked.map((p) => `HEAD:${p}`));
  for (let i = 0; i < tracked.length; i++) {
    const text = texts[i];
    if (text !== undefined) await a.worklog.dropCommitted(tracked[i], splitLines(text));
  }
}
