import { type AttributedRange } from './attributionMap';
import { lineStarts } from './lines';

/** A document's line break. */
export type Eol = '\n' | '\r\n';

/**
 * Maps ranges from a text to the same text with every line break converted
 * (VS Code's "Change End of Line Sequence" rewrites them all and reports no
 * content change, only the new EOL). `text` is the converted text, `to` its
 * line break; the old text had the other one. A character keeps its
 * attribution; a line break keeps the attribution of its first character.
 * O(lines + ranges · log lines).
 */
export function convertEolRanges(ranges: readonly AttributedRange[], text: string, to: Eol): AttributedRange[] {
  const starts = lineStarts(text);
  const newEol = to.length;
  const oldEol = to === '\n' ? 2 : 1;
  // Old line k starts k · (oldEol - newEol) later (or earlier) than the new one.
  const oldStart = (k: number) => starts[k] + k * (oldEol - newEol);
  const contentLen = (k: number) => (k + 1 < starts.length ? starts[k + 1] - starts[k] - newEol : text.length - starts[k]);
  const map = (x: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (oldStart(mid) <= x) lo = mid;
      else hi = mid - 1;
    }
    const col = x - oldStart(lo);
    const len = contentLen(lo);
    return starts[lo] + (col <= len ? col : len + newEol);
  };
  const out: AttributedRange[] = [];
  for (const r of ranges) {
    const s = map(r.start);
    const e = map(r.end);
    if (e > s) out.push({ start: s, end: e, c: r.c });
  }
  return out;
}
