import type * as vscode from 'vscode';
import { type AiCheck } from './service';

/** The part of attribution tracking the risk view needs: per-line kinds of an open document. */
export interface LineKinds {
  lines(uri: vscode.Uri): readonly ({ readonly kind: string } | undefined)[] | undefined;
  /** Fires when a document's attribution changes: edits, and also manual marks and agent records, which change no text. */
  readonly onDidChangeAttribution?: vscode.Event<vscode.Uri>;
}

/**
 * "Was this written by AI?" from line attribution: true when any line of the
 * range is `ai` or `mixed`, undefined when the document is not tracked.
 * Carries the tracker's change event so findings follow attribution changes.
 */
export function aiLinesCheck(tracking: LineKinds): AiCheck {
  const check = (uri: vscode.Uri, startLine: number, endLine: number): boolean | undefined => {
    const lines = tracking.lines(uri);
    if (!lines) return undefined;
    for (let l = startLine; l <= endLine; l++) {
      const k = lines[l - 1]?.kind;
      if (k === 'ai' || k === 'mixed') return true;
    }
    return false;
  };
  return Object.assign(check, { onDidChange: tracking.onDidChangeAttribution });
}
