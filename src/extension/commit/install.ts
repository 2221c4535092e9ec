import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { repoRoot } from '../../git/git';
import { hooksDir, installHooks, isOurHook } from '../../git/hooks/install';

const DISMISSED = 'aiProvenance.hooksOfferDismissed';

/** A `node` on PATH for the hooks (the editor's own runtime may be Electron, not Node). */
export function findNode(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return path.basename(process.execPath).startsWith('node') ? process.execPath : undefined;
}

/** Installs the git hooks into the repository of `folder`; returns a one-line summary. */
export async function installCommitHooks(extensionPath: string, folder: string): Promise<string> {
  const root = await repoRoot(folder);
  if (!root) throw new Error(`${folder} is not in a git repository`);
  const node = findNode();
  if (!node) throw new Error('Node.js was not found on PATH; the git hooks need it (or run `aiprov install` in a terminal)');
  const actions = await installHooks({ cwd: root, nodePath: node, cliPath: path.join(extensionPath, 'dist', 'cli.js') });
  const chained = actions.filter((a) => a.action === 'chained').length;
  return `git hooks installed in ${path.basename(root)}${chained ? ` (${chained} existing hook(s) kept and chained)` : ''}`;
}

/** True when our prepare-commit-msg hook is in the repository's hook folder. */
export async function hooksInstalled(root: string): Promise<boolean> {
  return isOurHook(path.join(await hooksDir(root), 'prepare-commit-msg'));
}

/**
 * On first use in a trusted workspace, offers to install the hooks into
 * each repository that lacks them; "Don't Ask Again" is remembered per
 * workspace. Never installs without a click.
 */
export async function offerInstall(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<void> {
  if (!vscode.workspace.isTrusted || context.workspaceState.get<boolean>(DISMISSED)) return;
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const root = await repoRoot(f.uri.fsPath);
    if (!root || (await hooksInstalled(root))) continue;
    const pick = await vscode.window.showInformationMessage(
      `AI Provenance can add provenance trailers and notes to commits in ${path.basename(root)} by installing git hooks (existing hooks are kept and still run).`,
      'Install Hooks',
      "Don't Ask Again",
    );
    if (pick === 'Install Hooks') {
      const msg = await installCommitHooks(context.extensionPath, root);
      log.info(msg);
      void vscode.window.showInformationMessage(`AI Provenance: ${msg}.`);
    } else if (pick === "Don't Ask Again") await context.workspaceState.update(DISMISSED, true);
    return;
  }
}
