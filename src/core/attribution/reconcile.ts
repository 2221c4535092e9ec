import { diffLines } from 'diff';
import { type AttributedRange, AttributionMap } from './attributionMap';
import { type Contributor } from './contributor';

/** Line diffs larger than this are treated as a whole-file rewrite (bounded time). */
const MAX_EDIT_LENGTH = 20_000;

/** Length of the common prefix of `a` and `b`, cut back to a line start. */
function commonLinePrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length && i === b.length) return i;
  return a.lastIndexOf('\n', i - 1) + 1;
}

/** Length of the common suffix, starting at a line start in both, at most `limit`. */
function commonLineSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  // Back off until both suffixes begin right after a line break.
  while (i > 0) {
    const pa = a.length - i - 1;
    const pb = b.length - i - 1;
    if ((pa < 0 || a.charCodeAt(pa) === 10) && (pb < 0 || b.charCodeAt(pb) === 10)) break;
    i--;
  }
  return i;
}

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

/**
 * Maps attribution from `oldText` onto `newText` after a change we did not
 * see keystroke by keystroke (reload from disk, `git checkout`, a formatter,
 * an agent writing the file). A line diff decides: unchanged lines keep
 * their ranges; changed or added lines go to `source` (undefined leaves
 * them unattributed). Common leading and trailing lines are skipped before
 * diffing, so a local change to a large file stays cheap.
 */
export function reconcileRanges(oldText: string, oldRanges: readonly AttributedRange[], newText: string, source: Contributor | undefined): AttributedRange[] {
  if (oldText === newText) return oldRanges.slice();
  const pre = commonLinePrefix(oldText, newText);
  const suf = commonLineSuffix(oldText, newText, Math.min(oldText.length, newText.length) - pre);
  const oldMid = oldText.slice(pre, oldText.length - suf);
  const newMid = newText.slice(pre, newText.length - suf);
  const copier = new RangeCopier(oldRanges);
  copier.copy(0, pre, 0);
  let o = pre;
  let n = pre;
  const parts = diffLines(oldMid, newMid, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
    { value: oldMid, removed: true, added: false, count: 0 },
    { value: newMid, removed: false, added: true, count: 0 },
  ];
  for (const p of parts) {
    const len = p.value.length;
    if (p.added) {
      if (source && len > 0) copier.push(n, n + len, source);
      n += len;
    } else if (p.removed) {
      o += len;
    } else {
      copier.copy(o, len, n);
      o += len;
      n += len;
    }
  }
  copier.copy(oldText.length - suf, suf, newText.length - suf);
  return copier.out;
}

/** {@link reconcileRanges} on a map: returns a new map over `newText`. */
export function reconcileMap(map: AttributionMap, oldText: string, newText: string, source: Contributor | undefined): AttributionMap {
  return AttributionMap.fromRanges(newText.length, reconcileRanges(oldText, map.ranges(), newText, source));
}
