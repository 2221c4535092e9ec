import * as vscode from 'vscode';
import { defaultPolicy, loadPolicy, type Policy } from '../../core/policy';
import { analyzeChange, riskOptionsFromPolicy, type Finding, type RiskOptions } from '../../core/risk';
import { type Acknowledgements } from './acks';
import { type Baseline, type HeadTexts } from './headText';

/**
 * Whether lines of a document were written by an AI assistant: true, false,
 * or undefined when attribution does not know. Injected so the risk view
 * works without attribution (everything then shows at human level).
 * `onDidChange`, when given, fires when the answer may have changed for a
 * document without a text edit (e.g. "Mark Selection as AI-Written").
 */
export type AiCheck = ((uri: vscode.Uri, startLine: number, endLine: number) => boolean | undefined) & {
  readonly onDidChange?: vscode.Event<vscode.Uri>;
};

/** The open findings of one document against HEAD. */
export interface DocumentRisk {
  readonly uri: vscode.Uri;
  readonly baseline: Baseline;
  readonly findings: readonly Finding[];
  /** Per finding: written by AI (per `AiCheck`). */
  readonly ai: readonly boolean[];
}

const DEBOUNCE_MS = 300;
/** Documents bigger than this are not analysed as people type. */
const MAX_CHARS = 2_000_000;

/**
 * Analyses open documents against their HEAD text, debounced as people
 * type, and publishes the findings that are not acknowledged.
 */
export class RiskService implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this._onDidChange.event;
  private readonly results = new Map<string, DocumentRisk>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly policies = new Map<string, { policy: Policy; opts: RiskOptions }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly heads: HeadTexts,
    private readonly acks: Acknowledgements,
    private readonly isAi: AiCheck,
    private readonly log: vscode.LogOutputChannel,
  ) {
    vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0), this, this.disposables);
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, DEBOUNCE_MS), this, this.disposables);
    vscode.workspace.onDidSaveTextDocument((d) => this.saved(d), this, this.disposables);
    vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri), this, this.disposables);
    // Attribution decides the level of a finding and whether it notifies, so
    // a change of who wrote a line re-runs the check as an edit would.
    isAi.onDidChange?.((uri) => this.attributionChanged(uri), this, this.disposables);
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Every document with open findings. */
  all(): DocumentRisk[] {
    return [...this.results.values()].filter((r) => r.findings.length > 0);
  }

  get(uri: vscode.Uri): DocumentRisk | undefined {
    return this.results.get(uri.toString());
  }

  /** Re-reads HEAD texts and policies and analyses every open document again. */
  refresh(): void {
    this.policies.clear();
    for (const d of vscode.workspace.textDocuments) {
      this.heads.forget(d.uri);
      this.schedule(d, 0);
    }
  }

  /** Analyses a document now (tests, commands). */
  async analyzeNow(doc: vscode.TextDocument): Promise<DocumentRisk | undefined> {
    return this.run(doc);
  }

  private attributionChanged(uri: vscode.Uri): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) this.schedule(doc, DEBOUNCE_MS);
  }

  private saved(d: vscode.TextDocument): void {
    if (d.uri.path.endsWith('/.aiprov/policy.json')) this.refresh();
    else this.schedule(d, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.uri.scheme !== 'file' || !vscode.workspace.isTrusted) return;
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.run(doc).catch((e: unknown) => this.log.warn(`risk analysis of ${doc.uri.fsPath}: ${(e as Error).message}`));
      }, delay),
    );
  }

  private options(root: string): RiskOptions {
    let p = this.policies.get(root);
    if (!p) {
      let policy: Policy;
      try {
        policy = loadPolicy(root).policy;
      } catch (e) {
        // A broken policy is reported on the policy file itself; analyse with defaults meanwhile.
        this.log.warn(`risk: ${(e as Error).message}; using the default policy`);
        policy = defaultPolicy();
      }
      p = { policy, opts: riskOptionsFromPolicy(policy) };
      this.policies.set(root, p);
    }
    return p.opts;
  }

  private async run(doc: vscode.TextDocument): Promise<DocumentRisk | undefined> {
    if (doc.isClosed) return undefined;
    const baseline = await this.heads.get(doc.uri);
    const text = doc.getText();
    if (!baseline || text.length > MAX_CHARS || baseline.head === text) {
      this.clear(doc.uri);
      return undefined;
    }
    await this.acks.load(baseline.root);
    const started = performance.now();
    const all = analyzeChange(baseline.rel, baseline.head, text, this.options(baseline.root));
    const findings = all.filter((f) => !this.acks.has(baseline.root, f));
    const ai = findings.map((f) => this.isAi(doc.uri, f.side === 'new' ? f.startLine : f.anchorLine, f.side === 'new' ? f.endLine : f.anchorLine) ?? false);
    const r: DocumentRisk = { uri: doc.uri, baseline, findings, ai };
    this.results.set(doc.uri.toString(), r);
    this.log.trace(`risk: ${baseline.rel}: ${findings.length} findings in ${(performance.now() - started).toFixed(2)} ms`);
    this._onDidChange.fire(doc.uri);
    return r;
  }

  private clear(uri: vscode.Uri): void {
    if (this.results.delete(uri.toString())) this._onDidChange.fire(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this._onDidChange.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
