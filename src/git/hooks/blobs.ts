import { spawn } from 'child_process';

/**
 * Reads many blobs (`:path` from the index, `REV:path`) with one
 * `git cat-file --batch`: a hook reading ten files should start one process,
 * not ten. Missing objects come back undefined; binary blobs (NUL in the
 * first 8 KiB, as git decides) too, since lines mean nothing there.
 */
export function readBlobs(cwd: string, specs: readonly string[]): Promise<(string | undefined)[]> {
  if (specs.length === 0) return Promise.resolve([]);
  // A spec with a newline cannot go through --batch; those files are skipped.
  const safe = specs.map((s) => !s.includes('\n'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.AIPROV_GIT_PATH || 'git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file --batch exited ${code}`));
      const buf = Buffer.concat(chunks);
      resolve(parseBatch(buf, safe));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(specs.filter((_, i) => safe[i]).map((s) => `${s}\n`).join(''));
  });
}

function parseBatch(buf: Buffer, safe: readonly boolean[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let pos = 0;
  for (const ok of safe) {
    if (!ok) {
      out.push(undefined);
      continue;
    }
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const header = buf.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      out.push(undefined); // "<spec> missing" / "ambiguous"
      continue;
    }
    const size = Number(m[2]);
    const body = buf.subarray(pos, pos + size);
    pos += size + 1;
    out.push(m[1] === 'blob' && !body.subarray(0, 8000).includes(0) ? body.toString('utf8') : undefined);
  }
  while (out.length < safe.length) out.push(undefined);
  return out;
}
