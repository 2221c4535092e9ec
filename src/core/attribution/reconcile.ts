import { type AttributedRange, AttributionMap } from './attributionMap';
import { type Contributor } from './contributor';
import { diffLineOps, splitLines } from './lineDiff';

/** Copies the part of `ranges` inside `[from, from+len)` shifted to `to`. */
class RangeCopier {
  private i = 0;
  readonly out: AttributedRange[] = [];
  constructor(private readonly ranges: readonly AttributedRange[]) {}

  copy(from: number, len: number, to: number): void {
    const end = from + len;
    while (this.i < this.ranges.length && this.ranges[this.i].end <= from) this.i++;
    for (let j = this.i; j < this.ranges.length && this.ranges[j].start < end; j++) {
      const r = this.ranges[j];
      const s = Math.max(r.start, from);
      const e = Math.min(r.end, end);
      if (e > s) this.push(s - from + to, e - from + to, r.c);
    }
  }

  push(start: number, end: number, c: Contributor): void {
    const last = this.out[this.out.length - 1];
    if (last && last.end === start && last.c === c) this.out[this.out.length - 1] = { start: last.start, end, c };
    else this.out.push({ start, end, c });
  }
}

/** A line without its line break: lines that differ only in `\n` vs `\r\n` are the same line. */
function content(line: string): string {
  return line.endsWith('\r\n') ? line.slice(0, -2) : line.endsWith('\n') ? line.slice(0, -1) : line;
}

/**
 * Copies one line the diff calls equal whose line break changed (CRLF vs
 * LF, or a last line that gained or lost its break): the characters keep
 * their authors, the new break takes the author of the old one's first character.
 */
function copyEolChanged(copier: RangeCopier, oldLine: string, o: number, newLine: string, n: number): void {
  const len = content(oldLine).length;
  copier.copy(o, len, n);
  if (len === oldLine.length) return;
  for (let k = len; k < newLine.length; k++) copier.copy(o + len, 1, n + k);
}

/**
 * Maps attribution from `oldText` onto `newText` after a change we did not
 * see keystroke by keystroke (reload from disk, `git checkout`, a formatter,
 * an agent writing the file). A line diff decides: unchanged lines keep
 * their ranges; changed or added lines go to `source` (undefined leaves
 * them unattributed). Line breaks do not count: a file whose CRLF became LF
 * (an editor setting, git's autocrlf) keeps every line's authors.
 */
export function reconcileRanges(oldText: string, oldRanges: readonly AttributedRange[], newText: string, source: Contributor | undefined): AttributedRange[] {
  if (oldText === newText) return oldRanges.slice();
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const copier = new RangeCopier(oldRanges);
  let ai = 0;
  let bi = 0;
  let o = 0;
  let n = 0;
  for (const { op, count } of diffLineOps(a.map(content), b.map(content))) {
    let len = 0;
    if (op === 'added') {
      for (let k = 0; k < count; k++) len += b[bi++].length;
      if (source) copier.push(n, n + len, source);
      n += len;
    } else if (op === 'removed') {
      for (let k = 0; k < count; k++) len += a[ai++].length;
      o += len;
    } else {
      // Runs of identical lines are copied at once; a line whose break changed, on its own.
      for (let k = 0; k < count; k++, ai++, bi++) {
        if (a[ai].length === b[bi].length) {
          len += a[ai].length;
          continue;
        }
        copier.copy(o, len, n);
        o += len;
        n += len;
        len = 0;
        copyEolChanged(copier, a[ai], o, b[bi], n);
        o += a[ai].length;
        n += b[bi].length;
      }
      copier.copy(o, len, n);
      o += len;
      n += len;
    }
  }
  return copier.out;
}

/** {@link reconcileRanges} on a map: returns a new map over `newText`. */
export function reconcileMap(map: AttributionMap, oldText: string, newText: string, source: Contributor | undefined): AttributionMap {
  return AttributionMap.fromRanges(newText.length, reconcileRanges(oldText, map.ranges(), newText, source));
}
