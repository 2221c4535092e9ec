// Runs every benchmark: each out/bench/*.bench.js in its own Node process,
// then the activation benchmark inside the real VS Code host.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'out/bench');
const only = process.argv.slice(2);
let failed = 0;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort() : [];
for (const f of files) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, f)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error(`benchmark ${f} failed (exit ${r.status})`);
    failed++;
  }
}
if (!only.length || only.some((o) => 'activation'.includes(o))) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/bench-activation.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
