import { type AttributedRange } from '../attribution/attributionMap';
import { type Contributor, type Via, sameContributor } from '../attribution/contributor';
import { reconcileRanges } from '../attribution/reconcile';
import { type FileState } from './materialise';

/** How much we trust each signal when two writers disagree about a character. */
const RANK: Record<Via, number> = { manual: 5, 'agent-hook': 4, 'inline-completion': 3, 'chat-edit': 3, heuristic: 1, 'external-write': 1 };

function pick(a: Contributor | undefined, b: Contributor | undefined): Contributor | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[b.via] > RANK[a.via] ? b : a;
}

/**
 * Combines two range lists over the same text, character by character:
 * attributed beats unattributed; between two authors the more reliable
 * signal wins, and `a` wins ties. O(ranges).
 */
export function combineRanges(a: readonly AttributedRange[], b: readonly AttributedRange[]): AttributedRange[] {
  const cuts = new Set<number>();
  for (const r of a) cuts.add(r.start).add(r.end);
  for (const r of b) cuts.add(r.start).add(r.end);
  const points = [...cuts].sort((x, y) => x - y);
  const out: AttributedRange[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k];
    const e = points[k + 1];
    while (i < a.length && a[i].end <= s) i++;
    while (j < b.length && b[j].end <= s) j++;
    const ca = i < a.length && a[i].start <= s ? a[i].c : undefined;
    const cb = j < b.length && b[j].start <= s ? b[j].c : undefined;
    const c = pick(ca, cb);
    if (!c) continue;
    const last = out[out.length - 1];
    if (last && last.end === s && last.c === c) out[out.length - 1] = { start: last.start, end: e, c };
    else out.push({ start: s, end: e, c });
  }
  return out;
}

/**
 * Merges another writer's view of a file into ours: theirs is first mapped
 * onto our text with a line diff (lines they have not seen stay ours), then
 * the two are combined by {@link combineRanges}. The result is over `mine.text`.
 */
export function mergeStates(mine: FileState, theirs: FileState): FileState {
  const mapped = theirs.text === mine.text ? theirs.ranges : reconcileRanges(theirs.text, theirs.ranges, mine.text, undefined);
  return { text: mine.text, ranges: combineRanges(mine.ranges, mapped) };
}

/** The same author at the same moment: an unchanged piece of a recorded range. */
function unchanged(a: Contributor | undefined, b: Contributor | undefined): boolean {
  return a === b || (sameContributor(a, b) && a?.at === b?.at);
}

/** The ranges of `s` over `text` (a line diff when the texts differ; changed lines unattributed). */
function rangesOver(s: FileState, text: string): readonly AttributedRange[] {
  return s.text === text ? s.ranges : reconcileRanges(s.text, s.ranges, text, undefined);
}

/**
 * A three-way merge for a writer that lost a compare-and-swap: `base` is the
 * record as this writer last read or wrote it, `theirs` the record now,
 * `mine` this writer's current state. Per character: what I have not
 * changed since base takes theirs (so a range they removed on purpose — the
 * post-commit hook dropping committed lines — stays removed), what they have
 * not changed keeps mine, and where both changed the more reliable signal
 * wins (mine on ties). Without a base it is {@link mergeStates}.
 * The result is over `mine.text`. O(ranges) plus the line diffs when texts differ.
 */
export function mergeThreeWay(base: FileState | undefined, mine: FileState, theirs: FileState): FileState {
  if (!base) return mergeStates(mine, theirs);
  const b = rangesOver(base, mine.text);
  const t = rangesOver(theirs, mine.text);
  const m = mine.ranges;
  const cuts = new Set<number>();
  for (const list of [b, t, m]) for (const r of list) cuts.add(r.start).add(r.end);
  const points = [...cuts].sort((x, y) => x - y);
  const at = (list: readonly AttributedRange[], idx: { i: number }, s: number): Contributor | undefined => {
    while (idx.i < list.length && list[idx.i].end <= s) idx.i++;
    return idx.i < list.length && list[idx.i].start <= s ? list[idx.i].c : undefined;
  };
  const ib = { i: 0 };
  const it = { i: 0 };
  const im = { i: 0 };
  const out: AttributedRange[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k];
    const cb = at(b, ib, s);
    const ct = at(t, it, s);
    const cm = at(m, im, s);
    const c = unchanged(cm, cb) ? ct : unchanged(ct, cb) ? cm : pick(cm, ct);
    if (!c) continue;
    const last = out[out.length - 1];
    if (last && last.end === s && last.c === c) out[out.length - 1] = { start: last.start, end: points[k + 1], c };
    else out.push({ start: s, end: points[k + 1], c });
  }
  return { text: mine.text, ranges: out };
}
