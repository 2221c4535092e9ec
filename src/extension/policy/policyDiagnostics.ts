import * as vscode from 'vscode';
import { parsePolicy, PolicyError } from '../../core/policy';

const POLICY_GLOB = /(^|[\\/])\.aiprov[\\/]policy\.json$/;

/**
 * Shows what the JSON schema cannot: the policy parser's own errors (bad
 * regular expressions, paths outside the repository…) as a diagnostic on the
 * open policy file, so a broken policy is seen before CI trips on it.
 */
export class PolicyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiProvenance.policy');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor() {
    vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d), this, this.disposables);
    vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document), this, this.disposables);
    vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri), this, this.disposables);
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!POLICY_GLOB.test(doc.uri.path)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.check(doc), 250));
  }

  /** Validates one document now; exposed for tests. */
  check(doc: vscode.TextDocument): readonly vscode.Diagnostic[] {
    this.timers.delete(doc.uri.toString());
    try {
      parsePolicy(doc.getText(), vscode.workspace.asRelativePath(doc.uri));
      this.collection.delete(doc.uri);
      return [];
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      const d = new vscode.Diagnostic(locate(doc, e.message), e.message.replace(/^[^:]*: /, ''), vscode.DiagnosticSeverity.Error);
      d.source = 'AI Provenance';
      this.collection.set(doc.uri, [d]);
      return [d];
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

/** The range of the last key the error names (`approval.count` → `"count"`), else the first line. */
function locate(doc: vscode.TextDocument, message: string): vscode.Range {
  const field = /: ([\w.[\]]+) /.exec(message)?.[1];
  const key = field?.split('.').pop()?.replace(/\[\d+\]$/, '');
  const at = key ? doc.getText().indexOf(`"${key}"`) : -1;
  if (at < 0) return doc.lineAt(0).range;
  const start = doc.positionAt(at);
  return new vscode.Range(start, doc.positionAt(at + key!.length + 2));
}
