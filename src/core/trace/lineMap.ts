import { diffArrays } from 'diff';

/**
 * For each line of `to` (0-based index), the index of the identical line of
 * `from` it was carried over from, or -1 for a line that is new or changed.
 * Only lines a line diff keeps unchanged map, so an attribution carried
 * through this map can leave gaps but never lands on different text.
 */
export function mapLines(from: readonly string[], to: readonly string[]): Int32Array {
  const map = new Int32Array(to.length).fill(-1);
  // Common prefix and suffix first: the usual case (a few edited lines in a
  // long file) then diffs only the middle.
  let pre = 0;
  while (pre < from.length && pre < to.length && from[pre] === to[pre]) {
    map[pre] = pre;
    pre++;
  }
  let suf = 0;
  while (suf < from.length - pre && suf < to.length - pre && from[from.length - 1 - suf] === to[to.length - 1 - suf]) {
    map[to.length - 1 - suf] = from.length - 1 - suf;
    suf++;
  }
  const a = from.slice(pre, from.length - suf);
  const b = to.slice(pre, to.length - suf);
  if (a.length === 0 || b.length === 0) return map;
  let i = pre;
  let j = pre;
  for (const part of diffArrays(a, b)) {
    const n = part.count ?? part.value.length;
    if (part.added) j += n;
    else if (part.removed) i += n;
    else {
      for (let k = 0; k < n; k++) map[j + k] = i + k;
      i += n;
      j += n;
    }
  }
  return map;
}
