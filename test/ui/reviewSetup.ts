// What the senior-review UI tests share: reading the bare remote while the
// workbench works, and fetching a request into the Reviews view.
import { type Locator, type Page } from 'playwright-core';
import { gitc } from '../unit/reviewFixture';

/** Runs git in `cwd`; undefined where it fails (e.g. a note not pushed yet). */
export function tryGit(cwd: string, ...args: string[]): string | undefined {
  try {
    return gitc(cwd, ...args);
  } catch {
    return undefined;
  }
}

/** Polls `probe` until it returns a value (the workbench gives no event to wait on from here). */
export async function until<T>(what: string, probe: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * With the AI Provenance side bar open: fetches from the Reviews view's title
 * button and returns the row titled `title` once it shows, with the For Me group.
 */
export async function fetchReviewRow(page: Page, title: string): Promise<Locator> {
  const pane = page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Reviews"]') }).first();
  await pane.locator('.pane-header').hover();
  await pane.locator('.pane-header .action-label[aria-label="Fetch Reviews"]').click();
  const row = pane.locator('.monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 30_000 });
  await pane.locator('.monaco-list-row', { hasText: 'For Me' }).first().waitFor();
  return row;
}
