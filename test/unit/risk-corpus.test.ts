import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { analyze, BUILTIN_RULES } from '../../src/core/risk';
import { loadCorpus, score } from './riskCorpus';

const root = path.resolve(__dirname, '../../..');
const corpus = loadCorpus(path.join(root, 'test/fixtures/risk'));

test('the corpus has at least 150 cases, about half of them safe look-alikes', () => {
  assert.ok(corpus.length >= 150, `only ${corpus.length} cases`);
  const safe = corpus.filter((c) => c.expected.length === 0).length;
  assert.ok(safe >= corpus.length * 0.4 && safe <= corpus.length * 0.6, `${safe} safe of ${corpus.length}`);
});

for (const c of corpus) {
  test(`corpus ${c.file}: ${c.name}`, () => {
    const findings = analyze(c.changes);
    const got = new Set(findings.map((f) => f.rule));
    const want = new Set(c.expected.map((e) => e.rule).filter((r) => !c.knownMiss.has(r)));
    for (const r of c.knownFalsePositive) want.add(r);
    assert.deepEqual([...got].sort(), [...want].sort(), findings.map((f) => `${f.rule} ${f.path}:${f.side}:${f.startLine}-${f.endLine} ${f.excerpt}`).join('\n'));
    for (const e of c.expected) {
      if (e.side === undefined || c.knownMiss.has(e.rule)) continue;
      assert.ok(
        findings.some((f) => f.rule === e.rule && f.side === e.side && f.startLine === e.startLine && f.endLine === e.endLine),
        `${e.rule} expected on ${e.side} ${e.startLine}-${e.endLine}; got ${findings.filter((f) => f.rule === e.rule).map((f) => `${f.side} ${f.startLine}-${f.endLine}`).join(', ')}`,
      );
    }
  });
}

test('precision and recall on the corpus are at least 0.9', () => {
  const s = score(corpus, (c) => analyze(c.changes));
  assert.ok(s.precision >= 0.9, `precision ${s.precision.toFixed(3)}`);
  assert.ok(s.recall >= 0.9, `recall ${s.recall.toFixed(3)}`);
});

test('every built-in rule has at least one labelled case in the corpus', () => {
  const seen = new Set(corpus.flatMap((c) => c.expected.map((e) => e.rule)));
  assert.deepEqual(BUILTIN_RULES.filter((r) => !seen.has(r.id)).map((r) => r.id), []);
});
