// Activation cost inside the real VS Code host (code-server): time from
// activate() start to return, over several fresh hosts, and the size of the
// shipped (minified) extension bundle. Targets: < 20 ms, < 300 KB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.AIPROV_BENCH_ACTIVATION_RUNS || 3);
const samples = [];
const parts = [];
for (let i = 0; i < runs; i++) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-')), 'activation.json');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/run-vscode-tests.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AIPROV_TEST_GREP: 'Activation', AIPROV_BENCH_OUT: out },
  });
  if (r.status !== 0 || !fs.existsSync(out)) {
    console.error(`activation run ${i + 1} failed:\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  const sample = JSON.parse(fs.readFileSync(out, 'utf8'));
  samples.push(sample.activationMs);
  parts.push(sample.parts ?? {});
}
samples.sort((a, b) => a - b);
const bundle = fs.statSync(path.join(root, 'dist/extension.js')).size;
const cli = fs.statSync(path.join(root, 'dist/cli.js')).size;
console.log('\n## Extension activation (VS Code host, code-server)');
console.log(`  activate() duration: median ${samples[Math.floor(samples.length / 2)].toFixed(2)} ms, max ${samples.at(-1).toFixed(2)} ms over ${runs} fresh hosts (target < 20 ms)`);
const keys = [...new Set(parts.flatMap((p) => Object.keys(p)))];
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`  by part (median ms): ${keys.map((k) => `${k} ${median(parts.map((p) => p[k] ?? 0)).toFixed(2)}`).join(', ')}`);
console.log(`  extension bundle: ${(bundle / 1024).toFixed(1)} KB minified (target < 300 KB); CLI bundle: ${(cli / 1024).toFixed(1)} KB`);
