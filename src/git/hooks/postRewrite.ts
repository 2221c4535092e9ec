import { baseOf, computeAttribution } from './attribution';
import { type SourceFile } from './attribution';
import { NO_SOURCE, buildNote, carryFrom, commitProvenanceId, committedCredits, newProvenanceId, noteRecord, saveNote } from './provenance';

export interface PostRewriteArgs {
  readonly cwd: string;
  /** `amend` or `rebase`. */
  readonly kind: string;
  /** post-rewrite's standard input: `OLD NEW [EXTRA]` per line. */
  readonly input: string;
  readonly warn: (m: string) => void;
}

/** New commit -> the old commits rewritten into it, in order (squash/fixup: several). */
export function parseRewrites(input: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of input.split('\n')) {
    const [oldId, newId] = line.trim().split(/\s+/);
    if (!oldId || !newId || !/^[0-9a-f]{7,64}$/.test(oldId) || !/^[0-9a-f]{7,64}$/.test(newId)) continue;
    const list = out.get(newId) ?? [];
    if (!list.includes(oldId)) list.push(oldId);
    out.set(newId, list);
  }
  return out;
}

/**
 * post-rewrite (amend, rebase incl. fixup/squash): each new commit's note is
 * the union of its old commits' notes (and any note it already has),
 * re-mapped onto the new content and kept only for lines the new commit
 * adds. Ranges whose text changed are dropped. Returns the commits noted.
 */
export async function postRewrite(a: PostRewriteArgs): Promise<number> {
  let written = 0;
  for (const [newId, olds] of parseRewrites(a.input)) {
    const sources: Map<string, SourceFile>[] = [];
    const ids: string[] = [];
    const noted: string[] = [];
    for (const c of [newId, ...olds]) {
      const rec = await noteRecord(a.cwd, c, a.warn);
      if (!rec) continue;
      ids.push(rec.id);
      if (c !== newId) noted.push(c);
      sources.push(await committedCredits(a.cwd, c, rec));
    }
    if (noted.length === 0) continue;
    const { carry, paths } = carryFrom(sources);
    const att = await computeAttribution({ cwd: a.cwd, base: await baseOf(a.cwd, `${newId}^`), target: { kind: 'commit', rev: newId }, source: NO_SOURCE, carry, carryPaths: paths });
    const id = (await commitProvenanceId(a.cwd, newId)) ?? ids[0] ?? newProvenanceId();
    const rec = buildNote(att, id, newId, noted);
    if (!rec) continue;
    await saveNote(a.cwd, newId, rec);
    written++;
  }
  return written;
}
