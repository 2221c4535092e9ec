// `npm test`: every tier, in order, stopping at the first failing tier.
//   1. typecheck and lint (including the `vscode` import ban)
//   2. build, then unit tests (node:test) of core, git and cli
//   3. package the VSIX and check its file list against the allow-list
//   4. mocha suites inside a real VS Code extension host
//   5. UI tests of the real workbench in headless Chromium (screenshots)
// Pass tier names to run only some: node scripts/test.mjs unit vscode
import { spawn } from 'node:child_process';
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
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Counts from a tier's output: node:test's spec summary or our "N passed, N failed" line. */
function count(text) {
  const node = (k) => [...text.matchAll(new RegExp(`^ℹ ${k} (\\d+)$`, 'gm'))].reduce((a, m) => a + Number(m[1]), 0);
  // A tier that prints its own "N passed, N failed" summary (last one wins)
  // is counted by it; otherwise by node:test's summary lines.
  const plain = [...text.matchAll(/^(?:[\w ]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].at(-1);
  totals.passed += plain ? Number(plain[1]) : node('pass');
  totals.failed += plain ? Number(plain[2]) : node('fail');
  totals.skipped += plain ? Number(plain[3] ?? 0) : node('skipped');
}

function runTier(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (c) => {
      process.stdout.write(c);
      text += c.toString('utf8');
    });
    child.stderr.on('data', (c) => process.stderr.write(c));
    child.on('close', (code, signal) => {
      count(text);
      resolve(code ?? signal);
    });
  });
}
for (const [name, cmd, args] of tiers) {
  if (only.length && !only.includes(name) && name !== 'build') continue;
  const t = Date.now();
  console.log(`\n=== ${name} ===`);
  const status = await runTier(cmd, args);
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`\n=== ${name} FAILED after ${secs} s (exit ${status}) ===`);
    console.log(`Total: ${totals.passed} passed, ${Math.max(1, totals.failed)} failed`);
    process.exit(1);
  }
  console.log(`=== ${name} ok (${secs} s) ===`);
}
console.log(`\nAll test tiers passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
if (totals.passed === 0) {
  console.error('No test ran.');
  process.exit(1);
}
console.log(`Total: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
