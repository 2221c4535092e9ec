// UI tests: starts code-server (the real VS Code workbench) once, then runs the
// node:test files in out/test/ui/, which drive it in headless Chromium with
// playwright-core. Screenshots go to test-results/screenshots/ (git-ignored).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCodeServer } from './lib/code-server.mjs';
import { writeUserSettings } from './lib/workbench.mjs';

const root = path.resolve(import.meta.dirname, '..');
const uiDir = path.join(root, 'out/test/ui');
if (!fs.existsSync(uiDir)) {
  console.error(`${uiDir} missing: run "node scripts/build.mjs --tests" first`);
  process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-ui-'));
const screenshots = path.join(root, 'test-results', 'screenshots');
fs.mkdirSync(screenshots, { recursive: true });
const userDataDir = path.join(tmp, 'user-data');
writeUserSettings(userDataDir);
const server = await startCodeServer({ userDataDir, extensionsDir: path.join(tmp, 'extensions'), logFile: path.join(tmp, 'code-server.log') });
let status = 1;
try {
  // Optional arguments pick files by name: `node scripts/run-ui-tests.mjs tracking`.
  const only = process.argv.slice(2);
  const files = fs.readdirSync(uiDir).filter((f) => f.endsWith('.test.js') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
  const env = {
    ...process.env,
    AIPROV_UI_PORT: String(server.port),
    AIPROV_UI_EXTENSION_PATH: root,
    AIPROV_UI_SCREENSHOTS: screenshots,
    AIPROV_UI_TMP: tmp,
  };
  // One file at a time, each in a fresh browser. A file that fails is run
  // once more, as Playwright's own runner does with `retries: 1` in CI: the
  // workbench renders asynchronously and a loaded machine can starve it. A
  // retry is reported by name so flakiness stays visible.
  const results = [];
  for (const f of files) {
    const run = (attempt) => {
      const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', path.join(uiDir, f)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: root, env: { ...env, AIPROV_UI_ATTEMPT: String(attempt) } });
      process.stdout.write(r.stdout);
      const n = (k) => Number(new RegExp(`^ℹ ${k} (\\d+)$`, 'm').exec(r.stdout?.toString('utf8') ?? '')?.[1] ?? 0);
      return { ok: r.status === 0, pass: n('pass'), fail: n('fail') || (r.status === 0 ? 0 : 1) };
    };
    let r = run(1);
    if (!r.ok) {
      console.log(`RETRY: ${f} failed on the first attempt; running it once more`);
      const again = run(2);
      if (again.ok) console.log(`FLAKY: ${f} passed on the second attempt`);
      r = again;
    }
    results.push(r);
  }
  const passed = results.reduce((a, r) => a + r.pass, 0);
  const failed = results.reduce((a, r) => a + r.fail, 0);
  status = results.every((r) => r.ok) ? 0 : 1;
  console.log(`UI tests: ${passed} passed, ${failed} failed`);
} finally {
  await server.stop();
}
if (status === 0 && !process.env.AIPROV_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
else if (status !== 0) console.error(`UI tests failed; code-server log and workspaces in ${tmp}; screenshots in ${screenshots}`);
console.log(`Screenshots: ${path.relative(root, screenshots)}/ (${fs.readdirSync(screenshots).length} files)`);
process.exitCode = status;
