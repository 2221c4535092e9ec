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
  const files = fs.readdirSync(uiDir).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(uiDir, f));
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    cwd: root,
    env: {
      ...process.env,
      AIPROV_UI_PORT: String(server.port),
      AIPROV_UI_EXTENSION_PATH: root,
      AIPROV_UI_SCREENSHOTS: screenshots,
      AIPROV_UI_TMP: tmp,
    },
  });
  status = r.status ?? 1;
} finally {
  await server.stop();
}
if (status === 0 && !process.env.AIPROV_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
else if (status !== 0) console.error(`UI tests failed; code-server log and workspaces in ${tmp}; screenshots in ${screenshots}`);
console.log(`Screenshots: ${path.relative(root, screenshots)}/ (${fs.readdirSync(screenshots).length} files)`);
process.exitCode = status;
