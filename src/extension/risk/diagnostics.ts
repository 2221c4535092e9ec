import * as vscode from 'vscode';
import { location, type Finding, type Severity } from '../../core/risk';
import { type DocumentRisk, type RiskService } from './service';

/** The source of every diagnostic we publish. */
export const DIAGNOSTIC_SOURCE = 'AI Provenance';

/** How findings on edits not known to be AI-written are shown (`aiProvenance.risk.humanEdits`). */
export type HumanEdits = 'lower' | 'same' | 'off';

export function humanEditsSetting(): HumanEdits {
  const v = vscode.workspace.getConfiguration('aiProvenance').get<string>('risk.humanEdits', 'lower');
  return v === 'same' || v === 'off' ? v : 'lower';
}

const LEVELS: readonly vscode.DiagnosticSeverity[] = [vscode.DiagnosticSeverity.Hint, vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Error];

/** critical/high → Error, medium → Warning, low → Information, info → Hint; one step lower for human-level edits. */
export function diagnosticSeverity(s: Severity, ai: boolean, human: HumanEdits): vscode.DiagnosticSeverity {
  const base = s === 'critical' || s === 'high' ? 3 : s === 'medium' ? 2 : s === 'low' ? 1 : 0;
  return LEVELS[ai || human === 'same' ? base : Math.max(0, base - 1)];
}

/** The editor range of a finding: its lines, or for removed lines the line where they were. */
export function findingRange(doc: vscode.TextDocument, f: Finding): vscode.Range {
  const last = Math.max(0, doc.lineCount - 1);
  const start = Math.min(last, (f.side === 'new' ? f.startLine : f.anchorLine) - 1);
  const end = Math.min(last, f.side === 'new' ? f.endLine - 1 : start);
  return new vscode.Range(start, 0, end, doc.lineAt(end).text.length);
}

function message(f: Finding, ai: boolean): string {
  const who = ai ? 'AI edit' : 'Edit';
  const removed = f.side === 'old' ? ` (removed lines: ${location(f).replace(/^.*\(removed /, '').replace(/\)$/, '')} at HEAD)` : '';
  return `${who}: ${f.message}${removed} Blast radius ${f.blastRadius} (${f.severity} × ${f.tier} path). ${f.hint}`;
}

/** Publishes findings as diagnostics on the lines concerned. */
export class RiskDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiProvenance.risk');
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: RiskService) {
    service.onDidChange((uri) => this.update(uri), this, this.disposables);
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('aiProvenance.risk') && this.updateAll(), this, this.disposables);
  }

  private updateAll(): void {
    this.collection.clear();
    for (const r of this.service.all()) this.update(r.uri);
  }

  private update(uri: vscode.Uri): void {
    const r = this.service.get(uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!r || !doc) {
      this.collection.delete(uri);
      return;
    }
    this.collection.set(uri, this.diagnostics(doc, r));
  }

  private diagnostics(doc: vscode.TextDocument, r: DocumentRisk): vscode.Diagnostic[] {
    const human = humanEditsSetting();
    const out: vscode.Diagnostic[] = [];
    r.findings.forEach((f, i) => {
      const ai = r.ai[i] ?? false;
      if (!ai && human === 'off') return;
      const d = new vscode.Diagnostic(findingRange(doc, f), message(f, ai), diagnosticSeverity(f.severity, ai, human));
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.rule;
      out.push(d);
    });
    return out;
  }

  dispose(): void {
    this.collection.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
