import { type AttributedRange } from './attributionMap';
import { type Contributor, sameContributor } from './contributor';

/**
 * The obvious per-character structure: one author slot per character.
 * Used only as the reference in the property test and as the benchmark's
 * baseline; every change costs O(document).
 */
export class NaiveAttribution {
  private chars: (Contributor | undefined)[];

  constructor(length = 0) {
    this.chars = new Array<Contributor | undefined>(length).fill(undefined);
  }

  get length(): number {
    return this.chars.length;
  }

  replace(offset: number, deleted: number, inserted: number, c: Contributor | undefined): void {
    this.chars.splice(offset, deleted, ...new Array<Contributor | undefined>(inserted).fill(c));
  }

  mark(start: number, end: number, c: Contributor | undefined): void {
    for (let i = start; i < end; i++) this.chars[i] = c;
  }

  at(offset: number): Contributor | undefined {
    return this.chars[offset];
  }

  /** Maximal runs of the same author (by {@link sameContributor}), attributed only. */
  ranges(): { start: number; end: number; c: Contributor }[] {
    const out: { start: number; end: number; c: Contributor }[] = [];
    let i = 0;
    while (i < this.chars.length) {
      const c = this.chars[i];
      let j = i + 1;
      while (j < this.chars.length && sameContributor(this.chars[j], c)) j++;
      if (c) out.push({ start: i, end: j, c });
      i = j;
    }
    return out satisfies AttributedRange[];
  }
}
