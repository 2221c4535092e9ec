import { parseNoteText } from '../core/trace/combine';
import { type LineCredit, fromTraceFile } from '../core/trace/credits';
import { splitLines } from '../core/trace/hash';
import { type TraceRecord } from '../core/trace/types';
import { readBlobs } from './hooks/blobs';
import { readNotes } from './notes';

/** Verified AI credits of one file of a commit (index i = line i + 1). */
export type CommitFileCredits = Map<string, (LineCredit | undefined)[]>;

/**
 * The verified credits of many commits' notes, reading every blob in one
 * `git cat-file --batch`: each range is checked against the file as
 * committed (content hash), so a stale or forged note credits nothing.
 * Commits without a readable note are absent.
 */
export async function verifiedCredits(cwd: string, commits: readonly string[], warn?: (m: string) => void): Promise<Map<string, CommitFileCredits>> {
  const notes = await readNotes(cwd, commits);
  const recs: [string, TraceRecord][] = [];
  for (const [c, text] of notes) {
    try {
      recs.push([c, parseNoteText(text)]);
    } catch (e) {
      warn?.(`ignoring the unreadable ai-provenance note of ${c.slice(0, 12)}: ${(e as Error).message}`);
    }
  }
  const specs: { commit: string; path: string; rec: TraceRecord }[] = [];
  for (const [commit, rec] of recs) for (const p of new Set(rec.files.map((f) => f.path))) specs.push({ commit, path: p, rec });
  const blobs = await readBlobs(cwd, specs.map((s) => `${s.commit}:${s.path}`));
  const out = new Map<string, CommitFileCredits>();
  specs.forEach((s, i) => {
    const text = blobs[i];
    if (text === undefined) return;
    const lines = splitLines(text);
    const credits = new Array<LineCredit | undefined>(lines.length).fill(undefined);
    for (const f of s.rec.files) {
      if (f.path !== s.path) continue;
      fromTraceFile(f, lines).forEach((c, k) => (credits[k] ??= c));
    }
    if (!credits.some(Boolean)) return;
    const m = out.get(s.commit) ?? new Map<string, (LineCredit | undefined)[]>();
    m.set(s.path, credits);
    out.set(s.commit, m);
  });
  return out;
}
