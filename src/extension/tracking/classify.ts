import * as vscode from 'vscode';
import { type Contributor } from '../../core/attribution/contributor';
import { type ChangeAuthor } from './trackedDoc';

/** What we know about the moment of a change event. */
export interface ChangeContext {
  readonly reason: vscode.TextDocumentChangeReason | undefined;
  /** An accepted inline suggestion is expected (our Tab keybinding ran). */
  readonly inline: Contributor | undefined;
  /** A chat/agent edit session is editing the document (tool name). */
  readonly chatAgent: string | undefined;
  /** The document is clean after the change: VS Code reloaded it from disk. */
  readonly reloaded: boolean;
  /** The document is shown in an editor (typing needs one). */
  readonly visible: boolean;
  /** `aiProvenance.tracking.heuristic`: label large unexplained insertions as a low-confidence guess. */
  readonly heuristic: boolean;
  readonly at: string;
}

/** Line breaks an insertion needs before the heuristic calls it a guess. */
const HEURISTIC_MIN_LINES = 3;

/** Enter with auto-indent inserts a line break and whitespace: still typing. */
function isTypingSized(text: string): boolean {
  return !text.includes('\n') || /^\r?\n[ \t]*$/.test(text) || text.length <= 2;
}

/**
 * Decides who wrote one content change, most reliable signal first:
 * undo/redo restore earlier authors; an expected inline suggestion is AI;
 * a chat/agent edit session's multi-character edits are AI; a reload from
 * disk and edits to documents no editor shows are `unknown`; a multi-line
 * insertion that is not typing is `unknown` until the clipboard shows it
 * was a paste (see Tracker); everything else is the user's typing.
 */
export function authorOf(ch: vscode.TextDocumentContentChangeEvent, ctx: ChangeContext): ChangeAuthor & { pasteCandidate?: boolean } {
  if (ctx.reason === vscode.TextDocumentChangeReason.Undo || ctx.reason === vscode.TextDocumentChangeReason.Redo) return { kind: 'history' };
  if (ctx.inline) return { kind: 'author', c: ctx.inline };
  if (ch.text.length === 0) return { kind: 'author', c: undefined };
  if (ctx.chatAgent && !(ch.text.length === 1 && ch.rangeLength === 0)) return { kind: 'author', c: { kind: 'ai', agent: ctx.chatAgent, via: 'chat-edit', at: ctx.at } };
  const unknown: Contributor = { kind: 'unknown', via: 'external-write', at: ctx.at };
  if (ctx.reloaded || !ctx.visible) return { kind: 'author', c: unknown };
  if (!isTypingSized(ch.text)) {
    // Several lines at once that are not typing, undo/redo or (see Tracker) a paste: maybe an assistant.
    const guess = ctx.heuristic && ch.text.split('\n').length > HEURISTIC_MIN_LINES;
    return { kind: 'author', c: guess ? { kind: 'unknown', via: 'heuristic', at: ctx.at } : unknown, pasteCandidate: true };
  }
  return { kind: 'author', c: { kind: 'human', via: 'manual', at: ctx.at } };
}
