import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, test } from 'node:test';
import { aiprov, commitFile, gitc, makeWorld, type World } from '../unit/reviewFixture';
import { fetchReviewRow, tryGit, until } from './reviewSetup';
import { openWorkbench, screenshot, type Workbench } from './workbench';

const PASSPHRASE = 'open sesame';

let w: World | undefined;
let wb: Workbench | undefined;

after(async () => {
  await wb?.close();
  w?.cleanup();
});

test('the senior approves with a passphrase-protected key: a password box, a retry after a wrong passphrase, a signature CI accepts', async () => {
  w = makeWorld();
  commitFile(w.eng, 'src/app.ts', 'export const answer = 42;\n', 'answer\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5\nAI-Lines: 1/1');
  gitc(w.eng, 'push', '-q', '-u', 'origin', 'feature');
  const req = aiprov(w.eng, ['review', 'request', '-r', 'senior@example.com']);
  assert.equal(req.code, 0, req.stderr);
  // The senior's key gets a passphrase; no ssh-agent holds this key.
  execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', PASSPHRASE, '-f', w.people.senior.key]);
  wb = await openWorkbench(w.senior);
  const { page } = wb;
  try {
    await page.locator('.activitybar .action-item a[aria-label^="AI Provenance"]').click({ timeout: 60_000 });
    const row = await fetchReviewRow(page, 'Senior review of 1 commit');
    await row.hover();
    await row.locator('.action-label[aria-label="Approve (Signed)"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    // A click that lands while the view reloads reaches the command without its item: it then asks which review.
    const which = page.locator('.quick-input-widget', { hasText: 'Review to sign' });
    const comment = page.locator('.quick-input-widget', { hasText: 'Optional comment' });
    await Promise.race([which.waitFor({ state: 'visible' }), comment.waitFor({ state: 'visible' })]);
    if (await which.isVisible()) await page.keyboard.press('Enter');
    await comment.waitFor({ state: 'visible' });
    await input.fill('Approved with my protected key');
    await page.keyboard.press('Enter');

    const box = page.locator('.quick-input-widget', { hasText: 'Passphrase of your SSH signing key' });
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill('not the passphrase');
    await screenshot(page, 'review-passphrase-prompt');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Wrong passphrase' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await input.inputValue(), '', 'the retry box starts empty');
    await screenshot(page, 'review-passphrase-retry');
    await input.fill(PASSPHRASE);
    await page.keyboard.press('Enter');

    const first = gitc(w.eng, 'rev-parse', 'feature');
    const discuss = await until('the approval on the remote', () => tryGit(w!.remote, 'notes', '--ref', 'refs/notes/devtools/discuss', 'show', first));
    await row.locator('.codicon-pass').waitFor({ timeout: 30_000 });
    await screenshot(page, 'review-passphrase-approved');
    assert.match(discuss, /BEGIN SSH SIGNATURE/);
    assert.match(discuss, /Approved with my protected key/);
  } catch (e) {
    await screenshot(page, 'review-passphrase-failed').catch(() => undefined);
    throw e;
  }
  assert.equal(aiprov(w.eng, ['review', 'fetch']).code, 0);
  const v = aiprov(w.eng, ['verify', 'origin/main..feature']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});
