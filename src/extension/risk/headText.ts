import * as path from 'path';
import type * as vscode from 'vscode';
import { git, RepoRoots } from '../../git/git';

/** A document's place in its repository and its text at HEAD. */
export interface Baseline {
  readonly root: string;
  /** Repository-relative posix path. */
  readonly rel: string;
  /** The text at HEAD; undefined for a file HEAD does not have (new, untracked). */
  readonly head: string | undefined;
  /** The commit `head` was read from. */
  readonly commit: string | undefined;
}

/**
 * HEAD text of open documents via `git show HEAD:path`, cached per document
 * and re-read only when HEAD moves (checked on open, save and refresh, never
 * per keystroke). Ignored files have no baseline: they are not the
 * repository's code.
 */
export class HeadTexts {
  private readonly roots = new RepoRoots();
  private readonly cache = new Map<string, Baseline>();

  /** The cached baseline, without running git. */
  cached(uri: vscode.Uri): Baseline | undefined {
    return this.cache.get(uri.toString());
  }

  /** The baseline, re-validated against the current HEAD. */
  async get(uri: vscode.Uri): Promise<Baseline | undefined> {
    if (uri.scheme !== 'file') return undefined;
    const root = await this.roots.of(path.dirname(uri.fsPath));
    if (!root) return undefined;
    const rel = path.relative(root, uri.fsPath).split(path.sep).join('/');
    if (rel.startsWith('..') || rel.startsWith('.git/')) return undefined;
    const head = await git(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { cwd: root, allowFailure: true });
    const commit = head.exitCode === 0 ? head.stdout.trim() : undefined;
    const key = uri.toString();
    const prev = this.cache.get(key);
    if (prev && prev.commit === commit) return prev;
    const listed = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', rel], { cwd: root, allowFailure: true });
    if (listed.exitCode !== 0 || listed.stdout === '') {
      this.cache.delete(key);
      return undefined;
    }
    let text: string | undefined;
    if (commit) {
      const shown = await git(['show', `${commit}:${rel}`], { cwd: root, allowFailure: true });
      text = shown.exitCode === 0 ? shown.stdout : undefined;
    }
    const b: Baseline = { root, rel, head: text, commit };
    this.cache.set(key, b);
    return b;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }
}
