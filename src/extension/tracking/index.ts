import * as vscode from 'vscode';
import { type LineAttribution } from '../../core/attribution/lines';
import { type FileLineAttribution } from '../../core/worklog';
import { CommandIds } from '../commands/ids';
import { registerCommand } from '../commands/register';
import { acceptInlineSuggestion } from './acceptInline';
import { ChangesTree } from './changesTree';
import { AttributionDecorations } from './decorations';
import { LogLocator } from './location';
import { LogWatcher } from './logWatcher';
import { type MarkArgs, markSelectionAsAi, markSelectionAsHuman } from './markSelection';
import { Signals } from './signals';
import { AttributionStatusBar } from './statusBar';
import { Tracker } from './tracker';

/** What tracking exposes through the extension's API (integration tests, other extensions). */
export interface TrackingApi {
  /** Per-line attribution of an open document (undefined: not tracked). */
  lines(uri: vscode.Uri): (LineAttribution | undefined)[] | undefined;
  /** Lines the gutter currently decorates for a visible document. */
  decorated(uri: vscode.Uri): (LineAttribution | undefined)[] | undefined;
  /** The status bar text ("$(sparkle) AI 35%") or undefined when hidden. */
  statusText(): string | undefined;
  /** What the AI Changes view lists, per repository. */
  changes(): { root: string; files: FileLineAttribution[] }[];
  /** Writes pending attribution, merges agent events and refreshes views now. */
  sync(): void;
  /** Fires (per change, not debounced) when a document's attribution changed: edits, marks, agent records. */
  readonly onDidChangeAttribution: vscode.Event<vscode.Uri>;
}

/**
 * Wires attribution tracking: the tracker, its signals, the working-log
 * watcher, gutter, status bar, the AI Changes view and the commands.
 */
export function registerTracking(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): TrackingApi {
  const signals = new Signals();
  const locator = new LogLocator(context.storageUri);
  const tracker = new Tracker(locator, signals, log);
  const tree = new ChangesTree(log, (dir) => tracker.openStates(dir));
  const watcher = new LogWatcher((dir) => {
    tracker.logChanged(dir);
    tree.schedule();
  }, log);
  const decorations = new AttributionDecorations(tracker, vscode.Uri.joinPath(context.extensionUri, 'media'));
  const status = new AttributionStatusBar(tracker, CommandIds.showSidebar);
  context.subscriptions.push(
    tracker,
    tree,
    watcher,
    decorations,
    status,
    vscode.window.createTreeView('aiProvenance.changes', { treeDataProvider: tree, showCollapseAll: true }),
    tracker.onDidLocate((loc) => {
      watcher.watch(loc.dir);
      tree.addLog(loc);
    }),
    tracker.onDidChange(() => tree.schedule()),
    registerCommand(CommandIds.acceptInlineSuggestion, () => acceptInlineSuggestion(signals), log),
    registerCommand(CommandIds.acceptInlineSuggestionNextWord, () => acceptInlineSuggestion(signals, 'editor.action.inlineSuggest.acceptNextWord'), log),
    registerCommand(CommandIds.acceptInlineSuggestionNextLine, () => acceptInlineSuggestion(signals, 'editor.action.inlineSuggest.acceptNextLine'), log),
    registerCommand(CommandIds.markSelectionAsAi, (args?: MarkArgs) => markSelectionAsAi(tracker, args), log),
    registerCommand(CommandIds.markSelectionAsHuman, () => markSelectionAsHuman(tracker), log),
  );
  // Repositories of the open folders, so the view lists AI work done while no file is open.
  // Finding a repository starts git, whose spawn alone blocks the host for milliseconds:
  // done right after activation, not during it.
  const probe = setTimeout(() => {
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      void locator.locate(vscode.Uri.joinPath(f.uri, '.aiprov-folder-probe')).then((loc) => {
        if (loc) {
          watcher.watch(loc.dir);
          tree.addLog(loc);
        }
      });
    }
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(probe) });
  return {
    lines: (uri) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return doc && tracker.lines(doc);
    },
    decorated: (uri) => decorations.shown.get(uri.toString()),
    statusText: () => {
      status.update();
      return vscode.window.activeTextEditor && tracker.get(vscode.window.activeTextEditor.document.uri) ? status.item.text : undefined;
    },
    changes: () => tree.snapshot,
    sync: () => {
      tracker.flushAll();
      for (const d of watcher.dirs) watcher.poke(d);
      tree.refresh();
    },
    onDidChangeAttribution: tracker.onDidChange,
  };
}
