import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { makeRepo, openFile, openWorkbench, screenshot, type Workbench } from './workbench';

let wb: Workbench;
const repoRoot = path.resolve(__dirname, '../../..');

/**
 * The workbench keeps one development path from the URL payload, and scans a
 * folder without package.json as a folder of extensions: ours plus the
 * inline-completion fixture, side by side as symlinks.
 */
function developmentFolder(): string {
  const dir = path.join(process.env.AIPROV_UI_TMP!, 'ui-tracking-extensions');
  fs.mkdirSync(dir, { recursive: true });
  const link = (target: string, name: string) => fs.existsSync(path.join(dir, name)) || fs.symlinkSync(target, path.join(dir, name), 'dir');
  link(process.env.AIPROV_UI_EXTENSION_PATH!, 'ai-provenance');
  link(path.join(repoRoot, 'test/fixtures/extensions/inline-provider'), 'fixture-inline-provider');
  return dir;
}

before(async () => {
  // Word completions would hide the inline suggestion; this test is about the latter.
  const settings = JSON.stringify({ 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' }, 'editor.wordBasedSuggestions': 'off', 'editor.suggestOnTriggerCharacters': false });
  // A fresh folder per attempt: the runner retries a failed file, and the first attempt's repository already has its commit.
  const folder = makeRepo(`ui-tracking-${process.env.AIPROV_UI_ATTEMPT ?? '1'}`, { 'src/add.inline-fixture.txt': 'function add(a, b) {\n  \n}\n', '.vscode/settings.json': settings });
  wb = await openWorkbench(folder, [developmentFolder()]);
});

after(async () => {
  await wb?.close();
});

test('a real Tab accepts an inline suggestion: gutter, hover, status bar and the AI Changes view show the AI line', async () => {
  const { page } = wb;
  await openFile(page, 'add.inline-fixture.txt', 'function add', 'tracking-no-quick-open');
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(':2:3');
  await page.keyboard.press('Enter');
  await page.keyboard.type('// complete:', { delay: 30 });
  // Ask for suggestions explicitly too (Alt+\\), as a user can: the automatic trigger is debounced.
  const ghost = page.locator('.ghost-text, .ghost-text-decoration').first();
  for (let i = 0; !(await ghost.isVisible()); i++) {
    if (i === 4) {
      await screenshot(page, 'tracking-no-suggestion');
      assert.fail('no inline suggestion appeared');
    }
    // The word-completion list hides inline suggestions: close it first.
    if (await page.locator('.editor-widget.suggest-widget.visible').isVisible()) await page.keyboard.press('Escape');
    if (i > 0) {
      // Retype the last character: an edit asks the providers again.
      await page.keyboard.press('Backspace');
      await page.keyboard.type(':');
    }
    await page.keyboard.press('Alt+Backslash');
    // A new trigger cancels a pending request, so wait long enough for a slow provider.
    await ghost.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => undefined);
  }
  await page.keyboard.press('Tab');
  await page.locator('.monaco-editor .view-line', { hasText: 'return a + b;' }).first().waitFor({ timeout: 10_000 });
  // 1 AI line of 4.
  await page.locator('.statusbar-item', { hasText: 'AI 25%' }).first().waitFor({ timeout: 15_000 });
  assert.ok((await page.locator('.monaco-editor .cgmr').count()) > 0, 'a gutter mark is drawn');
  await screenshot(page, 'tracking-gutter-status');

  await page.locator('.monaco-editor .view-line span span', { hasText: 'return' }).first().hover();
  await page.locator('.monaco-hover', { hasText: 'AI-written by' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await screenshot(page, 'tracking-hover');

  await page.locator('.statusbar-item', { hasText: 'AI 25%' }).first().click();
  await page.locator('.pane-body .monaco-list-row', { hasText: 'add.inline-fixture.txt' }).first().waitFor({ timeout: 20_000 });
  await page.locator('.pane-body .monaco-list-row', { hasText: 'add.inline-fixture.txt' }).first().click();
  await page.locator('.pane-body .monaco-list-row', { hasText: 'Line 3' }).first().waitFor({ timeout: 10_000 });
  const file = await screenshot(page, 'tracking-sidebar');
  assert.ok(fs.statSync(file).size > 10_000, 'screenshot is not empty');
});
