import * as vscode from 'vscode';
import { type LineAttribution, lineRuns } from '../../core/attribution/lines';
import { describe } from './describe';
import { readTrackingSettings } from './settings';
import { type Tracker } from './tracker';

const DELAY_MS = 120;

/**
 * Gutter marks, a subtle background and a hover on AI-written lines of the
 * visible editors. Recomputed per editor, debounced: classifying lines reads
 * the whole text, which must never happen per keystroke.
 */
export class AttributionDecorations implements vscode.Disposable {
  private readonly ai: vscode.TextEditorDecorationType;
  private readonly mixed: vscode.TextEditorDecorationType;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly tracker: Tracker,
    media: vscode.Uri,
  ) {
    const common = { isWholeLine: true, overviewRulerLane: vscode.OverviewRulerLane.Left };
    this.ai = vscode.window.createTextEditorDecorationType({
      ...common,
      backgroundColor: new vscode.ThemeColor('aiProvenance.aiLineBackground'),
      overviewRulerColor: new vscode.ThemeColor('aiProvenance.aiLineRuler'),
      gutterIconPath: vscode.Uri.joinPath(media, 'ai-line.svg'),
      gutterIconSize: 'contain',
    });
    this.mixed = vscode.window.createTextEditorDecorationType({
      ...common,
      overviewRulerColor: new vscode.ThemeColor('aiProvenance.aiLineRuler'),
      gutterIconPath: vscode.Uri.joinPath(media, 'mixed-line.svg'),
      gutterIconSize: 'contain',
    });
    tracker.onDidChange((uri) => this.schedule(uri), this, this.disposables);
    vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll(), this, this.disposables);
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('aiProvenance.decorations') && this.refreshAll(), this, this.disposables);
    this.refreshAll();
  }

  /** Latest line attribution shown per document (tests read it). */
  readonly shown = new Map<string, (LineAttribution | undefined)[]>();

  refreshAll(): void {
    for (const ed of vscode.window.visibleTextEditors) this.schedule(ed.document.uri);
  }

  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(key, setTimeout(() => this.paint(uri), DELAY_MS));
  }

  private paint(uri: vscode.Uri): void {
    this.timers.delete(uri.toString());
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri.toString());
    if (editors.length === 0) return;
    const on = readTrackingSettings(uri).decorations;
    const lines = this.tracker.lines(editors[0].document) ?? [];
    this.shown.set(uri.toString(), lines);
    const ai: vscode.DecorationOptions[] = [];
    const mixed: vscode.DecorationOptions[] = [];
    if (on) {
      for (const r of lineRuns(lines)) {
        if (r.kind !== 'ai' && r.kind !== 'mixed') continue;
        // The range must cover the text: an empty range never shows its hover.
        const hover = new vscode.MarkdownString(`**AI Provenance** · ${describe(r.kind, r.contributor)}`);
        (r.kind === 'ai' ? ai : mixed).push({ range: new vscode.Range(r.startLine - 1, 0, r.endLine - 1, Number.MAX_SAFE_INTEGER), hoverMessage: hover });
      }
    }
    for (const ed of editors) {
      ed.setDecorations(this.ai, ai);
      ed.setDecorations(this.mixed, mixed);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.ai.dispose();
    this.mixed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
