import { mapLines } from '../trace/lineMap';
import { type DiffLine, type FileChange, type FileStatus, type Hunk } from './types';

/**
 * Parses `git diff` output (or a plain unified diff) into file changes.
 * Understands git's extended headers (new/deleted file, renames, copies,
 * binary files) and C-quoted paths. Run git with `--src-prefix=a/
 * --dst-prefix=b/` so a user's `diff.noprefix` cannot change the paths.
 */
export function parseUnifiedDiff(text: string): FileChange[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const files: FileChange[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith('diff --git ') || (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ '))) {
      const r = parseFile(lines, i);
      files.push(r.file);
      i = r.next;
    } else i++;
  }
  return files;
}

interface Header {
  oldPath?: string;
  newPath?: string;
  status: FileStatus;
  binary: boolean;
}

function parseFile(lines: string[], start: number): { file: FileChange; next: number } {
  const h: Header = { status: 'modified', binary: false };
  let i = start;
  const first = lines[i] ?? '';
  if (first.startsWith('diff --git ')) {
    const pair = splitGitHeader(first.slice('diff --git '.length));
    h.oldPath = pair?.[0];
    h.newPath = pair?.[1];
    i++;
    for (; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (l.startsWith('diff --git ') || l.startsWith('@@ ') || l.startsWith('--- ')) break;
      if (l.startsWith('new file mode')) h.status = 'added';
      else if (l.startsWith('deleted file mode')) h.status = 'deleted';
      else if (l.startsWith('rename from ') || l.startsWith('copy from ')) h.oldPath = unquote(l.replace(/^(rename|copy) from /, ''));
      else if (l.startsWith('rename to ') || l.startsWith('copy to ')) {
        h.newPath = unquote(l.replace(/^(rename|copy) to /, ''));
        if (h.status === 'modified') h.status = 'renamed';
      } else if (l.startsWith('Binary files ') || l === 'GIT binary patch') h.binary = true;
    }
  }
  if ((lines[i] ?? '').startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
    const o = pathOf(lines[i].slice(4));
    const n = pathOf(lines[i + 1].slice(4));
    if (o === undefined) h.status = 'added';
    else h.oldPath = o;
    if (n === undefined) h.status = 'deleted';
    else h.newPath = n;
    i += 2;
  }
  const hunks: Hunk[] = [];
  while ((lines[i] ?? '').startsWith('@@ ')) {
    const r = parseHunk(lines, i);
    if (!r) break;
    hunks.push(r.hunk);
    i = r.next;
  }
  const newPath = h.newPath ?? h.oldPath ?? '';
  const oldPath = h.oldPath ?? newPath;
  const path = h.status === 'deleted' ? oldPath : newPath;
  const file: FileChange = { path, status: h.status, binary: h.binary, hunks, ...(oldPath !== path ? { oldPath } : {}) };
  return { file, next: i };
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

function parseHunk(lines: string[], start: number): { hunk: Hunk; next: number } | undefined {
  const m = HUNK.exec(lines[start] ?? '');
  if (!m) return undefined;
  let oldLeft = m[2] === undefined ? 1 : Number(m[2]);
  let newLeft = m[4] === undefined ? 1 : Number(m[4]);
  const oldStart = Number(m[1]);
  const newStart = Number(m[3]);
  // A zero-length side starts *after* the line it names.
  let o = oldLeft === 0 ? oldStart + 1 : oldStart;
  let n = newLeft === 0 ? newStart + 1 : newStart;
  const out: DiffLine[] = [];
  let i = start + 1;
  while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
    const l = lines[i] ?? '';
    const c = l[0];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '+' && newLeft > 0) {
      out.push({ kind: '+', text: l.slice(1), oldLine: o, newLine: n++ });
      newLeft--;
    } else if (c === '-' && oldLeft > 0) {
      out.push({ kind: '-', text: l.slice(1), oldLine: o++, newLine: n });
      oldLeft--;
    } else if ((c === ' ' || l === '') && oldLeft > 0 && newLeft > 0) {
      out.push({ kind: ' ', text: l.slice(1), oldLine: o++, newLine: n++ });
      oldLeft--;
      newLeft--;
    } else break;
    i++;
  }
  while ((lines[i] ?? '').startsWith('\\')) i++;
  return { hunk: { oldStart, newStart, section: m[5] ?? '', lines: out }, next: i };
}

/** `a/x` or `"a/x\tq"` or `/dev/null` (undefined); strips the a/ or b/ prefix. */
function pathOf(raw: string): string | undefined {
  // Plain diffs may append a tab and a timestamp after the name.
  const s = raw.startsWith('"') ? unquote(raw) : raw.replace(/\t.*$/, '');
  if (s === '/dev/null') return undefined;
  return s.replace(/^[ab]\//, '');
}

function splitGitHeader(rest: string): [string, string] | undefined {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const a = unquote(rest.slice(0, end + 1));
    const b = rest.slice(end + 2);
    return [a.replace(/^a\//, ''), unquote(b).replace(/^b\//, '')];
  }
  const q = rest.indexOf(' "');
  if (q >= 0) return [rest.slice(0, q).replace(/^a\//, ''), unquote(rest.slice(q + 1)).replace(/^b\//, '')];
  // Unquoted names with spaces are ambiguous; a and b are equal unless renamed,
  // and renames carry `rename from/to` lines that override this guess.
  const mid = (rest.length - 1) / 2;
  if (Number.isInteger(mid) && rest[mid] === ' ') return [rest.slice(0, mid).replace(/^a\//, ''), rest.slice(mid + 1).replace(/^b\//, '')];
  const sp = rest.indexOf(' b/');
  return sp >= 0 ? [rest.slice(0, sp).replace(/^a\//, ''), rest.slice(sp + 3)] : undefined;
}

function closingQuote(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return s.length - 1;
}

const ESC: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };

/** Undoes git's C-style quoting (octal escapes are UTF-8 bytes). */
export function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  const bytes: number[] = [];
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '"') break;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const d = s[++i] ?? '';
    if (/[0-7]/.test(d)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(ESC[d] ?? d.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits text into lines without their terminators (CRLF-safe). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Builds a file change from two texts (an editor buffer against HEAD):
 * `oldText` undefined for a new file, `newText` undefined for a deletion.
 * Hunks carry `context` lines around each change, as git's would.
 */
export function changeFromTexts(path: string, oldText: string | undefined, newText: string | undefined, context = 3): FileChange {
  const status: FileStatus = oldText === undefined ? 'added' : newText === undefined ? 'deleted' : 'modified';
  const a = splitLines(oldText ?? '');
  const b = splitLines(newText ?? '');
  const hunks = groupHunks(lineOps(a, b), context).map((h) => ({ ...h, section: sectionBefore(a, h.oldStart - 1) }));
  return { path, status, binary: false, hunks, ...(oldText !== undefined ? { oldText } : {}), ...(newText !== undefined ? { newText } : {}) };
}

/** The line-by-line edit script from a to b, as diff lines. */
function lineOps(a: readonly string[], b: readonly string[]): DiffLine[] {
  const map = mapLines(a, b);
  const ops: DiffLine[] = [];
  let i = 0; // next old index not yet emitted
  let added: DiffLine[] = [];
  for (let j = 0; j < b.length; j++) {
    const k = map[j];
    if (k < 0) {
      added.push({ kind: '+', text: b[j], oldLine: 0, newLine: j + 1 });
      continue;
    }
    for (; i < k; i++) ops.push({ kind: '-', text: a[i], oldLine: i + 1, newLine: j + 1 - added.length });
    ops.push(...added.map((d) => ({ ...d, oldLine: k + 1 })));
    added = [];
    ops.push({ kind: ' ', text: b[j], oldLine: k + 1, newLine: j + 1 });
    i = k + 1;
  }
  for (; i < a.length; i++) ops.push({ kind: '-', text: a[i], oldLine: i + 1, newLine: b.length - added.length + 1 });
  ops.push(...added.map((d) => ({ ...d, oldLine: a.length + 1 })));
  return ops;
}

function groupHunks(ops: readonly DiffLine[], context: number): Hunk[] {
  // Each change pulls in `context` lines either side; overlapping spans merge.
  const hunks: Hunk[] = [];
  let from = -1;
  let to = -1;
  for (let x = 0; x < ops.length; x++) {
    if (ops[x].kind === ' ') continue;
    const lo = Math.max(0, x - context);
    const hi = Math.min(ops.length - 1, x + context);
    if (from >= 0 && lo <= to + 1) to = Math.max(to, hi);
    else {
      if (from >= 0) hunks.push(toHunk(ops.slice(from, to + 1)));
      from = lo;
      to = hi;
    }
  }
  if (from >= 0) hunks.push(toHunk(ops.slice(from, to + 1)));
  return hunks;
}

/**
 * Git's default hunk header: the nearest line above the hunk (in the old
 * text) that starts with a letter, `_` or `$` — usually the enclosing
 * function, resource or block.
 */
function sectionBefore(old: readonly string[], index: number): string {
  for (let i = Math.min(index, old.length) - 1; i >= 0; i--) {
    const l = old[i];
    if (/^[A-Za-z_$]/.test(l)) return l.length > 80 ? l.slice(0, 80) : l;
  }
  return '';
}

function toHunk(lines: DiffLine[]): Hunk {
  const f = lines[0];
  return { oldStart: f.oldLine, newStart: f.newLine, section: '', lines };
}
