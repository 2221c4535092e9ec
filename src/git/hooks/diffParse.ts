/**
 * Parsing `git diff` output (any context size) into the added lines of each
 * file. Paths in the `+++ b/…` header are C-quoted by git when they contain
 * special bytes (tabs, newlines, quotes, and non-ASCII with core.quotePath);
 * we unquote them. Submodules (mode 160000) have no lines and are skipped.
 */

/** Added lines of one file (1-based, in the new version) and the file's path there. */
export interface AddedLines {
  readonly path: string;
  readonly lines: number[];
}

export function parseAddedLines(patch: string): AddedLines[] {
  const out: AddedLines[] = [];
  let cur: { path: string; lines: number[] } | undefined;
  let submodule = false;
  // Lines of the current hunk body still to come, per side, and the next new-side line number.
  let oldLeft = 0;
  let newLeft = 0;
  let at = 0;
  for (const line of patch.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      const c = line[0];
      if (c === '+' || c === ' ') {
        if (c === '+') cur?.lines.push(at);
        at++;
        newLeft--;
      }
      if (c === '-' || c === ' ') oldLeft--;
      // '\ No newline at end of file' takes no line; anything else ends the hunk (a malformed count).
      else if (c !== '+' && c !== '\\') oldLeft = newLeft = 0;
      continue;
    }
    if (line.startsWith('diff --git ')) {
      cur = undefined;
      submodule = false;
    } else if (/^(index \S+ |new file mode |deleted file mode |new mode )160000$/.test(line)) {
      submodule = true;
    } else if (line.startsWith('+++ ')) {
      const p = submodule ? undefined : headerPath(line.slice(4));
      cur = p === undefined ? undefined : { path: p, lines: [] };
      if (cur) out.push(cur);
    } else if (line.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      at = Number(m[2]);
      newLeft = m[3] === undefined ? 1 : Number(m[3]);
    }
  }
  return out.filter((f) => f.lines.length > 0);
}

/** `b/path` or `"b/pa\tth"` → path; `/dev/null` → undefined. */
function headerPath(raw: string): string | undefined {
  const s = raw.replace(/\t$/, '');
  if (s === '/dev/null') return undefined;
  const p = s.startsWith('"') ? unquoteC(s) : s;
  return p.startsWith('b/') ? p.slice(2) : undefined;
}

const ESC: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** git's C-style quoting (quote.c): escapes and octal bytes, decoded as UTF-8. */
export function unquoteC(s: string): string {
  const body = s.slice(1, s.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESC[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
