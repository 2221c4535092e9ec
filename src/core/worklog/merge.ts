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
 * Walks range lists over the same text from cut point to cut point (every
 * range start and end) and keeps, per piece, the contributor `choose` picks
 * from the lists' contributors there; adjacent pieces of one contributor
 * join. O(ranges).
 */
function sweep(lists: readonly (readonly AttributedRange[])[], choose: (cs: readonly (Contributor | undefined)[]) => Contributor | undefined): AttributedRange[] {
  const cuts = new Set<number>();
  for (const list of lists) for (const r of list) cuts.add(r.start).add(r.end);
  const points = [...cuts].sort((x, y) => x - y);
  const idx = lists.map(() => 0);
  const out: AttributedRange[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k];
    const e = points[k + 1];
    const cs = lists.map((list, n) => {
      while (idx[n] < list.length && list[idx[n]].end <= s) idx[n]++;
      return idx[n] < list.length && list[idx[n]].start <= s ? list[idx[n]].c : undefined;
    });
    const c = choose(cs);
    if (!c) continue;
    const last = out[out.length - 1];
    if (last && last.end === s && last.c === c) out[out.length - 1] = { start: last.start, end: e, c };
    else out.push({ start: s, end: e, c });
  }
  return out;
}

/**
 * Combines two range lists over the same text, character by character:
 * attributed beats unattributed; between two authors the more reliable
 * signal wins, and `a` wins ties. O(ranges).
 */
export function combineRanges(a: readonly AttributedRange[], b: readonly AttributedRange[]): AttributedRange[] {
  return sweep([a, b], ([ca, cb]) => pick(ca, cb));
}

/** The ranges of `s` over `text` (a line diff when the texts differ; changed lines unattributed). */
function rangesOver(s: FileState, text: string): readonly AttributedRange[] {
  return s.text === text ? s.ranges : reconcileRanges(s.text, s.ranges, text, undefined);
}

/**
 * Merges another writer's view of a file into ours: theirs is first mapped
 * onto our text with a line diff (lines they have not seen stay ours), then
 * the two are combined by {@link combineRanges}. The result is over `mine.text`.
 */
export function mergeStates(mine: FileState, theirs: FileState): FileState {
  return { text: mine.text, ranges: combineRanges(mine.ranges, rangesOver(theirs, mine.text)) };
}

/** The same author at the same moment: an unchanged piece of a recorded range. */
function unchanged(a: Contributor | undefined, b: Contributor | undefined): boolean {
  return a === b || (sameContributor(a, b) && a?.at === b?.at);
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
  const ranges = sweep([rangesOver(base, mine.text), rangesOver(theirs, mine.text), mine.ranges], ([cb, ct, cm]) => (unchanged(cm, cb) ? ct : unchanged(ct, cb) ? cm : pick(cm, ct)));
  return { text: mine.text, ranges };
}
