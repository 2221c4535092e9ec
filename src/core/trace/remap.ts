import { creditKey, type FileCredits, type LineCredit } from './credits';
import { rangeHash } from './hash';
import { mapLines } from './lineMap';

/**
 * Carries per-line credits from one version of a file to another: lines a
 * diff keeps unchanged keep their credit; a block that moved (a rebase that
 * reorders, a cherry-pick onto other context) is found again by its content
 * when that content is distinctive and occurs exactly once. Everything else
 * loses its credit. Used for amend, rebase, squash and cherry-pick.
 */
export function remapCredits(from: readonly string[], credits: FileCredits, to: readonly string[]): (LineCredit | undefined)[] {
  const out: (LineCredit | undefined)[] = new Array<LineCredit | undefined>(to.length).fill(undefined);
  if (!credits.some(Boolean)) return out;
  const map = mapLines(from, to);
  const carried = new Set<number>();
  for (let j = 0; j < to.length; j++) {
    const i = map[j] ?? -1;
    const c = i >= 0 ? credits[i] : undefined;
    if (c) {
      out[j] = c;
      carried.add(i);
    }
  }
  for (const block of runs(credits)) {
    if (block.lines.some((i) => carried.has(i))) continue;
    const at = findUnique(from, block.start, block.end, to);
    if (at < 0) continue;
    for (let k = 0; k <= block.end - block.start; k++) if (!out[at + k]) out[at + k] = credits[block.start + k];
  }
  return out;
}

interface Run {
  start: number;
  end: number;
  lines: number[];
}

/** Maximal runs (0-based, inclusive) of lines with the same credit. */
function runs(credits: FileCredits): Run[] {
  const out: Run[] = [];
  let cur: Run | undefined;
  for (let i = 0; i < credits.length; i++) {
    const c = credits[i];
    if (c && cur && cur.end === i - 1 && creditKey(credits[cur.end]!) === creditKey(c)) {
      cur.end = i;
      cur.lines.push(i);
    } else if (c) {
      cur = { start: i, end: i, lines: [i] };
      out.push(cur);
    } else cur = undefined;
  }
  return out;
}

/** Where the block from[start..end] occurs in `to`, if exactly once and distinctive enough. */
function findUnique(from: readonly string[], start: number, end: number, to: readonly string[]): number {
  const block = from.slice(start, end + 1);
  // Short or blank blocks (`}`, `return;`) occur everywhere: matching them
  // would credit text someone else typed.
  if (block.join('').replace(/\s+/g, '').length < 16) return -1;
  const want = rangeHash(from, start + 1, end + 1);
  let found = -1;
  for (let j = 0; j + block.length <= to.length; j++) {
    if (to[j] !== block[0]) continue;
    if (rangeHash(to, j + 1, j + block.length) !== want) continue;
    if (found >= 0) return -1;
    found = j;
  }
  return found;
}
