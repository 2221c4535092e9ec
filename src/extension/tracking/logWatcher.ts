import * as fs from 'fs';
import * as path from 'path';
import type * as vscode from 'vscode';
import { WorklogBusyError, compactSpool, mergeSpool, pruneUnreferencedSnapshots } from '../../core/worklog';

const DEBOUNCE_MS = 150;
/** Upkeep (spool compaction, snapshot pruning) runs this long after a log is first watched... */
const FIRST_UPKEEP_MS = 5_000;
/** ...and then at most this often per log, after a change (a commit trims records, hooks append events). */
const UPKEEP_EVERY_MS = 10 * 60_000;

/**
 * Watches working-log folders (the agent-hook spool and the per-file
 * records) with the OS file watcher: hook processes and other windows write
 * there while we run. On a change it folds new agent events into the
 * records and tells `onChange` which log changed.
 */
export class LogWatcher implements vscode.Disposable {
  private readonly watchers = new Map<string, fs.FSWatcher[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly upkeepAt = new Map<string, number>();
  private readonly upkeepTimers = new Set<ReturnType<typeof setTimeout>>();

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
    // Not during activation: a moment later, then throttled (see poke).
    this.upkeepAt.set(dir, Date.now() - UPKEEP_EVERY_MS + FIRST_UPKEEP_MS);
    const t = setTimeout(() => {
      this.upkeepTimers.delete(t);
      this.upkeep(dir);
    }, FIRST_UPKEEP_MS);
    this.upkeepTimers.add(t);
  }

  /**
   * Keeps the working log from growing without bound: compacts the agent
   * event spool once its folded part is big, and deletes text snapshots no
   * record or pending event refers to.
   */
  upkeep(dir: string): void {
    this.upkeepAt.set(dir, Date.now());
    const warn = (m: string) => this.log.warn(m);
    try {
      const c = compactSpool(dir, { warn });
      const pruned = pruneUnreferencedSnapshots(dir, { warn });
      if (c.compacted || c.removedRetired || pruned) this.log.info(`working log ${dir}: ${c.compacted ? 'event spool compacted; ' : ''}${c.removedRetired ? 'retired spool removed; ' : ''}${pruned} unused snapshots removed`);
    } catch (e) {
      if (!(e instanceof WorklogBusyError)) this.log.warn(`could not tidy the working log in ${dir}: ${(e as Error).message}`);
    }
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
    if (Date.now() - (this.upkeepAt.get(dir) ?? 0) >= UPKEEP_EVERY_MS) this.upkeep(dir);
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
    for (const t of this.upkeepTimers) clearTimeout(t);
    for (const ws of this.watchers.values()) for (const w of ws) w.close();
    this.watchers.clear();
  }
}
