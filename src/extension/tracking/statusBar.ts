import * as vscode from 'vscode';
import { countLines } from '../../core/attribution/lines';
import { type Tracker } from './tracker';

const DELAY_MS = 200;

/** "AI 35%" for the active file: the share of its lines written (wholly or partly) by AI. */
export class AttributionStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly tracker: Tracker,
    command: string,
  ) {
    this.item = vscode.window.createStatusBarItem('aiProvenance.attribution', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'AI Provenance: AI-written lines';
    this.item.command = command;
    tracker.onDidChange((uri) => uri.toString() === vscode.window.activeTextEditor?.document.uri.toString() && this.schedule(), this, this.disposables);
    vscode.window.onDidChangeActiveTextEditor(() => this.schedule(), this, this.disposables);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), DELAY_MS);
  }

  /** Recomputes now. */
  update(): void {
    this.timer = undefined;
    const doc = vscode.window.activeTextEditor?.document;
    const lines = doc && this.tracker.lines(doc);
    if (!doc || !lines || lines.length === 0) return this.item.hide();
    const n = countLines(lines);
    const total = lines.length;
    const pct = Math.round((100 * (n.ai + n.mixed)) / total);
    this.item.text = `$(sparkle) AI ${pct}%`;
    this.item.tooltip = new vscode.MarkdownString(
      `**AI Provenance** — ${vscode.workspace.asRelativePath(doc.uri)}\n\n` +
        `| | lines |\n|---|---:|\n| AI | ${n.ai} |\n| mixed (AI + other) | ${n.mixed} |\n| human | ${n.human} |\n| unknown | ${n.unknown} |\n| total | ${total} |\n\nClick to open the AI Changes view.`,
    );
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
