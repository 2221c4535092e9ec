import * as path from 'path';
import * as vscode from 'vscode';
import { type LineRun } from '../../core/attribution/lines';
import { type FileLineAttribution, type FileState, lineAttributionOf, workingTreeAttributions } from '../../core/worklog';
import { describe, who } from './describe';
import { type LogLocation } from './location';

const DELAY_MS = 300;

type Node =
  | { kind: 'repo'; root: string; files: FileLineAttribution[] }
  | { kind: 'file'; root: string; file: FileLineAttribution }
  | { kind: 'range'; root: string; file: FileLineAttribution; run: LineRun };

/** AI lines of a file: wholly AI plus mixed lines. */
function aiLines(f: FileLineAttribution): number {
  return f.counts.ai + f.counts.mixed;
}

/**
 * The "AI Changes" view: per repository, the files with uncommitted AI lines
 * (count, share, agents), expanding to their line ranges; a click reveals
 * the lines. Read from the working logs, so it shows what `aiprov status`
 * shows; refreshed on change, debounced.
 */
export class ChangesTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly logs = new Map<string, LogLocation>();
  private repos: Node[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param openStates the in-memory state of open documents of a log: unsaved
   *   edits count too (the log maps onto the file on disk, which they are not in yet).
   */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly openStates: (dir: string) => Map<string, FileState>,
  ) {}

  /** Adds a working log to show (once per repository). */
  addLog(loc: LogLocation): void {
    if (this.logs.has(loc.dir)) return;
    this.logs.set(loc.dir, loc);
    this.schedule();
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DELAY_MS);
  }

  /** Re-reads every log now. */
  refresh(): void {
    this.timer = undefined;
    const repos: Node[] = [];
    for (const loc of this.logs.values()) {
      try {
        const byPath = new Map(workingTreeAttributions(loc.dir, loc.root, (m) => this.log.warn(m)).map((f) => [f.path, f]));
        for (const [p, st] of this.openStates(loc.dir)) byPath.set(p, lineAttributionOf(p, st, st.text));
        const files = [...byPath.values()].filter((f) => aiLines(f) > 0).sort((a, b) => a.path.localeCompare(b.path));
        if (files.length) repos.push({ kind: 'repo', root: loc.root, files });
      } catch (e) {
        this.log.warn(`cannot read the working log ${loc.dir}: ${(e as Error).message}`);
      }
    }
    this.repos = repos.sort((a, b) => a.root.localeCompare(b.root));
    this._onDidChangeTreeData.fire(undefined);
  }

  /** Files with AI lines, per repository root (tests read it). */
  get snapshot(): { root: string; files: FileLineAttribution[] }[] {
    return this.repos.map((r) => (r.kind === 'repo' ? { root: r.root, files: r.files } : { root: '', files: [] }));
  }

  getChildren(n?: Node): Node[] {
    if (!n) return this.repos.length === 1 && this.repos[0].kind === 'repo' ? this.children(this.repos[0]) : this.repos;
    return this.children(n);
  }

  private children(n: Node): Node[] {
    if (n.kind === 'repo') return n.files.map((file) => ({ kind: 'file', root: n.root, file }));
    if (n.kind === 'file') return n.file.ranges.filter((run) => run.kind === 'ai' || run.kind === 'mixed').map((run) => ({ kind: 'range', root: n.root, file: n.file, run }));
    return [];
  }

  getTreeItem(n: Node): vscode.TreeItem {
    if (n.kind === 'repo') {
      const item = new vscode.TreeItem(path.basename(n.root), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${n.files.reduce((s, f) => s + aiLines(f), 0)} AI lines`;
      item.tooltip = n.root;
      item.iconPath = new vscode.ThemeIcon('repo');
      return item;
    }
    const uri = vscode.Uri.file(path.join(n.root, ...n.file.path.split('/')));
    if (n.kind === 'file') {
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
      item.label = n.file.path;
      const agents = [...new Set(n.file.ranges.filter((r) => r.kind === 'ai' || r.kind === 'mixed').map((r) => who(r.contributor)))];
      const share = n.file.lineCount ? Math.round((100 * aiLines(n.file)) / n.file.lineCount) : 0;
      item.description = `${aiLines(n.file)} ${aiLines(n.file) === 1 ? 'line' : 'lines'} · ${share}% · ${agents.join(', ')}`;
      item.contextValue = 'aiProvenance.file';
      return item;
    }
    const r = n.run;
    const item = new vscode.TreeItem(r.startLine === r.endLine ? `Line ${r.startLine}` : `Lines ${r.startLine}–${r.endLine}`);
    item.description = `${r.kind} · ${who(r.contributor)}`;
    item.tooltip = describe(r.kind, r.contributor);
    item.iconPath = new vscode.ThemeIcon(r.kind === 'ai' ? 'sparkle' : 'sparkle-filled');
    item.command = { command: 'vscode.open', title: 'Reveal lines', arguments: [uri, { selection: new vscode.Range(r.startLine - 1, 0, r.endLine - 1, 0) }] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this._onDidChangeTreeData.dispose();
  }
}
