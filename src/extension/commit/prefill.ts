import * as vscode from 'vscode';
import { loadPolicy } from '../../core/policy/load';
import { type Trailer } from '../../core/trailers/types';
import { stagedTrailers } from '../../git/hooks/staged';
import { addTrailersToText } from '../../git/trailers';
import { type GitApi, type GitRepository } from './gitApi';

/**
 * Keeps the Source Control input box's trailers in step with what is
 * staged: when staged lines are AI-written, the message shows the
 * Assisted-by / AI-Lines / Provenance-Id lines the commit will carry.
 * Only lines we put there are ever changed; the user's text is left alone.
 * The prepare-commit-msg hook recomputes at commit time (the source of
 * truth, also for the terminal) and adds nothing twice.
 */
export class CommitPrefill implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly perRepo = new Map<GitRepository, { timer?: NodeJS.Timeout; ours: string[]; running: Promise<void> }>();
  private readonly _onDidUpdate = new vscode.EventEmitter<GitRepository>();
  /** Fires after an input box was brought up to date (tests wait on it). */
  readonly onDidUpdate = this._onDidUpdate.event;

  constructor(
    git: GitApi,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(this._onDidUpdate);
    git.repositories.forEach((r) => this.watch(r));
    this.disposables.push(git.onDidOpenRepository((r) => this.watch(r)), git.onDidCloseRepository((r) => this.perRepo.delete(r)));
  }

  private watch(repo: GitRepository): void {
    if (this.perRepo.has(repo)) return;
    this.perRepo.set(repo, { ours: [], running: Promise.resolve() });
    this.disposables.push(repo.state.onDidChange(() => this.schedule(repo)));
    this.schedule(repo);
  }

  /** Debounced: staging fires bursts of state changes. */
  schedule(repo: GitRepository): void {
    const s = this.perRepo.get(repo);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.running = s.running.then(() => this.update(repo)).catch((e: unknown) => this.log.warn(`commit message prefill: ${(e as Error).message}`));
    }, 300);
  }

  private async update(repo: GitRepository): Promise<void> {
    const s = this.perRepo.get(repo);
    if (!s) return;
    const cwd = repo.rootUri.fsPath;
    const before = repo.inputBox.value;
    const base = withoutLines(before, s.ours);
    const { policy } = loadPolicy(cwd);
    const trailers = repo.state.indexChanges.length ? await stagedTrailers(cwd, base, policy, (m) => this.log.warn(m)) : [];
    const next = trailers.length ? await this.withTrailers(base, trailers, cwd) : base;
    // The user typed meanwhile: try again later rather than overwrite.
    if (repo.inputBox.value !== before) return this.schedule(repo);
    if (next !== before) repo.inputBox.value = next;
    s.ours = trailers.map((t) => `${t.key}: ${t.value}`);
    this._onDidUpdate.fire(repo);
  }

  private async withTrailers(text: string, trailers: readonly Trailer[], cwd: string): Promise<string> {
    // An empty box gets an empty subject line and a blank line, so what the
    // user types on the first line is the subject, not part of the trailers.
    if (!text.trim()) return `\n\n${trailers.map((t) => `${t.key}: ${t.value}`).join('\n')}`;
    const out = await addTrailersToText(text, trailers, cwd);
    return out.replace(/\n+$/, '');
  }

  dispose(): void {
    for (const s of this.perRepo.values()) if (s.timer) clearTimeout(s.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** `text` without the exact lines we added last time (and the blank line they left). */
function withoutLines(text: string, ours: readonly string[]): string {
  if (ours.length === 0) return text;
  const drop = new Set(ours);
  const kept = text.split('\n').filter((l) => !drop.has(l));
  return kept.join('\n').replace(/\n+$/, '');
}
