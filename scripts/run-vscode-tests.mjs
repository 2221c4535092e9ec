// Runs the mocha suites of test/vscode inside a real VS Code extension host.
//  - default: code-server (VS Code 1.139.x) opened in headless Chromium with the
//    extensionDevelopmentPath / extensionTestsPath payload;
//  - with VSCODE_EXECUTABLE_PATH set, or --electron: desktop VS Code through
//    @vscode/test-electron (downloads VS Code when no executable is given).
// Per-test results stream to the console; the last line is "N passed, N failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCodeServer } from './lib/code-server.mjs';
import { createSampleRepo } from './lib/repo.mjs';
import { launchBrowser, workbenchUrl, writeUserSettings } from './lib/workbench.mjs';

const root = path.resolve(import.meta.dirname, '..');
const testsPath = path.join(root, 'out/test/vscode/index.js');
/** Test fixture extensions (test/fixtures/extensions/NAME with a built extension.js), loaded beside ours. */
function fixtureExtensions() {
  const dir = path.join(root, 'test/fixtures/extensions');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((n) => path.join(dir, n))
    .filter((p) => fs.existsSync(path.join(p, 'package.json')) && fs.existsSync(path.join(p, 'extension.js')));
}

/**
 * The workbench keeps only the last `extensionDevelopmentPath` of the URL
 * payload (it is read into a Map), but a development path without a
 * package.json is scanned as a folder of extensions. So with fixtures we
 * pass one folder of symlinks: ours plus each fixture.
 */
function developmentFolder(tmp) {
  const fixtures = fixtureExtensions();
  if (fixtures.length === 0) return root;
  const dir = path.join(tmp, 'development-extensions');
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(root, path.join(dir, 'ai-provenance'), 'dir');
  for (const f of fixtures) fs.symlinkSync(f, path.join(dir, `fixture-${path.basename(f)}`), 'dir');
  return dir;
}

const TIMEOUT_MS = Number(process.env.AIPROV_VSCODE_TEST_TIMEOUT_MS || 10 * 60_000);

function tail(file, onLine) {
  let pos = 0;
  let partial = '';
  const read = () => {
    if (!fs.existsSync(file)) return;
    const size = fs.statSync(file).size;
    if (size <= pos) return;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(size - pos);
    fs.readSync(fd, buf, 0, buf.length, pos);
    fs.closeSync(fd);
    pos = size;
    const text = partial + buf.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop();
    for (const l of lines) onLine(l);
  };
  const timer = setInterval(read, 100);
  return () => {
    clearInterval(timer);
    read();
    if (partial) onLine(partial);
  };
}

async function main() {
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} missing: run "node scripts/build.mjs --tests" first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-vscode-'));
  const workspace = createSampleRepo(path.join(tmp, 'workspace'));
  const resultsFile = path.join(tmp, 'results.txt');
  const summaryFile = path.join(tmp, 'summary.json');
  const env = { AIPROV_TEST_RESULTS: resultsFile, AIPROV_TEST_SUMMARY: summaryFile, AIPROV_TEST_WORKSPACE: workspace, AIPROV_TEST_TMP: tmp, AIPROV_TEST_GREP: process.env.AIPROV_TEST_GREP ?? '' };
  const electron = process.argv.includes('--electron') || !!process.env.VSCODE_EXECUTABLE_PATH;
  let summary = { passed: 0, failed: 0 };
  let seen = { failed: 0, passed: 0 };
  const stopTail = tail(resultsFile, (l) => {
    console.log(l);
    if (/^\s*✔/.test(l)) seen.passed++;
    if (/^\s*\d+\) /.test(l)) seen.failed++;
  });
  let exitCode;
  if (electron) {
    const { runTests } = await import('@vscode/test-electron');
    console.log(`VS Code host: desktop VS Code via @vscode/test-electron (${process.env.VSCODE_EXECUTABLE_PATH ?? 'downloaded'})`);
    try {
      exitCode = await runTests({
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
        extensionDevelopmentPath: [root, ...fixtureExtensions()],
        extensionTestsPath: testsPath,
        launchArgs: [workspace, '--disable-workspace-trust', `--user-data-dir=${path.join(tmp, 'user-data')}`],
        extensionTestsEnv: env,
      });
    } catch (e) {
      exitCode = typeof e === 'number' ? e : 1;
      if (typeof e !== 'number') console.error(e);
    }
  } else {
    const userDataDir = path.join(tmp, 'user-data');
    writeUserSettings(userDataDir);
    const server = await startCodeServer({
      userDataDir,
      extensionsDir: path.join(tmp, 'extensions'),
      env,
      logFile: path.join(tmp, 'code-server.log'),
    });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const done = new Promise((resolve) => {
        void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
      });
      await page.exposeFunction('codeAutomationLog', () => {});
      await page.goto(workbenchUrl(server.port, workspace, { extensionPath: developmentFolder(tmp), testsPath }));
      let timer;
      const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
      const r = await Promise.race([done, timeout]);
      clearTimeout(timer);
      if (r === 'timeout') {
        await page.screenshot({ path: path.join(tmp, 'timeout.png') }).catch(() => {});
        console.error(`VS Code tests did not finish within ${TIMEOUT_MS / 1000} s; logs in ${tmp}`);
        exitCode = 1;
      } else exitCode = r;
    } finally {
      await browser.close().catch(() => {});
      await server.stop();
    }
  }
  stopTail();
  if (fs.existsSync(summaryFile)) summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  else summary = { ...seen, vscodeVersion: 'unknown' };
  if (summary.vscodeVersion) console.log(`VS Code ${summary.vscodeVersion} (${summary.appName ?? 'host'}), extension host tests:`);
  if (summary.passed + summary.failed === 0) {
    console.error(`No VS Code test ran (logs: ${tmp}).`);
    exitCode = exitCode || 1;
  }
  console.log(`${summary.passed} passed, ${summary.failed} failed${summary.pending ? `, ${summary.pending} skipped` : ''}`);
  if (exitCode !== 0 || summary.failed > 0) {
    console.error(`VS Code tests failed; logs kept in ${tmp}`);
    process.exitCode = 1;
  } else if (!process.env.AIPROV_KEEP_TMP) {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
