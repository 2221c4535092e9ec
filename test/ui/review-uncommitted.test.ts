import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { gitc, makeWorld, type World } from '../unit/reviewFixture';
import { tryGit, until } from './reviewSetup';
import { openWorkbench, runCommand, screenshot, type Workbench } from './workbench';

let w: World | undefined;
let wb: Workbench | undefined;

after(async () => {
  await wb?.close();
  w?.cleanup();
});

test('the engineer requests review of staged changes from the command palette: a snapshot commit goes to the remote with the request', async () => {
  w = makeWorld();
  fs.mkdirSync(path.join(w.eng, 'src'), { recursive: true });
  fs.writeFileSync(path.join(w.eng, 'src/app.ts'), 'export const answer = 42;\n');
  gitc(w.eng, 'add', 'src/app.ts');
  wb = await openWorkbench(w.eng);
  const { page } = wb;
  try {
    await page.locator('.activitybar .action-item a[aria-label^="AI Provenance"]').waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'AI Provenance: Request Senior Review');
    // Nothing committed on the branch yet: the uncommitted changes are the first choice.
    const scope = page.locator('.quick-input-widget', { hasText: 'Request Senior Review: what to review' });
    await scope.waitFor({ state: 'visible', timeout: 30_000 });
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    assert.match((await first.textContent()) ?? '', /Staged and uncommitted changes/);
    await screenshot(page, 'review-uncommitted-scope');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: /Request Senior Review: staged changes \(snapshot [0-9a-f]{7}\) for main/ }).waitFor({ timeout: 30_000 });
    // The first senior is preselected; the requester is not offered.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'senior@example.com' }).first().waitFor();
    assert.equal(await page.locator('.quick-input-list .monaco-list-row', { hasText: 'eng@example.com' }).count(), 0);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor', { hasText: 'Senior review of staged changes, not committed yet' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.quick-input-widget', { hasText: 'Edit the review description' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'review-uncommitted-description');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Send Request' }).first().click();
    const ref = await until('the snapshot ref on the remote', () => gitc(w!.remote, 'for-each-ref', '--format=%(refname)', 'refs/aiprov/wip/') || undefined);
    const id = ref.replace('refs/aiprov/wip/', '');
    const note = await until('the request on the remote', () => tryGit(w!.remote, 'notes', '--ref', 'refs/notes/devtools/reviews', 'show', id));
    assert.match(note, new RegExp(`"reviewRef":"refs/aiprov/wip/${id}"`));
    assert.match(note, /"reviewers":\["senior2?@example\.com"/);
    assert.equal(gitc(w.remote, 'diff', '--name-only', `${id}^`, id), 'src/app.ts');
    assert.equal(gitc(w.eng, 'diff', '--cached', '--name-only'), 'src/app.ts', 'still staged, not committed');
    await screenshot(page, 'review-uncommitted-requested');
  } catch (e) {
    await screenshot(page, 'review-uncommitted-failed').catch(() => undefined);
    throw e;
  }
});
