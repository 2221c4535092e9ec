import * as path from 'path';
import * as vscode from 'vscode';
import { location, type Finding, type Severity } from '../../core/risk';
import { findingRange } from './diagnostics';
import { type RiskService } from './service';

/** A node of the Risks view: a severity group or one finding. */
export type RiskNode = { kind: 'group'; severity: Severity; items: FindingNode[] } | FindingNode;

export interface FindingNode {
  kind: 'finding';
  uri: vscode.Uri;
  root: string;
  finding: Finding;
  ai: boolean;
}

const ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const ICONS: Record<Severity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  high: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')),
  low: new vscode.ThemeIcon('info'),
  info: new vscode.ThemeIcon('info'),
};

/** The sidebar's Risks view: open findings grouped by severity; a click reveals the lines. */
export class RisksTree implements vscode.TreeDataProvider<RiskNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<RiskNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private groups: RiskNode[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: RiskService) {
    service.onDidChange(() => this.schedule(), this, this.disposables);
  }

  /** The groups as the view shows them (also read by tests). */
  snapshot(): RiskNode[] {
    this.rebuild();
    return this.groups;
  }

  refresh(): void {
    this.rebuild();
    this._onDidChangeTreeData.fire(undefined);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 100);
  }

  private rebuild(): void {
    const all: FindingNode[] = [];
    for (const r of this.service.all()) r.findings.forEach((finding, i) => all.push({ kind: 'finding', uri: r.uri, root: r.baseline.root, finding, ai: r.ai[i] ?? false }));
    all.sort((a, b) => b.finding.blastRadius - a.finding.blastRadius || a.finding.path.localeCompare(b.finding.path) || a.finding.startLine - b.finding.startLine);
    this.groups = ORDER.map((severity) => ({ kind: 'group' as const, severity, items: all.filter((n) => n.finding.severity === severity) })).filter((g) => g.items.length > 0);
  }

  getTreeItem(n: RiskNode): vscode.TreeItem {
    if (n.kind === 'group') {
      const item = new vscode.TreeItem(`${n.severity[0].toUpperCase()}${n.severity.slice(1)} (${n.items.length})`, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = ICONS[n.severity];
      item.contextValue = 'riskGroup';
      return item;
    }
    const f = n.finding;
    const item = new vscode.TreeItem(f.rule, vscode.TreeItemCollapsibleState.None);
    const repo = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${path.basename(n.root)}: ` : '';
    item.description = `${repo}${location(f)}${n.ai ? ' · AI' : ''}`;
    item.tooltip = new vscode.MarkdownString(`**${f.rule}** (${f.severity}, blast radius ${f.blastRadius}, ${f.tier} path)\n\n${f.message}\n\n_${f.hint}_`);
    item.iconPath = ICONS[f.severity];
    item.contextValue = 'riskFinding';
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === n.uri.toString());
    const selection = doc ? findingRange(doc, f) : new vscode.Range(f.anchorLine - 1, 0, f.anchorLine - 1, 0);
    item.command = { command: 'vscode.open', title: 'Reveal', arguments: [n.uri, { selection }] };
    return item;
  }

  getChildren(n?: RiskNode): RiskNode[] {
    if (!n) return this.groups;
    return n.kind === 'group' ? n.items : [];
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this._onDidChangeTreeData.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
