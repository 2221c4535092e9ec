/**
 * Parsing `git diff -U0` output into the added lines of each file. Paths in
 * the `+++ b/…` header are C-quoted by git when they contain special bytes
 * (tabs, newlines, quotes, non-ASCII with core.quotePath); we unquote them.
 */

/** Added lines of one file (1-based, in the new version) and the file's path there. */
export interface AddedLines {
  readonly path: string;
  readonly lines: number[];
}

export function parseAddedLines(patch: string): AddedLines[] {
  const out: AddedLines[] = [];
  let cur: { path: string; lines: number[] } | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      cur = undefined;
    } else if (line.startsWith('+++ ')) {
      const p = headerPath(line.slice(4));
      cur = p === undefined ? undefined : { path: p, lines: [] };
      if (cur) out.push(cur);
    } else if (cur && line.startsWith('@@ ')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let k = 0; k < count; k++) cur.lines.push(start + k);
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
