import * as vscode from 'vscode';

/**
 * The few parts of the built-in git extension's API (`vscode.git`,
 * `getAPI(1)`) we use; the full typings live in microsoft/vscode
 * (extensions/git/src/api/git.d.ts).
 */
export interface GitInputBox {
  value: string;
}

export interface GitRepositoryState {
  readonly indexChanges: readonly unknown[];
  readonly HEAD: { readonly commit?: string } | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: GitInputBox;
  readonly state: GitRepositoryState;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
}

interface GitExtension {
  getAPI(version: 1): GitApi;
}

/** The git API, or undefined when the built-in git extension is disabled. */
export async function getGitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  return exports.getAPI(1);
}
