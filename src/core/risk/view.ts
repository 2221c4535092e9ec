import { classify, type FileKind } from './classify';
import { type CommentState, looksLikeCommentContinuation, stripComments } from './comments';
import { splitLines } from './diff';
import { type FileChange, type Hunk } from './types';

/** A line of one side of a change, with its comments stripped. */
export interface ViewLine {
  /** 1-based line number on its side. */
  readonly line: number;
  readonly text: string;
  /** The text without comments (SQL: without string contents either). */
  readonly code: string;
  /** Added (new side) or removed (old side); false for context. */
  readonly changed: boolean;
  /** The line's position in the new text (for removed lines: where they were). */
  readonly anchor: number;
}

/** Whitespace-insensitive key of a line's code, to recognise moved lines. */
export function lineKey(code: string): string {
  return code.trim().replace(/\s+/g, ' ');
}

/**
 * One file of a change prepared for the rules: its kind, and both sides of
 * every hunk with comments stripped, computed once for all rules.
 */
export class FileView {
  readonly kind: FileKind;
  /** Per hunk, the new side (context and added lines) in order. */
  readonly newSides: ViewLine[][] = [];
  /** Per hunk, the old side (context and removed lines) in order. */
  readonly oldSides: ViewLine[][] = [];
  readonly added: ViewLine[] = [];
  readonly removed: ViewLine[] = [];
  /** Keys of added and removed code lines, to tell a move from a change. */
  readonly addedKeys = new Set<string>();
  readonly removedKeys = new Set<string>();
  private newAll?: string[];
  private oldAll?: string[];

  constructor(readonly change: FileChange) {
    this.kind = classify(change.path, sampleOf(change));
    const blank = this.kind.language === 'sql';
    for (const h of change.hunks) {
      this.newSides.push(this.side(h, '+', blank));
      this.oldSides.push(this.side(h, '-', blank));
    }
    for (const s of this.newSides) for (const l of s) if (l.changed) this.added.push(l);
    for (const s of this.oldSides) for (const l of s) if (l.changed) this.removed.push(l);
    for (const l of this.added) if (l.code.trim()) this.addedKeys.add(lineKey(l.code));
    for (const l of this.removed) if (l.code.trim()) this.removedKeys.add(lineKey(l.code));
  }

  get path(): string {
    return this.change.path;
  }

  /** All lines of the new text when known (editor changes), else undefined. */
  newLines(): string[] | undefined {
    if (this.change.newText === undefined) return undefined;
    return (this.newAll ??= splitLines(this.change.newText));
  }

  oldLines(): string[] | undefined {
    if (this.change.oldText === undefined) return undefined;
    return (this.oldAll ??= splitLines(this.change.oldText));
  }

  /** Whether a removed line's code reappears among the added lines (a move, not a removal). */
  readded(l: ViewLine): boolean {
    return this.addedKeys.has(lineKey(l.code));
  }

  /** Whether an added line's code was also removed (a move or re-indent, not an addition). */
  preexisting(l: ViewLine): boolean {
    return this.removedKeys.has(lineKey(l.code));
  }

  private side(h: Hunk, changed: '+' | '-', blank: boolean): ViewLine[] {
    const lang = this.kind.language;
    const out: ViewLine[] = [];
    const state: CommentState = { inBlock: false };
    let first = true;
    for (const d of h.lines) {
      if (d.kind !== ' ' && d.kind !== changed) continue;
      // A hunk that starts inside a block comment shows it by ` * ` lines.
      if (first && looksLikeCommentContinuation(d.text, lang)) state.inBlock = !/\*\//.test(d.text);
      const code = first && looksLikeCommentContinuation(d.text, lang) ? '' : stripComments(d.text, lang, state, blank);
      first = false;
      out.push({ line: changed === '+' ? d.newLine : d.oldLine, text: d.text, code, changed: d.kind === changed, anchor: d.newLine });
    }
    return out;
  }
}

function sampleOf(c: FileChange): string {
  const t = c.newText ?? c.oldText;
  if (t !== undefined) return t.slice(0, 8192);
  // A diff shows only hunks; git's section lines often hold `kind:` or `AWSTemplateFormatVersion`.
  let s = '';
  for (const h of c.hunks) {
    if (h.section) s += `${h.section}\n`;
    for (const l of h.lines) {
      s += `${l.text}\n`;
      if (s.length > 8192) return s;
    }
  }
  return s;
}

/** Every file of one change set, with indexes the cross-file rules need. */
export class DiffView {
  readonly files: FileView[];
  /** Keys of code added anywhere in the change (moves between files). */
  readonly addedAnywhere = new Set<string>();
  readonly paths = new Set<string>();

  constructor(changes: readonly FileChange[]) {
    this.files = changes.map((c) => new FileView(c));
    for (const f of this.files) {
      for (const k of f.addedKeys) this.addedAnywhere.add(k);
      this.paths.add(f.path);
    }
  }
}
