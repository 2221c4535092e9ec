import { v4 as uuidv4 } from 'uuid';
import { git } from '../git';
import { NOTES_REF, readNote, writeNote } from '../notes';
import { type LineCredit, fromTraceFile, toTraceFile } from '../../core/trace/credits';
import { splitLines } from '../../core/trace/hash';
import { parseNoteText } from '../../core/trace/combine';
import { createRecord, serializeRecord } from '../../core/trace/record';
import { remapCredits } from '../../core/trace/remap';
import { META, type TraceFile, type TraceRecord } from '../../core/trace/types';
import { VERSION } from '../../core/version';
import { type AttributionSource, type CarryCredits, type CommitAttribution, type SourceFile } from './attribution';
import { readBlobs } from './blobs';

/** A source with nothing in it: rewrites carry credits from notes only. */
export const NO_SOURCE: AttributionSource = { aiFiles: () => Promise.resolve(new Map<string, SourceFile>()), trackedPaths: () => Promise.resolve([]), dropCommitted: () => Promise.resolve() };

/** The record of a commit's note, or undefined when it has none or it is unreadable. */
export async function noteRecord(cwd: string, commit: string, warn?: (m: string) => void): Promise<TraceRecord | undefined> {
  const text = await readNote(cwd, commit, NOTES_REF);
  if (text === undefined) return undefined;
  try {
    return parseNoteText(text);
  } catch (e) {
    warn?.(`ignoring the unreadable ai-provenance note of ${commit.slice(0, 12)}: ${(e as Error).message}`);
    return undefined;
  }
}

/** Per-file verified credits of `commit`'s note, read against that commit's blobs. */
export async function committedCredits(cwd: string, commit: string, rec: TraceRecord): Promise<Map<string, SourceFile>> {
  const paths = [...new Set(rec.files.map((f) => f.path))];
  const blobs = await readBlobs(cwd, paths.map((p) => `${commit}:${p}`));
  const out = new Map<string, SourceFile>();
  paths.forEach((p, i) => {
    const text = blobs[i];
    if (text === undefined) return;
    const lines = splitLines(text);
    const credits = unionCredits(lines.length, rec.files.filter((f) => f.path === p).map((f) => fromTraceFile(f, lines)));
    if (credits.some(Boolean)) out.set(p, { lines, credits });
  });
  return out;
}

/** Per line, the first credit any of the lists gives. */
export function unionCredits(n: number, lists: readonly (readonly (LineCredit | undefined)[])[]): (LineCredit | undefined)[] {
  const out = new Array<LineCredit | undefined>(n).fill(undefined);
  for (const l of lists) for (let i = 0; i < n; i++) out[i] ??= l[i];
  return out;
}

/** Carried credits of several earlier commits, remapped onto whatever text the target has. */
export function carryFrom(sources: readonly Map<string, SourceFile>[]): { carry: CarryCredits; paths: Set<string> } {
  const paths = new Set(sources.flatMap((m) => [...m.keys()]));
  const carry: CarryCredits = (path, lines) => {
    const lists = sources.flatMap((m) => {
      const s = m.get(path);
      return s ? [remapCredits(s.lines, s.credits, lines)] : [];
    });
    return Promise.resolve(lists.length ? unionCredits(lines.length, lists) : undefined);
  };
  return { carry, paths };
}

/** The Provenance-Id trailer of a commit's message, if it has a well-formed one. */
export async function commitProvenanceId(cwd: string, commit: string): Promise<string | undefined> {
  const r = await git(['log', '-1', '--format=%(trailers:key=Provenance-Id,valueonly,separator=%x00)', commit, '--'], { cwd });
  const ids = r.stdout.split('\0').map((s) => s.trim().toLowerCase()).filter((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s));
  return ids[0];
}

export function newProvenanceId(): string {
  return uuidv4();
}

/** The note record for a commit's attribution; undefined when it has no AI line. */
export function buildNote(att: CommitAttribution, id: string, revision: string, rewrittenFrom: readonly string[] = []): TraceRecord | undefined {
  const files: TraceFile[] = [];
  for (const f of att.files) {
    const tf = toTraceFile(f.path, f.lines, f.credits);
    if (tf) files.push(tf);
  }
  if (files.length === 0) return undefined;
  const metadata: Record<string, unknown> = { [META.aiLines]: att.aiLines, [META.totalLines]: att.totalLines };
  if (rewrittenFrom.length) metadata[META.sources] = [...rewrittenFrom];
  return createRecord({ id, revision, tool: { name: 'ai-provenance', version: VERSION }, files, metadata });
}

/** Writes the note of `commit`. */
export async function saveNote(cwd: string, commit: string, rec: TraceRecord): Promise<void> {
  await writeNote(cwd, commit, serializeRecord(rec), NOTES_REF);
}
