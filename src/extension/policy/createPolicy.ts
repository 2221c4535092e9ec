import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ALLOWED_SIGNERS_TEMPLATE, POLICY_PATH, policyTemplate } from '../../core/policy';
import { writeFileAtomic } from '../../core/fs/atomic';
import { git } from '../../git/git';

/** Picks the workspace folder to act on: the argument, the only folder, or the user's choice. */
async function pickFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new Error('Open a folder first: the policy file belongs to a repository.');
  if (folders.length === 1) return folders[0].uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Repository to create the AI Provenance policy in' });
  return picked?.uri;
}

async function gitUser(cwd: string): Promise<{ email: string; name?: string } | undefined> {
  const email = (await git(['config', 'user.email'], { cwd, allowFailure: true })).stdout.trim();
  const name = (await git(['config', 'user.name'], { cwd, allowFailure: true })).stdout.trim();
  return email ? { email, ...(name ? { name } : {}) } : undefined;
}

/**
 * "AI Provenance: Create Policy File": writes `.aiprov/policy.json` (and an
 * allowed-signers file) from a template, or opens the existing one. Never
 * overwrites a file that exists.
 */
export async function createPolicy(arg?: unknown): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(arg);
  if (!folder) return undefined;
  const root = folder.fsPath;
  const file = path.join(root, POLICY_PATH);
  if (!fs.existsSync(file)) {
    if (!vscode.workspace.isTrusted) throw new Error('Trust this workspace to create a policy file in it.');
    const template = policyTemplate(await gitUser(root).catch(() => undefined));
    // VS Code validates it through the extension's jsonValidation contribution.
    await writeFileAtomic(file, `${JSON.stringify(template, null, 2)}\n`);
    const signers = path.join(root, template.allowedSigners);
    if (!fs.existsSync(signers)) await writeFileAtomic(signers, ALLOWED_SIGNERS_TEMPLATE);
  }
  const uri = vscode.Uri.file(file);
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
