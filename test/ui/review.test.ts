import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { commitFile, gitc, makeWorld, type World } from '../unit/reviewFixture';
import { fetchReviewRow, tryGit, until } from './reviewSetup';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

let w: World | undefined;
let wb: Workbench | undefined;

after(async () => {
  await wb?.close();
  w?.cleanup();
});

/** Waits until our extension is registered in the window (its activity-bar entry shows). */
async function ready(page: Workbench['page']) {
  await page.locator('.activitybar .action-item a[aria-label^="AI Provenance"]').waitFor({ state: 'visible', timeout: 60_000 });
}

/** Runs a UI step; on failure saves a screenshot named after it, to see what the workbench showed. */
async function withShot(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (wb) await screenshot(wb.page, `${name}-failed`).catch(() => undefined);
    throw e;
  }
}

test('the engineer requests senior review from the command palette', () => withShot('review-request', async () => {
  w = makeWorld();
  commitFile(w.eng, 'src/app.ts', 'export const answer = 42;\n', 'answer\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5\nAI-Lines: 1/1');
  gitc(w.eng, 'push', '-q', '-u', 'origin', 'feature');
  wb = await openWorkbench(w.eng);
  const { page } = wb;
  await ready(page);
  await runCommand(page, 'AI Provenance: Request Senior Review');
  // Reviewer quick pick: the first senior preselected, the requester absent.
  const pick = page.locator('.quick-input-widget', { hasText: 'Request Senior Review: 1 commit not on main' });
  await pick.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'senior@example.com' }).first().waitFor();
  assert.equal(await page.locator('.quick-input-list .monaco-list-row', { hasText: 'eng@example.com' }).count(), 0);
  await screenshot(page, 'review-request-reviewers');
  await page.keyboard.press('Enter');
  // The prefilled description opens in an editor; send it from the notification.
  await page.locator('.monaco-editor', { hasText: 'AI-assisted: 1 of 1 commits' }).first().waitFor({ timeout: 30_000 });
  await page.locator('.quick-input-widget', { hasText: 'Edit the review description' }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'review-request-description');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Send Request' }).first().click();
  const first = gitc(w.eng, 'rev-parse', 'feature');
  // The request lands on the bare remote (pushed by the extension).
  const note = await until('the request on the remote', () => tryGit(w!.remote, 'notes', '--ref', 'refs/notes/devtools/reviews', 'show', first));
  await screenshot(page, 'review-requested');
  assert.match(note, /"requester":"eng@example\.com"/);
  assert.match(note, /AI-assisted: 1 of 1 commits \(ClaudeCode:claude-sonnet-4-5\)/);
  await wb.close();
  wb = undefined;
}));

test('the senior fetches in the Reviews view and approves the request with a signature', () => withShot('review-approve', async () => {
  assert.ok(w, 'needs the request of the previous test');
  wb = await openWorkbench(w.senior);
  const { page } = wb;
  await ready(page);
  await page.locator('.activitybar .action-item a[aria-label^="AI Provenance"]').click();
  const row = await fetchReviewRow(page, 'Senior review of 1 commit');
  await screenshot(page, 'reviews-view-for-me');
  await row.hover();
  await row.locator('.action-label[aria-label="Approve (Signed)"]').click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('Looks right to me');
  await page.keyboard.press('Enter');
  const first = gitc(w.eng, 'rev-parse', 'feature');
  const discuss = await until('the approval on the remote', () => tryGit(w!.remote, 'notes', '--ref', 'refs/notes/devtools/discuss', 'show', first));
  // The item's icon turns to the approved one once the view reloads.
  await row.locator('.codicon-pass').waitFor({ timeout: 30_000 });
  await screenshot(page, 'reviews-view-approved');
  assert.match(discuss, /"resolved":true/);
  assert.match(discuss, /BEGIN SSH SIGNATURE/);
  assert.match(discuss, /Looks right to me/);
}));
