import { type CommitFacts, parseTrailerLines } from '../core/review/facts';
import { git } from './git';

/** The notes ref holding per-commit Agent Trace records. */
export const PROVENANCE_NOTES_REF = 'refs/notes/ai-provenance';

const RS = '\x1e';
const US = '\x1f';

/**
 * Everything verification needs about the commits of `revs` (e.g.
 * `['main..HEAD']`), oldest first, in one `git log`: author, trailers as git
 * parses them, touched paths (renames split into delete + add, so a rename
 * out of a critical path still counts), and the provenance note.
 */
export async function readCommitFacts(cwd: string, revs: readonly string[]): Promise<CommitFacts[]> {
  const hasNotes = (await git(['rev-parse', '--verify', '-q', PROVENANCE_NOTES_REF], { cwd, allowFailure: true })).exitCode === 0;
  const notesArgs = hasNotes ? ['--no-notes', `--notes=${PROVENANCE_NOTES_REF}`] : ['--no-notes'];
  const format = `${RS}%H${US}%ae${US}%an${US}%(trailers:unfold,only)${US}${hasNotes ? '%N' : ''}${US}`;
  const r = await git(['log', '-z', '--no-renames', '--name-only', '--no-color', `--format=${format}`, ...notesArgs, ...revs, '--'], { cwd });
  const out: CommitFacts[] = [];
  for (const chunk of r.stdout.split(RS)) {
    if (!chunk) continue;
    const parts = chunk.split(US);
    if (parts.length < 6) continue;
    const [id, authorEmail, authorName, trailers, note] = parts as [string, string, string, string, string];
    const paths = parts[5].replace(/^\0?\n?/, '').split('\0').filter(Boolean);
    out.push({
      id,
      authorEmail,
      authorName,
      trailers: parseTrailerLines(trailers),
      paths,
      provenanceNote: note.trim() ? note : undefined,
    });
  }
  return out.reverse();
}
