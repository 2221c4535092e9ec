import { type Contributor, sameContributor } from './contributor';

/**
 * A run of characters with one author; `c` undefined means "not attributed"
 * (text that was there before tracking began, e.g. the committed version).
 */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly c: Contributor | undefined;
}

/** An attributed range `[start, end)` in UTF-16 code units of the current text. */
export interface AttributedRange {
  readonly start: number;
  readonly end: number;
  readonly c: Contributor;
}

/**
 * Treap node over runs of characters. Positions are implicit: a node's offset
 * is the summed length of everything to its left, so an edit never has to
 * shift the offsets of the ranges after it.
 */
interface Node {
  len: number;
  sum: number;
  pri: number;
  l: Node | null;
  r: Node | null;
  c: Contributor | undefined;
}

/** Deterministic priorities (xorshift) keep runs and tests reproducible. */
let seed = 0x2545f491;
function nextPri(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}

function mk(len: number, c: Contributor | undefined, pri = nextPri()): Node {
  return { len, sum: len, pri, l: null, r: null, c };
}

function upd(n: Node): void {
  n.sum = n.len + (n.l ? n.l.sum : 0) + (n.r ? n.r.sum : 0);
}

/** Splits into the first `k` characters and the rest; may cut one node in two. */
function split(n: Node | null, k: number): [Node | null, Node | null] {
  if (!n) return [null, null];
  const ls = n.l ? n.l.sum : 0;
  if (k <= ls) {
    const [a, b] = split(n.l, k);
    n.l = b;
    upd(n);
    return [a, n];
  }
  if (k >= ls + n.len) {
    const [a, b] = split(n.r, k - ls - n.len);
    n.r = a;
    upd(n);
    return [n, b];
  }
  // Cut inside n. The right half keeps n's priority so both halves stay heaps.
  const off = k - ls;
  const right = mk(n.len - off, n.c, n.pri);
  right.r = n.r;
  n.r = null;
  n.len = off;
  upd(n);
  upd(right);
  return [n, right];
}

function merge(a: Node | null, b: Node | null): Node | null {
  if (!a) return b;
  if (!b) return a;
  if (a.pri >= b.pri) {
    a.r = merge(a.r, b);
    upd(a);
    return a;
  }
  b.l = merge(a, b.l);
  upd(b);
  return b;
}

function rightmost(n: Node): Node {
  while (n.r) n = n.r;
  return n;
}

function leftmost(n: Node): Node {
  while (n.l) n = n.l;
  return n;
}

/** Grows the last node by `d`, fixing sums down the right spine. */
function growRightmost(n: Node, d: number): void {
  for (let x: Node | null = n; x; x = x.r) {
    x.sum += d;
    if (!x.r) x.len += d;
  }
}

/** Joins two trees, merging the boundary runs when they have the same author. */
function join(a: Node | null, b: Node | null): Node | null {
  if (!a || !b) return a ?? b;
  const ra = rightmost(a);
  const lb = leftmost(b);
  if (!sameContributor(ra.c, lb.c)) return merge(a, b);
  const [, rest] = split(b, lb.len);
  growRightmost(a, lb.len);
  return merge(a, rest);
}

/**
 * Per-file attribution over the current text. Every change costs
 * O(log segments) — independent of the document's length — because runs are
 * kept in an implicit treap keyed by position.
 */
export class AttributionMap {
  private root: Node | null;

  /** A map for a text of `length` characters, none of them attributed yet. */
  constructor(length = 0) {
    this.root = length > 0 ? mk(length, undefined) : null;
  }

  /** Builds a map from attributed ranges (sorted, non-overlapping) over a text of `length`. */
  static fromRanges(length: number, ranges: readonly AttributedRange[]): AttributionMap {
    const m = new AttributionMap(0);
    let pos = 0;
    let root: Node | null = null;
    for (const r of ranges) {
      const start = Math.max(r.start, pos);
      const end = Math.min(r.end, length);
      if (end <= start) continue;
      if (start > pos) root = join(root, mk(start - pos, undefined));
      root = join(root, mk(end - start, r.c));
      pos = end;
    }
    if (pos < length) root = join(root, mk(length - pos, undefined));
    m.root = root;
    return m;
  }

  /** Length of the text the map covers. */
  get length(): number {
    return this.root ? this.root.sum : 0;
  }

  /**
   * Applies a text change: `deleted` characters at `offset` are replaced by
   * `inserted` characters written by `c` (undefined: leave unattributed).
   */
  replace(offset: number, deleted: number, inserted: number, c: Contributor | undefined): void {
    const len = this.length;
    if (offset < 0 || deleted < 0 || inserted < 0 || offset + deleted > len) {
      throw new RangeError(`change ${offset}+${deleted} outside text of length ${len}`);
    }
    const [a, rest] = split(this.root, offset);
    const [, b] = split(rest, deleted);
    const mid = inserted > 0 ? mk(inserted, c) : null;
    this.root = join(join(a, mid), b);
  }

  /** Re-attributes `[start, end)` to `c` without changing the text (manual marking). */
  mark(start: number, end: number, c: Contributor | undefined): void {
    this.replace(start, end - start, end - start, c);
  }

  /**
   * The runs inside `[start, end)`, with offsets relative to `start`
   * (unattributed runs included, so lengths add up). O(log n + runs).
   */
  slice(start: number, end: number): Segment[] {
    const out: Segment[] = [];
    const walk = (n: Node | null, base: number): void => {
      if (!n || base >= end || base + n.sum <= start) return;
      const ls = n.l ? n.l.sum : 0;
      walk(n.l, base);
      const s = Math.max(base + ls, start);
      const e = Math.min(base + ls + n.len, end);
      if (e > s) out.push({ start: s - start, end: e - start, c: n.c });
      walk(n.r, base + ls + n.len);
    };
    walk(this.root, 0);
    return out;
  }

  /** Replaces `deleted` characters at `offset` with text whose authors are `runs` (relative offsets). */
  replaceWithRuns(offset: number, deleted: number, runs: readonly Segment[]): void {
    const total = runs.length ? runs[runs.length - 1].end : 0;
    this.replace(offset, deleted, total, undefined);
    for (const r of runs) if (r.c) this.mark(offset + r.start, offset + r.end, r.c);
  }

  /** The author of the character at `offset` (undefined when unattributed or out of range). */
  at(offset: number): Contributor | undefined {
    let n = this.root;
    let k = offset;
    while (n) {
      const ls = n.l ? n.l.sum : 0;
      if (k < ls) n = n.l;
      else if (k < ls + n.len) return n.c;
      else {
        k -= ls + n.len;
        n = n.r;
      }
    }
    return undefined;
  }

  /** All runs in order, attributed or not, covering the whole text. */
  segments(): Segment[] {
    const out: Segment[] = [];
    let pos = 0;
    const stack: Node[] = [];
    let n = this.root;
    while (n || stack.length) {
      while (n) {
        stack.push(n);
        n = n.l;
      }
      const x = stack.pop()!;
      out.push({ start: pos, end: pos + x.len, c: x.c });
      pos += x.len;
      n = x.r;
    }
    return out;
  }

  /** The attributed runs only, in order. */
  ranges(): AttributedRange[] {
    return this.segments().filter((s): s is AttributedRange => s.c !== undefined);
  }

  /** Number of runs (tree nodes); for memory figures. */
  get segmentCount(): number {
    let count = 0;
    const stack: Node[] = this.root ? [this.root] : [];
    while (stack.length) {
      const x = stack.pop()!;
      count++;
      if (x.l) stack.push(x.l);
      if (x.r) stack.push(x.r);
    }
    return count;
  }
}
