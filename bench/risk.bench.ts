/**
 * The risk engine on a 5,000-line diff across 50 files (target < 100 ms) and
 * on one keystroke in an open 1,000-line file (target < 1 ms), next to a
 * naive baseline measured in the same run: every rule's regular expressions
 * on every line of every whole file, with no language routing and no hunks.
 * Then precision and recall of the rules on the labelled corpus.
 */
import { createTwoFilesPatch } from 'diff';
import path from 'node:path';
import { analyze, analyzeChange, analyzeDiff, BUILTIN_RULES, changeFromTexts, parseUnifiedDiff } from '../src/core/risk';
import { loadCorpus, score } from '../test/unit/riskCorpus';
import { fmt, header, percentile, report, timeMany } from './lib';

const root = path.resolve(__dirname, '../..');

/** Line generators per kind of file, each with a risky line now and then. */
const KINDS: [string, (i: number, v: number) => string][] = [
  ['db/migrations/%_m.sql', (i, v) => (i % 37 === 5 && v ? `DROP TABLE t${i};` : `UPDATE t${i} SET c = ${v} WHERE id = ${i};`)],
  ['infra/mod%/main.tf', (i, v) => (i % 4 === 0 ? `resource "aws_s3_bucket" "b${i}_${v}" {` : i % 4 === 3 ? '}' : `  tags = { n = "${i}-${v}" }`)],
  ['scripts/job%.sh', (i, v) => (i % 41 === 7 && v ? `rm -rf /srv/data${i}` : `echo "step ${i} ${v}" # note`)],
  ['k8s/app%.yaml', (i, v) => (i === 0 ? 'apiVersion: apps/v1' : i === 1 ? 'kind: Deployment' : `  label${i}: v${v}`)],
  ['src/svc%.ts', (i, v) => `export const f${i} = (x: number) => x * ${v + i}; // helper`],
  ['tests/test_m%.py', (i, v) => (i % 10 === 0 ? `def test_${i}_${v}():` : `    assert f(${i}) == ${i + v}`)],
];

function buildDiff(files: number, linesPerFile: number): { text: string; lines: number; olds: string[]; news: string[]; paths: string[] } {
  let text = '';
  const olds: string[] = [];
  const news: string[] = [];
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const [pat, gen] = KINDS[f % KINDS.length];
    const p = pat.replace('%', String(f));
    const old = Array.from({ length: linesPerFile }, (_, i) => gen(i, 0)).join('\n') + '\n';
    // Change every fourth line: with context, each file's diff is about 100 lines.
    const neu = Array.from({ length: linesPerFile }, (_, i) => gen(i, i % 4 === 1 ? 1 : 0)).join('\n') + '\n';
    text += `diff --git a/${p} b/${p}\n` + createTwoFilesPatch(`a/${p}`, `b/${p}`, old, neu, '', '', { context: 3 }).split('\n').slice(2).join('\n');
    olds.push(old);
    news.push(neu);
    paths.push(p);
  }
  const lines = parseUnifiedDiff(text).reduce((n, c) => n + c.hunks.reduce((m, h) => m + h.lines.length, 0), 0);
  return { text, lines, olds, news, paths };
}

/** The naive way: every rule's regexes over every line of both whole texts of every file. */
function naive(olds: string[], news: string[]): number {
  let hits = 0;
  const res = BUILTIN_RULES.flatMap((r) => [r.added, r.removed].filter((x): x is RegExp => !!x));
  for (let i = 0; i < olds.length; i++) {
    for (const text of [olds[i], news[i]]) for (const line of text.split('\n')) for (const re of res) if (re.test(line)) hits++;
  }
  return hits;
}

function main(): void {
  header('risk engine');
  const big = buildDiff(50, 80);
  const runs = 40;
  const engine = timeMany(runs, () => void analyzeDiff(big.text), 5);
  const base = timeMany(runs, () => void naive(big.olds, big.news), 5);
  const findings = analyzeDiff(big.text).length;
  report(
    `analyze a ${big.lines}-line diff across 50 files`,
    `p50 ${fmt(percentile(engine, 50))}, p95 ${fmt(percentile(engine, 95))}`,
    `target < 100 ms; ${findings} findings; naive baseline p50 ${fmt(percentile(base, 50))} (every rule on every line of both whole texts)`,
  );
  const ts = Array.from({ length: 1000 }, (_, i) => `export const f${i} = (x: number) => x * ${i}; // helper`).join('\n') + '\n';
  const sql = Array.from({ length: 1000 }, (_, i) => `UPDATE t SET c = ${i} WHERE id = ${i};`).join('\n') + '\n';
  for (const [name, file, text] of [['TypeScript', 'src/big.ts', ts], ['SQL migration', 'db/migrations/0001_big.sql', sql]] as const) {
    const at = Math.floor(text.length / 2);
    const typed = (i: number) => `${text.slice(0, at)}${String.fromCharCode(97 + (i % 26))}${text.slice(at)}`;
    const key = timeMany(2000, (i) => void analyzeChange(file, text, typed(i)), 200);
    const keyBase = timeMany(200, (i) => void naive([text], [typed(i)]), 20);
    report(
      `one keystroke in a 1,000-line ${name} file (vs HEAD)`,
      `p50 ${fmt(percentile(key, 50))}, p95 ${fmt(percentile(key, 95))}`,
      `target < 1 ms; naive baseline p50 ${fmt(percentile(keyBase, 50))}`,
    );
  }
  const one = changeFromTexts('src/big.ts', ts, ts.replace('x * 500;', 'x * 5000;'));
  const pre = timeMany(2000, () => void analyze([one]), 200);
  report('rules alone on a prepared one-line change', `p50 ${fmt(percentile(pre, 50))}`, 'diffing excluded');

  header('risk corpus');
  const corpus = loadCorpus(path.join(root, 'test/fixtures/risk'));
  const s = score(corpus, (c) => analyze(c.changes));
  const safe = corpus.filter((c) => c.expected.length === 0).length;
  report('cases', `${corpus.length}`, `${safe} safe look-alikes, ${corpus.length - safe} risky`);
  report('precision', s.precision.toFixed(3), `${s.tp} true positives, ${s.fp} false positives (rule ids per case)`);
  report('recall', s.recall.toFixed(3), `${s.fn} missed`);
}

main();
