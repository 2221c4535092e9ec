import { git } from './git';
import { readBlobs } from './hooks/blobs';

/**
 * Our per-commit notes: one Agent Trace record per commit on
 * `refs/notes/ai-provenance`. Notes are written from a blob (`-C`), so git
 * stores exactly our text (no stripspace of the JSON).
 */
export const NOTES_REF = 'refs/notes/ai-provenance';

/** The note of `commit`, or undefined when it has none. */
export async function readNote(cwd: string, commit: string, ref = NOTES_REF): Promise<string | undefined> {
  const r = await git(['notes', `--ref=${ref}`, 'show', commit], { cwd, allowFailure: true });
  return r.exitCode === 0 ? r.stdout : undefined;
}

/** Replaces the note of `commit` with `text`. */
export async function writeNote(cwd: string, commit: string, text: string, ref = NOTES_REF): Promise<void> {
  if (/^#|[ \t]$|\n\n/m.test(text)) {
    // Text that git's clean-up would change (comment-like lines, trailing
    // blanks, blank lines): store it verbatim as a blob.
    const blob = (await git(['hash-object', '-w', '--stdin'], { cwd, input: text })).stdout.trim();
    await git(['notes', `--ref=${ref}`, 'add', '-f', '-C', blob, commit], { cwd });
    return;
  }
  // Our JSON is unchanged by `-F`'s clean-up, and this is one process, not two.
  await git(['notes', `--ref=${ref}`, 'add', '-f', '-F', '-', commit], { cwd, input: text });
}

/** Commit id -> note blob id, for every note on `ref`. */
export async function listNotes(cwd: string, ref = NOTES_REF): Promise<Map<string, string>> {
  const r = await git(['notes', `--ref=${ref}`, 'list'], { cwd, allowFailure: true });
  const out = new Map<string, string>();
  if (r.exitCode !== 0) return out;
  for (const line of r.stdout.split('\n')) {
    const [blob, commit] = line.trim().split(/\s+/);
    if (blob && commit) out.set(commit, blob);
  }
  return out;
}

/** The notes of many commits at once (one `cat-file --batch`); commits without a note are absent. */
export async function readNotes(cwd: string, commits: readonly string[], ref = NOTES_REF): Promise<Map<string, string>> {
  const all = await listNotes(cwd, ref);
  const wanted = commits.filter((c) => all.has(c));
  const texts = await readBlobs(cwd, wanted.map((c) => all.get(c)!));
  const out = new Map<string, string>();
  wanted.forEach((c, i) => {
    const t = texts[i];
    if (t !== undefined) out.set(c, t);
  });
  return out;
}

/** True when the notes ref exists (cheap check before heavier work). */
export async function hasNotes(cwd: string, ref = NOTES_REF): Promise<boolean> {
  const r = await git(['rev-parse', '--verify', '-q', ref], { cwd, allowFailure: true });
  return r.exitCode === 0;
}

/** Where `git fetch` puts a remote's copy of our notes: never over the local ref. */
export function remoteNotesRef(remote: string): string {
  return `refs/notes/remotes/${remote}/ai-provenance`;
}

/** What `setupNotesSync` changed for one remote. */
export interface SyncSetup {
  readonly remote: string;
  readonly added: string[];
}

/**
 * Configures a remote so `git fetch` brings our notes into
 * `refs/notes/remotes/<remote>/ai-provenance` (forced: it mirrors the remote;
 * the refspec is a pattern so a remote without notes yet fetches fine)
 * and `git push` sends ours. A remote without push refspecs gets `HEAD`
 * first, because the first push refspec replaces git's default of pushing
 * the current branch. Existing entries are left; nothing is duplicated.
 */
export async function setupNotesSync(cwd: string, remote: string, opts: { push: boolean }): Promise<SyncSetup> {
  const get = async (key: string) => {
    const r = await git(['config', '--get-all', key], { cwd, allowFailure: true });
    return r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  };
  if ((await get(`remote.${remote}.url`)).length === 0) throw new Error(`no remote named '${remote}'`);
  const added: string[] = [];
  // A pattern, not the one ref: a refspec naming one ref makes every
  // 'git fetch' fail while the remote has no notes yet; a pattern matching
  // nothing is fine. An exact spec from an earlier setup is replaced.
  const fetchSpec = `+${NOTES_REF}*:${remoteNotesRef(remote)}*`;
  const fetches = await get(`remote.${remote}.fetch`);
  const exact = `+${NOTES_REF}:${remoteNotesRef(remote)}`;
  if (fetches.includes(exact)) await git(['config', '--fixed-value', '--unset', `remote.${remote}.fetch`, exact], { cwd });
  if (!fetches.includes(fetchSpec)) {
    await git(['config', '--add', `remote.${remote}.fetch`, fetchSpec], { cwd });
    added.push(`remote.${remote}.fetch ${fetchSpec}`);
  }
  if (opts.push) {
    const pushes = await get(`remote.${remote}.push`);
    const pushSpec = `${NOTES_REF}:${NOTES_REF}`;
    if (pushes.length === 0) {
      await git(['config', '--add', `remote.${remote}.push`, 'HEAD'], { cwd });
      added.push(`remote.${remote}.push HEAD`);
    }
    if (!pushes.includes(pushSpec)) {
      await git(['config', '--add', `remote.${remote}.push`, pushSpec], { cwd });
      added.push(`remote.${remote}.push ${pushSpec}`);
    }
  }
  return { remote, added };
}

/** The result of merging a fetched notes ref into ours. */
export interface NotesMerge {
  readonly from: string;
  readonly result: 'up-to-date' | 'fast-forward' | 'merged' | 'absent';
  /** Commits whose notes differed on both sides and were combined. */
  readonly combined: number;
}

/**
 * Merges a fetched notes ref into ours without losing either side: notes
 * only one side has are taken (git notes merge); a commit noted on both
 * sides gets both records' files (readers check every range against the
 * commit's content, so a combined note cannot credit text it does not
 * match). Our ref ends up a descendant of theirs, so a push fast-forwards.
 */
export async function mergeNotes(cwd: string, from: string, combine: (ours: string, theirs: string) => string): Promise<NotesMerge> {
  const theirsTip = await revParse(cwd, from);
  if (!theirsTip) return { from, result: 'absent', combined: 0 };
  const oursTip = await revParse(cwd, NOTES_REF);
  if (!oursTip) {
    await git(['update-ref', NOTES_REF, theirsTip], { cwd });
    return { from, result: 'fast-forward', combined: 0 };
  }
  if (await isAncestor(cwd, theirsTip, oursTip)) return { from, result: 'up-to-date', combined: 0 };
  if (await isAncestor(cwd, oursTip, theirsTip)) {
    await git(['update-ref', NOTES_REF, theirsTip, oursTip], { cwd });
    return { from, result: 'fast-forward', combined: 0 };
  }
  const ours = await listNotes(cwd, NOTES_REF);
  const theirs = await listNotes(cwd, from);
  const both = [...ours.keys()].filter((c) => theirs.has(c) && theirs.get(c) !== ours.get(c));
  const texts = await readBlobs(cwd, both.flatMap((c) => [ours.get(c)!, theirs.get(c)!]));
  await git(['notes', `--ref=${NOTES_REF}`, 'merge', '-q', '-s', 'ours', from], { cwd });
  let combined = 0;
  for (let i = 0; i < both.length; i++) {
    const a = texts[2 * i];
    const b = texts[2 * i + 1];
    if (a === undefined || b === undefined) continue;
    await writeNote(cwd, both[i], combine(a, b), NOTES_REF);
    combined++;
  }
  return { from, result: 'merged', combined };
}

async function revParse(cwd: string, ref: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--verify', '-q', ref], { cwd, allowFailure: true });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

async function isAncestor(cwd: string, a: string, b: string): Promise<boolean> {
  return (await git(['merge-base', '--is-ancestor', a, b], { cwd, allowFailure: true })).exitCode === 0;
}

/** The remotes whose fetched copy of our notes exists locally. */
export async function fetchedNotesRefs(cwd: string): Promise<string[]> {
  const r = await git(['for-each-ref', '--format=%(refname)', 'refs/notes/remotes/'], { cwd, allowFailure: true });
  return r.stdout.split('\n').map((s) => s.trim()).filter((s) => s.endsWith('/ai-provenance'));
}
