import type * as vscode from 'vscode';
import { type AttributedRange, AttributionMap, type Segment } from '../../core/attribution/attributionMap';
import { type Contributor } from '../../core/attribution/contributor';
import { type Eol } from '../../core/attribution/eol';
import { type FileState } from '../../core/worklog';
import { type LogLocation } from './location';

/** How one content change is attributed. */
export type ChangeAuthor = { readonly kind: 'author'; readonly c: Contributor | undefined } | { readonly kind: 'history' };

const GRAVEYARD_LIMIT = 256;

/**
 * The attribution of one open document. Changes cost O(log runs) each
 * (AttributionMap); nothing here touches the whole text.
 */
export class TrackedDoc {
  map: AttributionMap;
  /** Where it is persisted; undefined until located (or for untitled documents). */
  loc: LogLocation | undefined;
  /** The record's seq we last read or wrote (0: none). */
  seq = 0;
  /**
   * The record's state at that seq: the base of a three-way merge when
   * another writer changed the record meanwhile (see writeMerged).
   */
  base: FileState | undefined;
  /**
   * Saves of the document begun so far (onWillSave). A change whose text is
   * on disk because the editor itself saved it is not a reload from disk.
   */
  saves = 0;
  /** Changed since the last write to the working log. */
  unflushed = false;
  loaded = false;
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * A record another writer made for a text the document has not caught up
   * with yet (an agent's write recorded before VS Code reloads the file);
   * applied when a reload brings the document to that text.
   */
  pending: { text: string; ranges: readonly AttributedRange[] } | undefined;
  /**
   * Authors of recently deleted text, keyed `offset:length`. Undo and redo
   * re-insert exactly what a change removed at the same place, so this gives
   * the re-inserted text back its authors (redo of an AI insertion is AI again).
   */
  private readonly graveyard = new Map<string, Segment[]>();

  constructor(
    readonly uri: vscode.Uri,
    length: number,
    /** The document's line break as last seen (a change of it rewrites every line break). */
    public eol: Eol = '\n',
  ) {
    this.map = new AttributionMap(length);
  }

  /**
   * Applies one event's changes. Their offsets all refer to the text before
   * the event, so they are applied from the end backwards.
   */
  apply(changes: readonly vscode.TextDocumentContentChangeEvent[], author: (ch: vscode.TextDocumentContentChangeEvent) => ChangeAuthor): void {
    const sorted = changes.length > 1 ? [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset) : changes;
    for (const ch of sorted) {
      const a = author(ch);
      if (ch.rangeLength > 0) this.bury(ch.rangeOffset, ch.rangeLength);
      if (a.kind === 'history') {
        const runs = this.graveyard.get(`${ch.rangeOffset}:${ch.text.length}`);
        if (runs && ch.text.length > 0 && runs[runs.length - 1].end === ch.text.length) this.map.replaceWithRuns(ch.rangeOffset, ch.rangeLength, runs);
        else this.map.replace(ch.rangeOffset, ch.rangeLength, ch.text.length, undefined);
      } else this.map.replace(ch.rangeOffset, ch.rangeLength, ch.text.length, a.c);
    }
    this.unflushed = true;
  }

  private bury(offset: number, length: number): void {
    const runs = this.map.slice(offset, offset + length);
    if (!runs.some((r) => r.c)) return;
    const key = `${offset}:${length}`;
    this.graveyard.delete(key);
    this.graveyard.set(key, runs);
    if (this.graveyard.size > GRAVEYARD_LIMIT) this.graveyard.delete(this.graveyard.keys().next().value!);
  }
}
