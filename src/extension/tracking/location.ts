import * as path from 'path';
import * as vscode from 'vscode';
import { gitCommonDir, repoRoot } from '../../git/git';

/** Where a document's attribution is kept: a working-log folder and the path inside it. */
export interface LogLocation {
  /** The working-log folder (`<git common dir>/ai-provenance`, or workspace storage without git). */
  readonly dir: string;
  /** Repo-relative (or folder-relative) posix path. */
  readonly relPath: string;
  /** Repository (or folder) root on disk. */
  readonly root: string;
  /** False for folders without git: attribution then lives in the extension's storage. */
  readonly git: boolean;
}

/**
 * Finds the working log of file documents. Repository lookups are cached per
 * folder, so nested repositories and multi-root workspaces each get their own
 * log without running git for every document.
 */
export class LogLocator {
  private readonly roots = new Map<string, Promise<{ root: string; dir: string; git: boolean } | undefined>>();

  constructor(private readonly storage: vscode.Uri | undefined) {}

  async locate(uri: vscode.Uri): Promise<LogLocation | undefined> {
    if (uri.scheme !== 'file') return undefined;
    const folder = path.dirname(uri.fsPath);
    let p = this.roots.get(folder);
    if (!p) {
      p = this.find(folder, uri);
      this.roots.set(folder, p);
    }
    const r = await p;
    if (!r) return undefined;
    const rel = path.relative(r.root, uri.fsPath).split(path.sep).join('/');
    return rel && !rel.startsWith('..') ? { dir: r.dir, relPath: rel, root: r.root, git: r.git } : undefined;
  }

  /** Drops cached answers (a repository was created or removed). */
  clear(): void {
    this.roots.clear();
  }

  private async find(folder: string, uri: vscode.Uri): Promise<{ root: string; dir: string; git: boolean } | undefined> {
    try {
      const root = await repoRoot(folder);
      if (root) return { root, dir: path.join(await gitCommonDir(root), 'ai-provenance'), git: true };
    } catch {
      /* git missing or the folder vanished: fall through to workspace storage */
    }
    const ws = vscode.workspace.getWorkspaceFolder(uri);
    if (!ws || !this.storage) return undefined;
    return { root: ws.uri.fsPath, dir: path.join(this.storage.fsPath, 'ai-provenance', String(ws.index)), git: false };
  }
}
