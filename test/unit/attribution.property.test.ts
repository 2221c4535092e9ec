import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Contributor, AttributionMap, contributorKey, diffLineOps } from '../../src/core/attribution';
import { NaiveAttribution } from '../../src/core/attribution/naive';

/** mulberry32: a small seeded PRNG, so every run checks the same sequences. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AT = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'];
// Two objects per author (different `at`) check that authors merge by identity, not by time.
const POOL: (Contributor | undefined)[] = [
  undefined,
  ...AT.flatMap((at): Contributor[] => [
    { kind: 'ai', agent: 'ClaudeCode', model: 'm1', session: 's', via: 'agent-hook', at },
    { kind: 'ai', agent: 'GitHubCopilot', via: 'inline-completion', at },
    { kind: 'human', via: 'manual', at },
    { kind: 'unknown', via: 'external-write', at },
  ]),
];

function key(r: { start: number; end: number; c: Contributor }): string {
  return `${r.start}-${r.end}:${contributorKey(r.c)}`;
}

function run(seed: number, ops: number): void {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const len0 = int(3) === 0 ? 0 : int(300);
  const fast = new AttributionMap(len0);
  const slow = new NaiveAttribution(len0);
  for (let i = 0; i < ops; i++) {
    const len = slow.length;
    const offset = int(len + 1);
    const c = POOL[int(POOL.length)];
    const kind = int(10);
    if (kind < 2 && len > 0) {
      const end = offset + int(len - offset + 1);
      fast.mark(offset, end, c);
      slow.mark(offset, end, c);
    } else {
      // Mostly keystroke-sized; sometimes a large paste or deletion.
      const big = int(8) === 0;
      const del = int(Math.min(len - offset, big ? 200 : 3) + 1);
      const ins = kind === 9 ? 0 : int(big ? 120 : 3);
      fast.replace(offset, del, ins, c);
      slow.replace(offset, del, ins, c);
    }
    assert.equal(fast.length, slow.length, `seed ${seed} op ${i}: length`);
    if (slow.length > 0) {
      const p = int(slow.length);
      assert.equal(fast.at(p) && contributorKey(fast.at(p)!), slow.at(p) && contributorKey(slow.at(p)!), `seed ${seed} op ${i}: at(${p})`);
    }
    if (i % 10 === 9 || i === ops - 1) {
      assert.deepEqual(fast.ranges().map(key), slow.ranges().map(key), `seed ${seed} op ${i}: ranges`);
    }
  }
  // The fast structure keeps runs maximal: no two neighbours with the same author.
  const segs = fast.segments();
  for (let k = 1; k < segs.length; k++) {
    const a = segs[k - 1].c;
    const b = segs[k].c;
    assert.ok(!(a === undefined && b === undefined) && !(a && b && contributorKey(a) === contributorKey(b)), `seed ${seed}: runs not merged`);
  }
}

test('the treap matches a per-character reference on 3,000 random edit sequences', () => {
  for (let seed = 1; seed <= 3000; seed++) run(seed, 60);
});

test('long sequences (20 x 2,000 edits) stay equal to the reference', () => {
  for (let seed = 10_001; seed <= 10_020; seed++) run(seed, 2000);
});

test('fromRanges rebuilds the same runs it was given', () => {
  const rnd = prng(7);
  for (let t = 0; t < 500; t++) {
    const m = new AttributionMap(1 + Math.floor(rnd() * 500));
    for (let i = 0; i < 30; i++) {
      const s = Math.floor(rnd() * m.length);
      m.replace(s, 0, 1 + Math.floor(rnd() * 5), POOL[1 + Math.floor(rnd() * (POOL.length - 1))]);
    }
    const back = AttributionMap.fromRanges(m.length, m.ranges());
    assert.deepEqual(back.ranges().map(key), m.ranges().map(key));
    assert.equal(back.length, m.length);
  }
});

test('the anchored line diff always rebuilds the new text and only keeps equal lines (2,000 random pairs)', () => {
  const rnd = prng(99);
  const vocab = ['a\n', 'b\n', 'c\n', '}\n', '\n', 'x = 1\n', 'return\n'];
  for (let t = 0; t < 2000; t++) {
    const old = Array.from({ length: Math.floor(rnd() * 40) }, (_, i) => (rnd() < 0.5 ? vocab[Math.floor(rnd() * vocab.length)] : `line ${i}\n`));
    const next = old.filter(() => rnd() > 0.2).flatMap((l) => (rnd() < 0.2 ? [l, vocab[Math.floor(rnd() * vocab.length)]] : [l]));
    if (rnd() < 0.5) next.reverse();
    const rebuilt: string[] = [];
    let i = 0;
    let j = 0;
    for (const { op, count } of diffLineOps(old, next)) {
      for (let k = 0; k < count; k++) {
        if (op === 'equal') {
          assert.equal(old[i], next[j]);
          rebuilt.push(old[i++]);
          j++;
        } else if (op === 'removed') i++;
        else rebuilt.push(next[j++]);
      }
    }
    assert.equal(i, old.length);
    assert.deepEqual(rebuilt, next);
  }
});

test('slice and replaceWithRuns move attribution like a cut and paste in the reference', () => {
  const rnd = prng(5);
  for (let t = 0; t < 500; t++) {
    const fast = new AttributionMap(50);
    const slow = new NaiveAttribution(50);
    for (let i = 0; i < 20; i++) {
      const o = Math.floor(rnd() * fast.length);
      const c = POOL[Math.floor(rnd() * POOL.length)];
      fast.replace(o, 0, 3, c);
      slow.replace(o, 0, 3, c);
    }
    const s = Math.floor(rnd() * fast.length);
    const e = s + Math.floor(rnd() * (fast.length - s));
    const runs = fast.slice(s, e);
    const chars = Array.from({ length: e - s }, (_, k) => slow.at(s + k));
    const to = Math.floor(rnd() * fast.length);
    fast.replaceWithRuns(to, 0, runs);
    slow.replace(to, 0, chars.length, undefined);
    chars.forEach((c, k) => slow.mark(to + k, to + k + 1, c));
    assert.deepEqual(fast.ranges().map(key), slow.ranges().map(key));
  }
});
