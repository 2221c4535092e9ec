import * as path from 'path';
import { sha256Hex } from './cheapCrypto';

/** Version of every record and event we write; readers refuse newer ones. */
export const WORKLOG_VERSION = 1;

/** SHA-256 (hex) of a text's UTF-8 bytes: names snapshots, ties records to text. */
export function textHash(text: string): string {
  return sha256Hex(text);
}

/** Where each part of the working log lives inside its folder. */
export interface WorklogLayout {
  readonly dir: string;
  readonly filesDir: string;
  readonly snapshotsDir: string;
  readonly corruptDir: string;
  readonly events: string;
  readonly eventsLock: string;
  readonly spoolState: string;
}

/** The layout of the working log folder `dir` (`<git common dir>/ai-provenance`). */
export function layout(dir: string): WorklogLayout {
  return {
    dir,
    filesDir: path.join(dir, 'files'),
    snapshotsDir: path.join(dir, 'snapshots'),
    corruptDir: path.join(dir, 'corrupt'),
    events: path.join(dir, 'events.jsonl'),
    eventsLock: path.join(dir, 'events.lock'),
    spoolState: path.join(dir, 'spool-state.json'),
  };
}

/** The record file of a repo-relative posix path: hashed, so any name is safe. */
export function recordFile(dir: string, relPath: string): string {
  return path.join(dir, 'files', sha256Hex(relPath).slice(0, 40) + '.json');
}

/** Checks a repo-relative posix path (records and events must use them). */
export function isRepoRelative(p: string): boolean {
  return p.length > 0 && !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((s) => s === '..' || s === '' || s === '.') && !p.includes('\0');
}

/** A problem in the working log that we worked around (file moved aside, line skipped). */
export type WarnFn = (message: string) => void;

/** Default: one line on stderr, so a CLI run shows it and nothing crashes. */
export const stderrWarn: WarnFn = (m) => void process.stderr.write(`aiprov: warning: ${m}\n`);
