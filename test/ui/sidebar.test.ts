import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { makeRepo, openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

let wb: Workbench;

before(async () => {
  const folder = makeRepo('ui-sidebar', { 'README.md': '# UI test\n', 'src/app.js': 'console.log("hi");\n' });
  wb = await openWorkbench(folder);
});

after(async () => {
  await wb?.close();
});

test('the AI Provenance view container opens from the activity bar and shows its views', async () => {
  const { page } = wb;
  const icon = page.locator('.activitybar .action-item a[aria-label^="AI Provenance"]');
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  await icon.click();
  for (const name of ['AI Changes', 'Risks', 'Reviews']) {
    await page.locator(`.pane-header[aria-label^="${name}"]`).first().waitFor({ state: 'visible', timeout: 15_000 });
  }
  await page.locator('.welcome-view-content', { hasText: 'No uncommitted AI-written lines' }).first().waitFor({ timeout: 15_000 });
  const file = await screenshot(page, 'sidebar-views');
  assert.ok(fs.statSync(file).size > 10_000, 'screenshot is not empty');
});

test('a command runs from the command palette', async () => {
  const { page } = wb;
  await runCommand(page, 'AI Provenance: Show Output');
  // The output panel shows our channel, which logged the activation line.
  await page.locator('.part.panel .monaco-editor', { hasText: 'AI Provenance' }).first().waitFor({ timeout: 15_000 });
  await page.locator('.part.panel', { hasText: 'activated in' }).first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'command-palette-show-output');
});
