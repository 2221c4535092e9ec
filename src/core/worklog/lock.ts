import * as fs from 'fs';
import * as path from 'path';

/** The working log stayed locked by another writer for too long. */
export class WorklogBusyError extends Error {
  constructor(lockFile: string) {
    super(`the working log is busy (lock ${lockFile} held by another process); try again`);
    this.name = 'WorklogBusyError';
  }
}

const STALE_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Removes a lock whose holder died (a crashed hook or window); a lock is never held for seconds. */
function breakIfStale(lockFile: string): void {
  try {
    const st = fs.statSync(lockFile);
    if (Date.now() - st.mtimeMs > STALE_MS) fs.rmSync(lockFile, { force: true });
  } catch {
    /* gone already */
  }
}

/**
 * Runs `fn` while holding `lockFile` (created with O_EXCL, so exactly one
 * process at a time holds it: two VS Code windows and hook processes on one
 * repository). Synchronous on purpose: the critical sections are a read and
 * a rename of small files, and a hook process must not need an event loop.
 */
export function withLock<T>(lockFile: string, fn: () => T, timeoutMs = 3000): T {
  const deadline = Date.now() + timeoutMs;
  let fd: number | undefined;
  for (let wait = 1; fd === undefined; wait = Math.min(wait * 2, 50)) {
    try {
      fd = fs.openSync(lockFile, 'wx');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') fs.mkdirSync(path.dirname(lockFile), { recursive: true });
      else if (code !== 'EEXIST') throw e;
      else if (Date.now() > deadline) throw new WorklogBusyError(lockFile);
      else {
        breakIfStale(lockFile);
        sleepMs(wait);
      }
    }
  }
  try {
    fs.writeSync(fd, `${process.pid}\n`);
    return fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lockFile, { force: true });
  }
}
