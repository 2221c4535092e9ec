// `npm test`: every tier, in order, stopping at the first failing tier.
//   1. typecheck and lint (including the `vscode` import ban)
//   2. build, then unit tests (node:test) of core, git and cli
//   3. package the VSIX and check its file list against the allow-list
//   4. mocha suites inside a real VS Code extension host
//   5. UI tests of the real workbench in headless Chromium (screenshots)
// Pass tier names to run only some: node scripts/test.mjs unit vscode
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tiers = [
  ['check', npm, ['run', '--silent', 'check']],
  ['build', process.execPath, ['scripts/build.mjs', '--tests']],
  ['unit', process.execPath, ['--test', '--test-reporter=spec', 'out/test/unit/']],
  ['package', process.execPath, ['scripts/check-vsix.mjs']],
  ['vscode', process.execPath, ['scripts/run-vscode-tests.mjs']],
  ['ui', process.execPath, ['scripts/run-ui-tests.mjs']],
];
const only = process.argv.slice(2);
const started = Date.now();
for (const [name, cmd, args] of tiers) {
  if (only.length && !only.includes(name) && name !== 'build') continue;
  const t = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n=== ${name} FAILED after ${secs} s (exit ${r.status ?? r.signal}) ===`);
    process.exit(1);
  }
  console.log(`=== ${name} ok (${secs} s) ===`);
}
console.log(`\nAll test tiers passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
