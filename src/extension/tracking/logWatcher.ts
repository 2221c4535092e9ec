import * as fs from 'fs';
import * as path from 'path';
import type * as vscode from 'vscode';
import { WorklogBusyError, mergeSpool } from '../../core/worklog';

const DEBOUNCE_MS = 150;

/**
 * Watches working-log folders (the agent-hook spool and the per-file
 * records) with the OS file watcher: hook processes and other windows write
 * there while we run. On a change it folds new agent events into the
 * records and tells `onChange` which log changed.
 */
export class LogWatcher implements vscode.Disposable {
  private readonly watchers = new Map<string, fs.FSWatcher[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly onChange: (dir: string) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Starts watching `dir` (once); merges what the spool already holds. */
  watch(dir: string): void {
    if (this.watchers.has(dir)) return;
    const list: fs.FSWatcher[] = [];
    this.watchers.set(dir, list);
    for (const d of [dir, path.join(dir, 'files')]) {
      try {
        fs.mkdirSync(d, { recursive: true });
        const w = fs.watch(d, (_e, name) => {
          if (name && (String(name).endsWith('.tmp') || String(name).endsWith('.lock'))) return;
          this.schedule(dir);
        });
        w.on('error', (e) => this.log.warn(`stopped watching ${d}: ${e.message}`));
        list.push(w);
      } catch (e) {
        this.log.warn(`cannot watch ${d}: ${(e as Error).message}`);
      }
    }
    this.schedule(dir);
  }

  /** Merges and notifies now (tests and the Refresh command). */
  poke(dir: string): void {
    const t = this.timers.get(dir);
    if (t) clearTimeout(t);
    this.timers.delete(dir);
    try {
      const paths = mergeSpool(dir, (m) => this.log.warn(m));
      if (paths.length) this.log.info(`merged agent events for ${paths.join(', ')}`);
    } catch (e) {
      if (e instanceof WorklogBusyError) return this.schedule(dir);
      this.log.warn(`could not merge agent events in ${dir}: ${(e as Error).message}`);
    }
    this.onChange(dir);
  }

  private schedule(dir: string): void {
    const t = this.timers.get(dir);
    if (t) clearTimeout(t);
    this.timers.set(dir, setTimeout(() => this.poke(dir), DEBOUNCE_MS));
  }

  get dirs(): string[] {
    return [...this.watchers.keys()];
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const ws of this.watchers.values()) for (const w of ws) w.close();
    this.watchers.clear();
  }
}
