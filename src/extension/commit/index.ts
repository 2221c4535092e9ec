import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import { registerCommand } from '../commands/register';
import { getGitApi } from './gitApi';
import { installCommitHooks, offerInstall } from './install';
import { CommitPrefill } from './prefill';

/** What the commit side exposes (tests wait on the prefill). */
export interface CommitApi {
  /** Resolves once the Source Control input box is kept in step (undefined without the git extension). */
  readonly prefill: Promise<CommitPrefill | undefined>;
}

/**
 * Commit provenance in the editor: the Source Control input box prefill, the
 * "install git hooks" command, and the offer on first use. Trusted
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
  );
  if (!vscode.workspace.isTrusted) return { prefill: Promise.resolve(undefined) };
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
