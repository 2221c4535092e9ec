import * as fs from 'fs';
import * as vscode from 'vscode';
import { AttributionMap } from '../../core/attribution/attributionMap';
import { type Contributor } from '../../core/attribution/contributor';
import { type Eol, convertEolRanges } from '../../core/attribution/eol';
import { type LineAttribution, classifyLines } from '../../core/attribution/lines';
import { type FileState, renameRecord } from '../../core/worklog';
import { authorOf } from './classify';
import { type LogLocation, type LogLocator } from './location';
import { adoptRecord, applyPending, flushRecord, loadRecord } from './persistence';
import { type Signals, chatEditAgent } from './signals';
import { readTrackingSettings } from './settings';
import { TrackedDoc } from './trackedDoc';

const FLUSH_DELAY_MS = 500;

function eolOf(doc: vscode.TextDocument): Eol {
  return doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/**
 * Follows every text document and keeps who-wrote-what per character.
 * Per change event the cost is O(change · log runs); the text is read only
 * when the attribution is persisted (debounced) or shown.
 */
export class Tracker implements vscode.Disposable {
  private readonly docs = new Map<string, TrackedDoc>();
  /** Recently closed untitled documents: saving one opens its file with the same text. */
  private untitled: { text: string; td: TrackedDoc }[] = [];
  /** Read once and on change: never per keystroke. */
  private heuristic = readTrackingSettings().heuristic;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  /** Fires (per change event, not debounced) when a document's attribution changed. */
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidLocate = new vscode.EventEmitter<LogLocation>();
  /** Fires when a document's working log is found (so watchers can follow it). */
  readonly onDidLocate = this._onDidLocate.event;

  constructor(
    private readonly locator: LogLocator,
    private readonly signals: Signals,
    private readonly log: vscode.LogOutputChannel,
  ) {
    vscode.workspace.onDidOpenTextDocument((d) => this.open(d), undefined, this.disposables);
    vscode.workspace.onDidChangeTextDocument((e) => this.change(e), undefined, this.disposables);
    vscode.workspace.onDidCloseTextDocument((d) => this.close(d), undefined, this.disposables);
    vscode.workspace.onWillSaveTextDocument((e) => this.willSave(e.document), undefined, this.disposables);
    vscode.workspace.onDidSaveTextDocument((d) => this.flushNow(d), undefined, this.disposables);
    vscode.workspace.onDidRenameFiles((e) => this.renamed(e), undefined, this.disposables);
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration('aiProvenance.tracking.heuristic')) this.heuristic = readTrackingSettings().heuristic;
      },
      undefined,
      this.disposables,
    );
    // Documents already open are attached right after activation, not during
    // it: reading every open document is what made activation slow.
    const initial = setTimeout(() => {
      for (const d of vscode.workspace.textDocuments) this.open(d);
    }, 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  /** The tracked state of a document, if tracked. */
  get(uri: vscode.Uri): TrackedDoc | undefined {
    return this.docs.get(uri.toString());
  }

  /** Per-line attribution of an open document (O(document): call debounced). */
  lines(doc: vscode.TextDocument): (LineAttribution | undefined)[] | undefined {
    const td = this.get(doc.uri);
    if (!td) return undefined;
    const lines = classifyLines(doc.getText(), td.map.ranges());
    if (doc.getText().endsWith('\n')) lines.pop();
    return lines;
  }

  /** Text and attribution of the open documents whose log is `dir`, by path (O(documents): call debounced). */
  openStates(dir: string): Map<string, FileState> {
    const out = new Map<string, FileState>();
    for (const doc of vscode.workspace.textDocuments) {
      const td = this.get(doc.uri);
      if (td?.loc?.dir === dir && td.loaded) out.set(td.loc.relPath, { text: doc.getText(), ranges: td.map.ranges() });
    }
    return out;
  }

  /** Re-attributes `[start, end)` of a document (the manual commands). */
  mark(doc: vscode.TextDocument, start: number, end: number, c: Contributor): void {
    const td = this.get(doc.uri);
    if (!td) throw new Error(`${vscode.workspace.asRelativePath(doc.uri)} is not tracked (too large, disabled, or not a text file)`);
    td.map.mark(start, end, c);
    td.unflushed = true;
    this.changed(doc, td);
  }

  private warn = (m: string): void => this.log.warn(m);

  private open(doc: vscode.TextDocument): void {
    if (this.docs.has(doc.uri.toString()) || (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled')) return;
    const s = readTrackingSettings(doc.uri);
    if (!s.enabled) return;
    const len = doc.getText().length;
    if (len > s.maxFileSizeKb * 1024) {
      this.log.info(`not tracking ${vscode.workspace.asRelativePath(doc.uri)}: ${Math.round(len / 1024)} KB is over aiProvenance.tracking.maxFileSizeKb (${s.maxFileSizeKb})`);
      return;
    }
    // VS Code opens files with NUL bytes when an extension asks: their "lines" mean nothing.
    if (doc.getText().includes('\u0000')) {
      this.log.info(`not tracking ${vscode.workspace.asRelativePath(doc.uri)}: it looks binary (NUL bytes)`);
      return;
    }
    const td = new TrackedDoc(doc.uri, len, eolOf(doc));
    const saved = doc.uri.scheme === 'file' ? this.untitled.findIndex((u) => u.text.length === len && u.text === doc.getText()) : -1;
    if (saved >= 0) {
      td.map = this.untitled[saved].td.map;
      td.unflushed = true;
      this.untitled.splice(saved, 1);
    }
    this.docs.set(doc.uri.toString(), td);
    if (doc.uri.scheme === 'untitled') return; // kept in memory until saved
    void this.locator.locate(doc.uri).then(
      (loc) => {
        if (this.docs.get(doc.uri.toString()) !== td || !loc) return;
        td.loc = loc;
        loadRecord(td, doc.getText(), this.warn);
        this._onDidLocate.fire(loc);
        if (td.unflushed) this.changed(doc, td);
        this._onDidChange.fire(doc.uri);
      },
      (e: unknown) => this.log.warn(`cannot find the working log for ${doc.uri.fsPath}: ${String(e)}`),
    );
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const td = this.get(e.document.uri);
    if (!td) return;
    if (eolOf(e.document) !== td.eol && this.eolChanged(e, td)) return;
    if (e.contentChanges.length === 0) return;
    // A reload that made the file binary (NUL bytes): as on open, its "lines" mean nothing.
    if (e.contentChanges.some((ch) => ch.text.includes('\u0000'))) return this.untrack(e.document, td, 'it now looks binary (NUL bytes)');
    const at = new Date().toISOString();
    const ctx = {
      reason: e.reason,
      inline: this.signals.inlineFor(e.document.uri, at),
      chatAgent: chatEditAgent(e.document),
      // isDirty is not yet updated for the first keystroke after a save, so a
      // reload from disk is confirmed against the file afterwards (checkReload).
      reloaded: false,
      visible: vscode.window.visibleTextEditors.some((ed) => ed.document === e.document),
      heuristic: this.heuristic,
      at,
    };
    let paste: vscode.TextDocumentContentChangeEvent | undefined;
    td.apply(e.contentChanges, (ch) => {
      const a = authorOf(ch, ctx);
      if (a.pasteCandidate && e.contentChanges.length === 1) paste = ch;
      return a;
    });
    if (td.map.length !== e.document.getText().length) return this.resync(e.document);
    if (paste) this.checkPaste(e.document, td, paste);
    if (e.reason === undefined && !e.document.isDirty && e.document.uri.scheme === 'file') this.checkReload(e.document, td, e.contentChanges, at);
    this.changed(e.document, td);
  }

  /**
   * "Change End of Line Sequence" rewrites every line break: VS Code reports
   * it as the new EOL plus, at most, one replacement of the whole text. That
   * is nobody's writing: every character keeps its author, at its new offset
   * (without this the whole file would turn `unknown`, or the map would drift
   * by one per line and be thrown away).
   */
  private eolChanged(e: vscode.TextDocumentChangeEvent, td: TrackedDoc): boolean {
    const whole = e.contentChanges.length === 1 && e.contentChanges[0].rangeOffset === 0 && e.contentChanges[0].rangeLength === td.map.length;
    if (e.contentChanges.length > 0 && !whole) return false;
    const text = e.document.getText();
    td.eol = eolOf(e.document);
    td.map = AttributionMap.fromRanges(text.length, convertEolRanges(td.map.ranges(), text, td.eol));
    this.changed(e.document, td);
    return true;
  }

  /** Stops tracking a document (nothing more is recorded for it), with a note in the output channel. */
  private untrack(doc: vscode.TextDocument, td: TrackedDoc, why: string): void {
    if (td.flushTimer) clearTimeout(td.flushTimer);
    this.docs.delete(doc.uri.toString());
    this.log.info(`not tracking ${vscode.workspace.asRelativePath(doc.uri)} any more: ${why}`);
    this._onDidChange.fire(doc.uri);
  }

  /** Should never happen; if it does, start this document afresh rather than mis-attribute. */
  private resync(doc: vscode.TextDocument): void {
    this.log.warn(`attribution of ${vscode.workspace.asRelativePath(doc.uri)} lost track of the text; starting afresh`);
    this.docs.delete(doc.uri.toString());
    this.open(doc);
  }

  /**
   * A change that leaves the document equal to the file on disk was VS Code
   * reloading it after a write the editor did not make: `unknown`, unless an
   * agent's record for exactly that text is waiting (then the agent's).
   */
  private checkReload(doc: vscode.TextDocument, td: TrackedDoc, changes: readonly vscode.TextDocumentContentChangeEvent[], at: string): void {
    const version = doc.version;
    const saves = td.saves;
    void fs.promises.readFile(doc.uri.fsPath, 'utf8').then(
      (disk) => {
        // A save does not change the version: if the editor saved this text meanwhile (auto save right
        // after the first keystroke following a save), the disk matches because of us, not a reload.
        if (doc.version !== version || td.saves !== saves || this.get(doc.uri) !== td) return;
        const text = doc.getText();
        if (disk !== text) return;
        let delta = 0;
        for (const ch of [...changes].sort((a, b) => a.rangeOffset - b.rangeOffset)) {
          const start = ch.rangeOffset + delta;
          if (ch.text.length > 0) td.map.mark(start, start + ch.text.length, { kind: 'unknown', via: 'external-write', at });
          delta += ch.text.length - ch.rangeLength;
        }
        applyPending(td, text);
        this.changed(doc, td);
      },
      () => undefined,
    );
  }

  /** A multi-line insertion that equals the clipboard was a paste: the user's. */
  private checkPaste(doc: vscode.TextDocument, td: TrackedDoc, ch: vscode.TextDocumentContentChangeEvent): void {
    const version = doc.version;
    void vscode.env.clipboard.readText().then((clip) => {
      const norm = (s: string) => s.replace(/\r\n/g, '\n');
      if (doc.version !== version || this.get(doc.uri) !== td || norm(clip) !== norm(ch.text)) return;
      td.map.mark(ch.rangeOffset, ch.rangeOffset + ch.text.length, { kind: 'human', via: 'manual', at: new Date().toISOString() });
      this.changed(doc, td);
    });
  }

  private changed(doc: vscode.TextDocument, td: TrackedDoc): void {
    td.unflushed = true;
    if (td.flushTimer) clearTimeout(td.flushTimer);
    td.flushTimer = setTimeout(() => this.flush(doc, td), FLUSH_DELAY_MS);
    this._onDidChange.fire(doc.uri);
  }

  private flush(doc: vscode.TextDocument, td: TrackedDoc): void {
    td.flushTimer = undefined;
    if (!td.loc || !td.loaded) return;
    try {
      if (flushRecord(td, doc.getText(), this.warn)) this._onDidChange.fire(doc.uri);
    } catch (e) {
      this.log.warn(`could not write the attribution of ${td.loc.relPath}: ${(e as Error).message}`);
    }
  }

  private willSave(doc: vscode.TextDocument): void {
    const td = this.get(doc.uri);
    if (td) td.saves++;
  }

  /**
   * Writes a document's attribution now, not after the debounce: on save,
   * so a `git commit` right after it (terminal or Source Control, whose
   * commit saves first) finds the saved lines in the working log.
   */
  private flushNow(doc: vscode.TextDocument): void {
    const td = this.get(doc.uri);
    if (!td?.unflushed) return;
    if (td.flushTimer) clearTimeout(td.flushTimer);
    this.flush(doc, td);
  }

  /** Writes every pending document now (tests, deactivation). */
  flushAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.flushNow(doc);
  }

  /** Another writer changed the log of `dir`: adopt or merge their records. */
  logChanged(dir: string): void {
    for (const doc of vscode.workspace.textDocuments) {
      const td = this.get(doc.uri);
      if (!td?.loc || td.loc.dir !== dir || !td.loaded) continue;
      try {
        if (adoptRecord(td, doc.getText(), this.warn)) this._onDidChange.fire(doc.uri);
      } catch (e) {
        this.log.warn(`could not read the attribution of ${td.loc.relPath}: ${(e as Error).message}`);
      }
    }
  }

  private close(doc: vscode.TextDocument): void {
    const td = this.get(doc.uri);
    if (!td) return;
    if (td.flushTimer) clearTimeout(td.flushTimer);
    this.flush(doc, td);
    this.docs.delete(doc.uri.toString());
    if (doc.uri.scheme === 'untitled' && td.map.ranges().length > 0) this.untitled = [{ text: doc.getText(), td }, ...this.untitled.slice(0, 4)];
  }

  private renamed(e: vscode.FileRenameEvent): void {
    for (const { oldUri, newUri } of e.files) {
      void Promise.all([this.locator.locate(oldUri), this.locator.locate(newUri)]).then(([from, to]) => {
        if (from && to && from.dir === to.dir) renameRecord(from.dir, from.relPath, to.relPath, this.warn);
        const td = this.docs.get(newUri.toString());
        if (td && to) {
          td.loc = to;
          td.seq = 0;
          td.base = undefined;
          this.logChanged(to.dir);
        }
      });
    }
  }

  dispose(): void {
    this.flushAll();
    for (const td of this.docs.values()) if (td.flushTimer) clearTimeout(td.flushTimer);
    this.docs.clear();
    for (const d of this.disposables) d.dispose();
    this._onDidChange.dispose();
    this._onDidLocate.dispose();
  }
}
