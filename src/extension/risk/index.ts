import * as vscode from 'vscode';
import { type Finding } from '../../core/risk';
import { CommandIds, ViewIds } from '../commands/ids';
import { registerCommand } from '../commands/register';
import { Acknowledgements, findingKey } from './acks';
import { RiskCodeActions, revertWorkspaceEdit } from './codeActions';
import { RiskDiagnostics } from './diagnostics';
import { HeadTexts } from './headText';
import { RisksTree, type RiskNode } from './risksTree';
import { type AiCheck, RiskService } from './service';

/** What the risk side exposes through the extension's API (integration tests). */
export interface RiskApi {
  /** Open findings of a document against HEAD (after analysis ran). */
  findings(uri: vscode.Uri): readonly Finding[];
  /** Analyses an open document now and returns its findings. */
  analyze(uri: vscode.Uri): Promise<readonly Finding[]>;
  /** What the Risks view shows. */
  tree(): RiskNode[];
  /** The status bar text, or undefined when hidden. */
  statusText(): string | undefined;
  /** Findings a warning notification was raised for (high and critical AI edits), as `rule path`. */
  notified(): string[];
}

/** Counts open high and critical findings in the status bar; hidden when there are none. */
class RiskStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('aiProvenance.risk', vscode.StatusBarAlignment.Left, 50);
  /** Open high and critical findings. */
  count = 0;
  private readonly sub: vscode.Disposable;

  constructor(private readonly service: RiskService) {
    this.item.name = 'AI Provenance: risky changes';
    this.item.command = `${ViewIds.risks}.focus`;
    this.sub = service.onDidChange(() => this.update());
  }

  update(): void {
    let n = 0;
    for (const r of this.service.all()) n += r.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
    this.count = n;
    this.item.text = `$(warning) ${n} risky`;
    this.item.tooltip = `${n} high or critical risk finding${n === 1 ? '' : 's'} in open files (AI Provenance)`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    if (n > 0) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }
}

/**
 * Wires risk warnings: analysis of open documents against HEAD, diagnostics
 * with code actions, the Risks view, the status bar count, and a warning
 * notification (once per finding) for high and critical AI edits. `isAi`
 * comes from attribution; without it every edit is shown at human level.
 */
export function registerRisks(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, isAi: AiCheck = () => undefined): { api: RiskApi; refresh(): void } {
  const acks = new Acknowledgements();
  const service = new RiskService(new HeadTexts(), acks, isAi, log);
  const tree = new RisksTree(service);
  const status = new RiskStatusBar(service);
  const notified = new Set<string>();
  const notifiedLabels: string[] = [];

  const acknowledge = async (uri: vscode.Uri, key: string, why?: string): Promise<void> => {
    const r = service.get(uri);
    const f = r?.findings.find((x) => findingKey(x) === key);
    if (!r || !f) return;
    const reason = why ?? (await vscode.window.showInputBox({ title: `Acknowledge ${f.rule}`, prompt: 'Why is this change safe? (recorded in the working log with your git email)', ignoreFocusOut: true }));
    if (reason === undefined) return;
    await acks.add(r.baseline.root, f, reason);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) await service.analyzeNow(doc);
  };

  const notify = (uri: vscode.Uri): void => {
    const r = service.get(uri);
    r?.findings.forEach((f, i) => {
      const key = findingKey(f);
      if (!r.ai[i] || (f.severity !== 'high' && f.severity !== 'critical') || notified.has(key)) return;
      notified.add(key);
      notifiedLabels.push(`${f.rule} ${f.path}`);
      void vscode.window.showWarningMessage(`AI edit: ${f.message} (${f.rule}, ${f.path}:${f.side === 'new' ? f.startLine : f.anchorLine})`, 'Revert This AI Change', 'Acknowledge Risk', 'Request Senior Review').then(async (choice) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (choice === 'Revert This AI Change' && doc) {
          const edit = revertWorkspaceEdit(service, doc, f);
          if (edit) await vscode.workspace.applyEdit(edit);
        } else if (choice === 'Acknowledge Risk') await acknowledge(uri, key);
        else if (choice === 'Request Senior Review') await vscode.commands.executeCommand(CommandIds.reviewRequest);
      });
    });
  };

  context.subscriptions.push(
    service,
    new RiskDiagnostics(service),
    tree,
    status,
    service.onDidChange(notify),
    vscode.window.createTreeView(ViewIds.risks, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new RiskCodeActions(service), { providedCodeActionKinds: RiskCodeActions.kinds }),
    registerCommand(CommandIds.riskAcknowledge, (uri: vscode.Uri, key: string, why?: string) => acknowledge(uri, key, why), log),
  );

  const api: RiskApi = {
    findings: (uri) => service.get(uri)?.findings ?? [],
    analyze: async (uri) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
      return (await service.analyzeNow(doc))?.findings ?? [];
    },
    tree: () => tree.snapshot(),
    notified: () => [...notifiedLabels],
    statusText: () => {
      status.update();
      return status.count > 0 ? status.item.text : undefined;
    },
  };
  return { api, refresh: () => service.refresh() };
}

export { aiLinesCheck, type LineKinds } from './attribution';
export { type AiCheck } from './service';
