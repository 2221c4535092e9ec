import * as fs from 'fs';
import * as path from 'path';

/**
 * A temp name beside `file`, unique per process (pid) and per call (random):
 * Math.random, not node:crypto, whose load costs an agent hook milliseconds.
 */
function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(16).slice(2, 10)}.tmp`);
}

/**
 * Writes a file atomically: the data goes to a temp file beside the target,
 * is flushed, then renamed over it, so a reader (another VS Code window, a git
 * hook) sees either the old or the new content, never a torn write.
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, mode?: number): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = tempName(file);
  const fd = fs.openSync(tmp, 'w', mode ?? 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Async variant of {@link writeFileAtomicSync}. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = tempName(file);
  const h = await fs.promises.open(tmp, 'w', mode ?? 0o644);
  try {
    await h.writeFile(data);
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Temp file + rename without fsync: a reader still never sees a torn file
 * under the real name, but a power failure may leave it short. Only for
 * files whose readers detect that (content-addressed snapshots check their
 * hash). The folder is created only when the first write finds it missing.
 */
export function writeFileRenamedSync(file: string, data: string | Uint8Array): void {
  const tmp = tempName(file);
  try {
    fs.writeFileSync(tmp, data, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data, { flag: 'wx' });
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
