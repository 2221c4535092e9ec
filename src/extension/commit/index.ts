import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import { registerCommand } from '../commands/register';
import { CommittedHover } from './committedHover';
import { getGitApi } from './gitApi';
import { installCommitHooks, offerInstall } from './install';
import { CommitPrefill } from './prefill';
import { repoRoot } from '../../git/git';
import { listRemotes } from '../../git/reviewSync';
import { hooksInstalled } from '../../git/hooks/install';
import { setupNotesSync } from '../../git/notes';

/** What the commit side exposes (tests wait on the prefill). */
export interface CommitApi {
  /** Resolves once the Source Control input box is kept in step (undefined without the git extension). */
  readonly prefill: Promise<CommitPrefill | undefined>;
}

/**
 * Commit provenance in the editor: the Source Control input box prefill, the
 * "install git hooks" command, the offer on first use, and the hover on
 * committed AI lines. Trusted
 * workspaces only (both run git and write hooks); started off the
 * activation path.
 */
export function registerCommit(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): CommitApi {
  context.subscriptions.push(
    registerCommand(
      CommandIds.installHooks,
      async () => {
        const folder = vscode.workspace.workspaceFolders?.[0];
        if (!folder) throw new Error('open a folder with a git repository first');
        const msg = await installCommitHooks(context.extensionPath, folder.uri.fsPath);
        log.info(msg);
        void vscode.window.showInformationMessage(`AI Provenance: ${msg}.`);
      },
      log,
    ),
    registerCommand(CommandIds.setupNotesSync, () => shareNotes(context.extensionPath, log), log),
  );
  if (!vscode.workspace.isTrusted) return { prefill: Promise.resolve(undefined) };
  context.subscriptions.push(new CommittedHover(log));
  const prefill = getGitApi().then(
    (api) => {
      if (!api) return undefined;
      const p = new CommitPrefill(api, log);
      context.subscriptions.push(p);
      return p;
    },
    (e: unknown) => {
      log.warn(`the built-in git extension is not available: ${(e as Error).message}`);
      return undefined;
    },
  );
  const timer = setTimeout(() => void offerInstall(context, log).catch((e: unknown) => log.warn(`hook install offer: ${(e as Error).message}`)), 5_000);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { prefill };
}

/**
 * The "Share Provenance Notes" command: `aiprov notes setup` for every
 * remote of the first folder's repository; where our hooks are installed,
 * reinstalling them adds reference-transaction, so each fetch merges.
 */
async function shareNotes(extensionPath: string, log: vscode.LogOutputChannel): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const root = folder && (await repoRoot(folder.uri.fsPath));
  if (!root) throw new Error('open a folder with a git repository first');
  const remotes = await listRemotes(root);
  if (remotes.length === 0) throw new Error('this repository has no remote to share notes with');
  const added: string[] = [];
  for (const r of remotes) added.push(...(await setupNotesSync(root, r, { push: true })).added);
  added.forEach((a) => log.info(`notes sync: added ${a}`));
  const merging = (await hooksInstalled(root)) && Boolean(await installCommitHooks(extensionPath, root));
  const after = merging ? 'Each fetch merges them into yours.' : 'After a fetch, run `aiprov notes merge` (or install the git hooks: then each fetch merges).';
  void vscode.window.showInformationMessage(
    added.length
      ? `AI Provenance: provenance notes now travel with git push and fetch (${remotes.join(', ')}). ${after}`
      : `AI Provenance: provenance notes were already shared with every remote. ${after}`,
  );
}
