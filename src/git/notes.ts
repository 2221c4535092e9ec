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
  const blob = (await git(['hash-object', '-w', '--stdin'], { cwd, input: text })).stdout.trim();
  await git(['notes', `--ref=${ref}`, 'add', '-f', '-C', blob, commit], { cwd, env: { GIT_NOTES_REF: ref } });
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
