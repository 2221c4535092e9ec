import type * as vscode from 'vscode';
import { type AiCheck } from './service';

/** The part of attribution tracking the risk view needs: per-line kinds of an open document. */
export interface LineKinds {
  lines(uri: vscode.Uri): readonly ({ readonly kind: string } | undefined)[] | undefined;
}

/**
 * "Was this written by AI?" from line attribution: true when any line of the
 * range is `ai` or `mixed`, undefined when the document is not tracked.
 */
export function aiLinesCheck(tracking: LineKinds): AiCheck {
  return (uri, startLine, endLine) => {
    const lines = tracking.lines(uri);
    if (!lines) return undefined;
    for (let l = startLine; l <= endLine; l++) {
      const k = lines[l - 1]?.kind;
      if (k === 'ai' || k === 'mixed') return true;
    }
    return false;
  };
}
