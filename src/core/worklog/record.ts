import * as fs from 'fs';
import * as path from 'path';
import { type AttributedRange } from '../attribution/attributionMap';
import { type Contributor, parseContributor } from '../attribution/contributor';
import { writeFileAtomicSync } from '../fs/atomic';
import { type WarnFn, WORKLOG_VERSION, isRepoRelative, layout, recordFile, stderrWarn } from './layout';
import { withLock } from './lock';
import { putSnapshot } from './snapshots';

/**
 * The attribution of one file, as last written. `ranges` are UTF-16 offsets
 * into the text whose SHA-256 is `textHash` (that text is kept in
 * `snapshots/<textHash>` so a later reader can map the ranges onto a changed
 * file with a line diff).
 */
export interface FileRecord {
  readonly v: typeof WORKLOG_VERSION;
  /** Repo-relative posix path. */
  readonly path: string;
  /** Bumped by one on every write: the compare-and-swap token. */
  readonly seq: number;
  readonly textHash: string;
  /** UTF-16 length of that text. */
  readonly length: number;
  readonly updatedAt: string;
  /** Sorted, non-overlapping attributed ranges; text outside them is unattributed. */
  readonly ranges: readonly AttributedRange[];
}

/** Another writer changed the record since `expectedSeq` was read. */
export class StaleRecordError extends Error {
  constructor(
    readonly relPath: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super(`working log record for ${relPath} changed (seq ${actualSeq}, expected ${expectedSeq})`);
    this.name = 'StaleRecordError';
  }
}

/** On disk, contributors are listed once and ranges point at them by index. */
interface RecordJson {
  v: number;
  path: string;
  seq: number;
  textHash: string;
  length: number;
  updatedAt: string;
  contributors: unknown[];
  ranges: [number, number, number][];
}

function toJson(r: FileRecord): string {
  const contributors: Contributor[] = [];
  const index = new Map<Contributor, number>();
  const ranges = r.ranges.map((x): [number, number, number] => {
    let i = index.get(x.c);
    if (i === undefined) {
      i = contributors.push(x.c) - 1;
      index.set(x.c, i);
    }
    return [x.start, x.end, i];
  });
  const json: RecordJson = { v: r.v, path: r.path, seq: r.seq, textHash: r.textHash, length: r.length, updatedAt: r.updatedAt, contributors, ranges };
  return JSON.stringify(json) + '\n';
}

/** Parses and validates a record file's text; throws with the reason. */
export function parseRecord(text: string): FileRecord {
  const o = JSON.parse(text) as Partial<RecordJson>;
  if (typeof o !== 'object' || o === null) throw new Error('not a JSON object');
  if (o.v !== WORKLOG_VERSION) throw new Error(`unsupported version ${String(o.v)}`);
  if (typeof o.path !== 'string' || !isRepoRelative(o.path)) throw new Error('bad path');
  if (!Number.isInteger(o.seq) || !Number.isInteger(o.length) || typeof o.textHash !== 'string' || typeof o.updatedAt !== 'string') throw new Error('missing fields');
  if (!Array.isArray(o.contributors) || !Array.isArray(o.ranges)) throw new Error('missing ranges');
  const cs = o.contributors.map((c) => parseContributor(c));
  const ranges: AttributedRange[] = [];
  let last = 0;
  for (const r of o.ranges) {
    const c = Array.isArray(r) ? cs[r[2]] : undefined;
    if (!c || !Number.isInteger(r[0]) || !Number.isInteger(r[1]) || r[0] < last || r[1] <= r[0] || r[1] > o.length!) throw new Error('bad range');
    ranges.push({ start: r[0], end: r[1], c });
    last = r[1];
  }
  return { v: WORKLOG_VERSION, path: o.path, seq: o.seq!, textHash: o.textHash, length: o.length!, updatedAt: o.updatedAt, ranges };
}

/** Moves an unreadable file into `corrupt/` so nothing is lost and we start afresh. */
export function moveAside(dir: string, file: string, reason: string, warn: WarnFn): void {
  const dest = path.join(layout(dir).corruptDir, `${path.basename(file)}.${new Date().toISOString().replace(/[:.]/g, '-')}`);
  try {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.renameSync(file, dest);
    warn(`working log file ${file} is unreadable (${reason}); moved it to ${dest}`);
  } catch (e) {
    warn(`working log file ${file} is unreadable (${reason}) and could not be moved aside: ${(e as Error).message}`);
  }
}

function readFileRecord(dir: string, file: string, warn: WarnFn): FileRecord | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return parseRecord(text);
  } catch (e) {
    moveAside(dir, file, (e as Error).message, warn);
    return undefined;
  }
}

/** The record of `relPath`, or undefined (none yet, or corrupt and moved aside with a warning). */
export function readRecord(dir: string, relPath: string, warn: WarnFn = stderrWarn): FileRecord | undefined {
  const r = readFileRecord(dir, recordFile(dir, relPath), warn);
  return r && r.path === relPath ? r : undefined;
}

/** Every record in the working log (corrupt ones moved aside with a warning). */
export function listRecords(dir: string, warn: WarnFn = stderrWarn): FileRecord[] {
  let names: string[];
  try {
    names = fs.readdirSync(layout(dir).filesDir);
  } catch {
    return [];
  }
  const out: FileRecord[] = [];
  for (const n of names.filter((x) => x.endsWith('.json')).sort()) {
    const r = readFileRecord(dir, path.join(layout(dir).filesDir, n), warn);
    if (r) out.push(r);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What an updater returns: the new content (seq and time are filled in), or null to delete. */
export interface RecordContent {
  readonly textHash: string;
  readonly length: number;
  readonly ranges: readonly AttributedRange[];
}

/**
 * Read-modify-write of one record under its lock file, so concurrent writers
 * (two windows, a hook, the CLI) never lose each other's update: `fn` sees
 * the current record and returns the next content (undefined: leave as is;
 * null: delete). The write is atomic (temp file + rename).
 */
export function updateRecord(
  dir: string,
  relPath: string,
  fn: (current: FileRecord | undefined) => RecordContent | null | undefined,
  warn: WarnFn = stderrWarn,
): FileRecord | undefined {
  if (!isRepoRelative(relPath)) throw new Error(`not a repo-relative posix path: ${JSON.stringify(relPath)}`);
  const file = recordFile(dir, relPath);
  return withLock(file.replace(/\.json$/, '.lock'), () => {
    const cur = readRecord(dir, relPath, warn);
    const next = fn(cur);
    if (next === undefined) return cur;
    if (next === null) {
      fs.rmSync(file, { force: true });
      return undefined;
    }
    const rec: FileRecord = { v: WORKLOG_VERSION, path: relPath, seq: (cur?.seq ?? 0) + 1, textHash: next.textHash, length: next.length, updatedAt: new Date().toISOString(), ranges: next.ranges };
    writeFileAtomicSync(file, toJson(rec));
    return rec;
  });
}

/**
 * Writes the attribution of `text` (storing the text as a snapshot). With
 * `expectedSeq`, a compare-and-swap: throws StaleRecordError when another
 * writer got there first (0 means "no record yet").
 */
export function writeRecord(dir: string, relPath: string, text: string, ranges: readonly AttributedRange[], opts: { expectedSeq?: number; warn?: WarnFn } = {}): FileRecord {
  const hash = putSnapshot(dir, text);
  const rec = updateRecord(
    dir,
    relPath,
    (cur) => {
      if (opts.expectedSeq !== undefined && (cur?.seq ?? 0) !== opts.expectedSeq) throw new StaleRecordError(relPath, opts.expectedSeq, cur?.seq ?? 0);
      return { textHash: hash, length: text.length, ranges };
    },
    opts.warn,
  );
  return rec!;
}

/** Removes the record of `relPath` (after a commit, or when the file is deleted). */
export function deleteRecord(dir: string, relPath: string, warn: WarnFn = stderrWarn): void {
  updateRecord(dir, relPath, () => null, warn);
}

/** Moves a record to a new path (the file was renamed); an existing target is replaced. */
export function renameRecord(dir: string, from: string, to: string, warn: WarnFn = stderrWarn): void {
  const old = readRecord(dir, from, warn);
  if (!old) return;
  updateRecord(dir, to, () => ({ textHash: old.textHash, length: old.length, ranges: old.ranges }), warn);
  deleteRecord(dir, from, warn);
}
