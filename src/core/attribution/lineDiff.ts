import { diffArrays } from 'diff';

/** One step of a line diff, in lines: keep, remove from old, or add from new. */
export interface LineOp {
  readonly op: 'equal' | 'removed' | 'added';
  readonly count: number;
}

/**
 * A gap without unique common lines is diffed line by line only when small:
 * larger ones only share repeated lines (`}`, blanks), whose alignment is
 * worth less than the quadratic time it costs, so they count as replaced.
 */
const MAX_GAP_LINES = 400;
const MAX_EDIT_LENGTH = 200;

/** Splits into lines, each keeping its `\n` (the last may have none). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let pos = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', pos)) {
    out.push(text.slice(pos, i + 1));
    pos = i + 1;
  }
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}

class Ops {
  readonly list: LineOp[] = [];
  push(op: LineOp['op'], count: number): void {
    if (count <= 0) return;
    const last = this.list[this.list.length - 1];
    if (last && last.op === op) this.list[this.list.length - 1] = { op, count: last.count + count };
    else this.list.push({ op, count });
  }
}

/** Lines that occur exactly once in each range, as (old index, new index) pairs in old order. */
function uniquePairs(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number): [number, number][] {
  const ca = new Map<string, number>();
  for (let i = a0; i < a1; i++) ca.set(a[i], ca.has(a[i]) ? -1 : i);
  const cb = new Map<string, number>();
  for (let j = b0; j < b1; j++) cb.set(b[j], cb.has(b[j]) ? -1 : j);
  const pairs: [number, number][] = [];
  for (const [line, i] of ca) {
    const j = cb.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** Longest increasing subsequence by new index (patience sorting), O(n log n). */
function anchors(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Array<number>(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < pairs[k][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k !== -1; k = prev[k]!) out.push(pairs[k]);
  return out.reverse();
}

function diffRange(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number, ops: Ops): void {
  let pre = 0;
  while (a0 + pre < a1 && b0 + pre < b1 && a[a0 + pre] === b[b0 + pre]) pre++;
  let suf = 0;
  while (a1 - suf > a0 + pre && b1 - suf > b0 + pre && a[a1 - suf - 1] === b[b1 - suf - 1]) suf++;
  ops.push('equal', pre);
  a0 += pre;
  b0 += pre;
  a1 -= suf;
  b1 -= suf;
  if (a0 === a1 || b0 === b1 || !shareALine(a, a0, a1, b, b0, b1)) {
    ops.push('removed', a1 - a0);
    ops.push('added', b1 - b0);
  } else {
    const anc = anchors(uniquePairs(a, a0, a1, b, b0, b1));
    if (anc.length === 0) myers(a.slice(a0, a1), b.slice(b0, b1), ops);
    else {
      for (const [i, j] of anc) {
        diffRange(a, a0, i, b, b0, j, ops);
        ops.push('equal', 1);
        a0 = i + 1;
        b0 = j + 1;
      }
      diffRange(a, a0, a1, b, b0, b1, ops);
    }
  }
  ops.push('equal', suf);
}

/** Whether the ranges have any line in common (most gaps are one changed line: no diff needed). */
function shareALine(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number): boolean {
  if (a1 - a0 === 1 || b1 - b0 === 1) {
    const [x, lo, hi, ys] = a1 - a0 === 1 ? [a[a0], b0, b1, b] : [b[b0], a0, a1, a];
    for (let k = lo; k < hi; k++) if (ys[k] === x) return true;
    return false;
  }
  const seen = new Set<string>();
  for (let i = a0; i < a1; i++) seen.add(a[i]);
  for (let j = b0; j < b1; j++) if (seen.has(b[j])) return true;
  return false;
}

/** The `diff` package's Myers diff for a gap without unique lines. */
function myers(a: string[], b: string[], ops: Ops): void {
  const parts = a.length + b.length > MAX_GAP_LINES ? undefined : diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) {
    ops.push('removed', a.length);
    ops.push('added', b.length);
    return;
  }
  for (const p of parts) ops.push(p.added ? 'added' : p.removed ? 'removed' : 'equal', p.count);
}

/**
 * A line diff in the manner of patience diff: lines unique to both sides
 * anchor the alignment, and the `diff` package's Myers diff fills the small
 * gaps between anchors. Plain Myers over a whole 10,000-line file with
 * thousands of changes takes seconds; anchoring keeps it to milliseconds
 * and aligns code the way a reader would (moved blocks stay whole).
 */
export function diffLineOps(oldLines: readonly string[], newLines: readonly string[]): LineOp[] {
  const ops = new Ops();
  diffRange(oldLines, 0, oldLines.length, newLines, 0, newLines.length, ops);
  return ops.list;
}
