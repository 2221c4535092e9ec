// Drives the real VS Code workbench (code-server started by
// scripts/run-ui-tests.mjs) in headless Chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run UI tests through scripts/run-ui-tests.mjs`);
  return v;
}

export interface Workbench {
  browser: Browser;
  page: Page;
  folder: string;
  close(): Promise<void>;
}

/** A fresh git repository with a first commit, in the UI tests' scratch folder. */
export function makeRepo(name: string, files: Record<string, string>): string {
  const dir = path.join(env('AIPROV_UI_TMP'), name.replace(/[^a-z0-9-]/gi, '-'));
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'UI Tester');
  git('config', 'user.email', 'ui@example.com');
  git('config', 'commit.gpgsign', 'false');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'Initial commit');
  return dir;
}

/** Opens the workbench on `folder` with our extension loaded for development. */
export async function openWorkbench(folder: string, extraExtensionPaths: string[] = []): Promise<Workbench> {
  const port = env('AIPROV_UI_PORT');
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload: [string, string][] = [env('AIPROV_UI_EXTENSION_PATH'), ...extraExtensionPaths].map((p) => ['extensionDevelopmentPath', remote(p)]);
  payload.push(['skipWelcome', 'true']);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The activity bar is the last part to render once extensions are registered.
  await page.waitForSelector('.activitybar .action-item', { timeout: 60_000 });
  return { browser, page, folder, close: () => browser.close() };
}

/** Runs a command by its palette title (e.g. "AI Provenance: Show Output"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/**
 * Opens a file through Quick Open and waits until the editor shows
 * `firstLineText`. A new window's file search can answer empty while the
 * machine is busy, so Quick Open is asked again (up to 4 times) rather than
 * waiting on the first answer; a screenshot `<shotName>` is saved on failure.
 */
export async function openFile(page: Page, name: string, firstLineText: string, shotName: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (let i = 0; ; i++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(name);
    if (await row.waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
    if (i === 3) {
      await screenshot(page, shotName);
      throw new Error(`Quick Open never listed ${name}`);
    }
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-line', { hasText: firstLineText }).first().waitFor({ timeout: 15_000 });
}

/** Saves a PNG screenshot under test-results/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(env('AIPROV_UI_SCREENSHOTS'), `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
