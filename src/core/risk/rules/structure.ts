import { type ViewLine } from '../view';

/**
 * Structural helpers for rules that need more than one line: enclosing
 * blocks (HCL braces, YAML indentation), block extents and SQL statements.
 * They work on one side of one hunk, the only text a git diff carries.
 */

/** Net `{` minus `}` on a line of code. */
export function braceDelta(code: string): number {
  let d = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 123) d++;
    else if (c === 125) d--;
  }
  return d;
}

/**
 * The nearest line above `idx` that opens the block containing it and
 * matches `header`; falls back to the hunk's section line (git's function
 * context) when the hunk does not show the opening line.
 */
export function enclosingHeader(lines: readonly ViewLine[], idx: number, header: RegExp, section = ''): string | undefined {
  let depth = 0;
  for (let i = idx - 1; i >= 0; i--) {
    const code = lines[i].code;
    depth += braceDelta(code);
    if (depth > 0) {
      // The innermost open block: the header or nothing (a nested block).
      return header.test(code) ? code : undefined;
    }
  }
  return header.test(section) ? section : undefined;
}

/** Index of the last line of the brace block opened at `idx` (or the last line available). */
export function blockEnd(lines: readonly ViewLine[], idx: number): number {
  let depth = 0;
  for (let i = idx; i < lines.length; i++) {
    depth += braceDelta(lines[i].code);
    if (depth <= 0 && i > idx) return i;
    if (depth <= 0 && i === idx && lines[i].code.includes('{')) return i;
  }
  return lines.length - 1;
}

export function indentOf(text: string): number {
  const m = /^[ \t]*/.exec(text);
  return m ? m[0].length : 0;
}

/** The YAML key of the nearest less-indented line above `idx` (`persistence:` gives `persistence`). */
export function yamlParent(lines: readonly ViewLine[], idx: number): string | undefined {
  const own = indentOf(lines[idx].text);
  for (let i = idx - 1; i >= 0; i--) {
    const code = lines[i].code;
    if (code.trim() === '') continue;
    if (indentOf(code) < own) {
      const m = /^\s*-?\s*["']?([\w.\-/]+)["']?\s*:/.exec(code);
      return m?.[1];
    }
  }
  return undefined;
}

/** A SQL statement assembled from consecutive lines. */
export interface Statement {
  readonly text: string;
  readonly lines: readonly ViewLine[];
}

/** Splits a side into `;`-terminated statements (string contents are already blanked). */
export function statements(lines: readonly ViewLine[]): Statement[] {
  const out: Statement[] = [];
  let text = '';
  let cur: ViewLine[] = [];
  for (const l of lines) {
    const parts = l.code.split(';');
    for (let p = 0; p < parts.length; p++) {
      const piece = parts[p];
      if (piece.trim() !== '') {
        text += ` ${piece}`;
        if (cur[cur.length - 1] !== l) cur.push(l);
      }
      if (p < parts.length - 1) {
        if (text.trim()) out.push({ text, lines: cur });
        text = '';
        cur = [];
      }
    }
  }
  if (text.trim()) out.push({ text, lines: cur });
  return out;
}
