import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { makeRepo, openFile, openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

let wb: Workbench;

before(async () => {
  // The web workbench saves after a delay by default, and a save re-runs the
  // risk check: off, so the notification can only come from the attribution change.
  const folder = makeRepo(`ui-risk-notification-${process.env.AIPROV_UI_ATTEMPT ?? '1'}`, {
    'db/migrate/0001_create_users.sql': 'CREATE TABLE users (\n  id SERIAL PRIMARY KEY,\n  email TEXT NOT NULL\n);\n',
    '.vscode/settings.json': JSON.stringify({ 'files.autoSave': 'off' }),
  });
  wb = await openWorkbench(folder);
});

after(async () => {
  await wb?.close();
});

test('marking a typed DROP TABLE as AI-written raises the warning notification with its actions; Revert removes the line', async () => {
  const { page } = wb;
  await openFile(page, '0001_create_users.sql', 'CREATE TABLE users', 'risk-notification-no-quick-open');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('DROP TABLE users;', { delay: 20 });
  // Typed by a person: shown one level lower, no notification.
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 20_000 });
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Drops a table' });
  assert.equal(await toast.count(), 0, 'no notification for a human edit');

  // Select the line and mark it through the palette, as a user would.
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill('>AI Provenance: Mark Selection as AI-Written');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Mark Selection as AI-Written' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  // The command asks which assistant wrote it (prefilled with ClaudeCode).
  await page.locator('.quick-input-widget', { hasText: 'Which assistant wrote it?' }).waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await input.inputValue(), 'ClaudeCode');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });

  // A toast, unless the workbench queued it: then it is in the notification center.
  let shown = toast.first();
  const toastVisible = await shown.waitFor({ state: 'visible', timeout: 20_000 }).then(
    () => true,
    () => false,
  );
  if (!toastVisible) {
    await screenshot(page, 'risk-notification-no-toast');
    await runCommand(page, 'Notifications: Show Notifications');
    shown = page.locator('.notifications-center .notification-list-item', { hasText: 'Drops a table' }).first();
    await shown.waitFor({ state: 'visible', timeout: 10_000 });
  }
  assert.match((await shown.innerText()).replace(/\s+/g, ' '), /AI edit: Drops a table: its data is gone for good\. \(sql\/ban-drop-table, db\/migrate\/0001_create_users\.sql:5\)/);
  for (const action of ['Revert This AI Change', 'Acknowledge Risk', 'Request Senior Review']) {
    await shown.locator('.monaco-button', { hasText: action }).waitFor({ state: 'visible', timeout: 5_000 });
  }
  // The diagnostic is raised to the AI level too.
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 15_000 });
  const file = await screenshot(page, 'risk-notification');
  assert.ok(fs.statSync(file).size > 10_000, 'screenshot is not empty');

  // The notification's Revert restores HEAD's text: the line goes, and so does the count.
  await shown.locator('.monaco-button', { hasText: 'Revert This AI Change' }).click();
  await page.locator('.monaco-editor .view-line', { hasText: 'DROP TABLE users;' }).waitFor({ state: 'detached', timeout: 15_000 });
  await page.locator('.statusbar-item', { hasText: 'risky' }).waitFor({ state: 'hidden', timeout: 15_000 });
});
