import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { makeRepo, openFile, openWorkbench, screenshot, type Workbench } from './workbench';

let wb: Workbench;

before(async () => {
  const folder = makeRepo('ui-risk', { 'db/migrate/0001_create_users.sql': 'CREATE TABLE users (\n  id SERIAL PRIMARY KEY,\n  email TEXT NOT NULL\n);\n' });
  wb = await openWorkbench(folder);
});

after(async () => {
  await wb?.close();
});

test('typing DROP TABLE into a migration: diagnostic with hover, status bar count, Risks view that reveals the line', async () => {
  const { page } = wb;
  await openFile(page, '0001_create_users.sql', 'CREATE TABLE users', 'risk-no-quick-open');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('DROP TABLE users;', { delay: 20 });
  await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
  await page.locator('.statusbar-item', { hasText: '1 risky' }).first().waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-line', { hasText: 'DROP TABLE users;' }).locator('span', { hasText: 'TABLE' }).last().hover();
  await page.locator('.monaco-hover', { hasText: 'Drops a table' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await screenshot(page, 'risk-diagnostic-hover');

  await page.locator('.statusbar-item', { hasText: '1 risky' }).first().click();
  await page.locator('.pane-body .monaco-list-row', { hasText: 'sql/ban-drop-table' }).first().waitFor({ timeout: 15_000 });
  await page.locator('.pane-body .monaco-list-row', { hasText: 'Critical (1)' }).first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'risk-sidebar');

  // A click on the finding reveals its line in the editor.
  await page.locator('.pane-body .monaco-list-row', { hasText: 'sql/ban-drop-table' }).first().click();
  await page.locator('.statusbar-item', { hasText: 'Ln 5' }).first().waitFor({ timeout: 15_000 });
  const file = await screenshot(page, 'risk-revealed');
  assert.ok(fs.statSync(file).size > 10_000, 'screenshot is not empty');
});
