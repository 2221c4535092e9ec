import * as fs from 'fs';
import { randomUuid } from './cheapCrypto';
import { type WarnFn, WORKLOG_VERSION, isRepoRelative, layout, stderrWarn } from './layout';
import { type PutSnapshotOptions, putSnapshot } from './snapshots';

/**
 * The state of a file at one moment: the SHA-256 of its UTF-8 text, whose
 * full text is stored at `snapshots/<hash>`. `missing: true` means the file
 * did not exist (hash of the empty text), e.g. before an agent created it.
 */
export interface Snapshot {
  readonly hash: string;
  readonly missing?: true;
}

/**
 * One agent-hook checkpoint, a line of `events.jsonl`.
 * - `phase: 'pre'`: taken before the agent's tool ran; `after` is the file
 *   as it was then (the agent's starting point).
 * - `phase: 'post'`: taken after the tool ran; `after` is the file as the
 *   agent left it, `before` (optional) the file as the tool found it. When
 *   `before` is absent the last `pre` snapshot of the same path is used,
 *   else the last known state.
 * The lines that differ between before and after are the agent's.
 */
export interface AgentEvent {
  readonly v: typeof WORKLOG_VERSION;
  /** Unique id (uuid v4). */
  readonly id: string;
  /** ISO-8601 time. */
  readonly at: string;
  /** Tool name as in trailers, e.g. `ClaudeCode`, `Cursor`, `GitHubCopilot`, `Codex`, `GeminiCli`. */
  readonly agent: string;
  readonly model?: string;
  readonly session?: string;
  /** The agent's tool that touched the file, e.g. `Edit`, `Write`, `editFiles`. */
  readonly tool?: string;
  readonly phase: 'pre' | 'post';
  /** Repo-relative posix path. */
  readonly path: string;
  readonly before?: Snapshot;
  readonly after: Snapshot;
}

/** Events read from the spool and where to continue next time. */
export interface EventBatch {
  readonly events: AgentEvent[];
  /** Byte offset just past the last complete line read. */
  readonly nextOffset: number;
}

/** Snapshots `text` (undefined: the file is missing) into the store and returns its reference. */
export function snapshotText(dir: string, text: string | undefined, opts?: PutSnapshotOptions): Snapshot {
  return text === undefined ? { hash: putSnapshot(dir, '', opts), missing: true } : { hash: putSnapshot(dir, text, opts) };
}

/** A fresh event id. */
export function newEventId(): string {
  return randomUuid();
}

function isSnapshot(v: unknown): v is Snapshot {
  return typeof v === 'object' && v !== null && typeof (v as Snapshot).hash === 'string' && /^[0-9a-f]{64}$/.test((v as Snapshot).hash);
}

/** Validates one parsed line; throws with the reason. */
export function parseEvent(v: unknown): AgentEvent {
  const o = v as Partial<AgentEvent>;
  if (typeof o !== 'object' || o === null) throw new Error('not an object');
  if (o.v !== WORKLOG_VERSION) throw new Error(`unsupported version ${String(o.v)}`);
  if (typeof o.id !== 'string' || typeof o.at !== 'string' || typeof o.agent !== 'string' || !o.agent) throw new Error('missing id, at or agent');
  if (o.phase !== 'pre' && o.phase !== 'post') throw new Error('bad phase');
  if (typeof o.path !== 'string' || !isRepoRelative(o.path)) throw new Error('bad path');
  if (!isSnapshot(o.after) || (o.before !== undefined && !isSnapshot(o.before))) throw new Error('bad snapshot');
  for (const k of ['model', 'session', 'tool'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') throw new Error(`bad ${k}`);
  return o as AgentEvent;
}

/**
 * Appends one event as one JSON line. The whole line goes out in a single
 * `write(2)` on an O_APPEND descriptor, so concurrent appenders (several
 * hook processes) never interleave or overwrite each other's lines.
 */
export function appendEvent(dir: string, event: AgentEvent): void {
  parseEvent(event);
  const line = Buffer.from(JSON.stringify(event) + '\n', 'utf8');
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(layout(dir).events, 'a', 0o644);
  try {
    const n = fs.writeSync(fd, line);
    if (n !== line.length) throw new Error(`short write to ${layout(dir).events} (${n} of ${line.length} bytes)`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads the events appended at or after byte `sinceOffset`. A last line
 * without its newline (an append in progress) is left for next time; a
 * malformed line is skipped with a warning, never fatal. `file` is the spool
 * by default, or a retired spool (see compact.ts).
 */
export function readEvents(dir: string, sinceOffset = 0, warn: WarnFn = stderrWarn, file = layout(dir).events): EventBatch {
  let buf: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = size < sinceOffset ? 0 : sinceOffset; // the spool was replaced: start over
      buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      sinceOffset = start;
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], nextOffset: 0 };
    throw e;
  }
  const events: AgentEvent[] = [];
  let pos = 0;
  for (let nl = buf.indexOf(10, pos); nl !== -1; pos = nl + 1, nl = buf.indexOf(10, pos)) {
    const line = buf.subarray(pos, nl).toString('utf8').trim();
    if (!line) continue;
    try {
      events.push(parseEvent(JSON.parse(line)));
    } catch (e) {
      warn(`skipped a malformed line at byte ${sinceOffset + pos} of ${file}: ${(e as Error).message}`);
    }
  }
  return { events, nextOffset: sinceOffset + pos };
}
