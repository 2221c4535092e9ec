// Attribution figures (issue: track AI-written lines):
//  - time per keystroke-sized change on a 100,000-line document with 5,000
//    attributed ranges, against the naive per-character structure;
//  - reconciliation of a 10,000-line file after an external rewrite,
//    against the bare line diff it is built on;
//  - working-log size for 10,000 recorded edits, against the text itself;
//  - memory per 100,000 attributed lines, against the naive structure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import v8 from 'node:v8';
import { diffLines } from 'diff';
import { type Contributor, AttributionMap, reconcileRanges } from '../src/core/attribution';
import { NaiveAttribution } from '../src/core/attribution/naive';
import { readRecord, recordFile, writeRecord } from '../src/core/worklog';
import { fmt, header, percentile, report, timeMany } from './lib';

const at = '2026-01-01T00:00:00.000Z';
const AI: Contributor = { kind: 'ai', agent: 'GitHubCopilot', model: 'gpt-5', via: 'inline-completion', at };
const AGENT: Contributor = { kind: 'ai', agent: 'ClaudeCode', model: 'claude-sonnet-4-5', via: 'agent-hook', at };
const HUMAN: Contributor = { kind: 'human', via: 'manual', at };

let seed = 42;
function rnd(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
}
const int = (n: number) => Math.floor(rnd() * n);

v8.setFlagsFromString('--expose-gc');
const gc = (globalThis as { gc?: () => void }).gc ?? (vm.runInNewContext('gc') as () => void);

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function docText(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`    const value${i} = compute(${i}, "some text"); // ${i % 7}`);
  return out.join('\n') + '\n';
}

/** 5,000 AI ranges of 1-5 lines spread over the document. */
function attributed(text: string, count: number): { start: number; end: number; c: Contributor }[] {
  const per = Math.floor(text.length / count);
  const out = [];
  for (let i = 0; i < count; i++) {
    const start = i * per + int(per / 4);
    out.push({ start, end: start + 40 + int(per / 2), c: i % 3 ? AI : AGENT });
  }
  return out;
}

type Edit = [offset: number, del: number, ins: number, c: Contributor];

function keystrokes(n: number, length: number): Edit[] {
  const out: Edit[] = [];
  let len = length;
  for (let i = 0; i < n; i++) {
    const k = int(10);
    const offset = int(len - 2);
    const e: Edit = k < 7 ? [offset, 0, 1, HUMAN] : k < 9 ? [offset, 1, 0, HUMAN] : [offset, 2, 2, AI];
    len += e[2] - e[1];
    out.push(e);
  }
  return out;
}

function changeHandling(): void {
  header('Change handling: 100,000-line document, 5,000 attributed ranges');
  const text = docText(100_000);
  const ranges = attributed(text, 5000);
  const fast = AttributionMap.fromRanges(text.length, ranges);
  const naive = new NaiveAttribution(text.length);
  for (const r of ranges) naive.mark(r.start, r.end, r.c);
  const edits = keystrokes(20_000, text.length);
  const tf = timeMany(edits.length, (i) => {
    const e = edits[i];
    fast.replace(e[0], e[1], e[2], e[3]);
  }, 0);
  const tn = timeMany(300, (i) => {
    const e = edits[i];
    naive.replace(e[0], e[1], e[2], e[3]);
  }, 0);
  const [f50, f99, n50, n99] = [percentile(tf, 50), percentile(tf, 99), percentile(tn, 50), percentile(tn, 99)];
  report('treap p50 / p99 per change', `${fmt(f50)} / ${fmt(f99)}`, `${edits.length} changes; target p99 < 100 µs: ${f99 < 0.1 ? 'met' : 'NOT met'}`);
  report('naive per-character p50 / p99 (baseline)', `${fmt(n50)} / ${fmt(n99)}`, '300 changes');
  report('speed-up p50 / p99', `${(n50 / f50).toFixed(0)}x / ${(n99 / f99).toFixed(0)}x`, `target >= 50x: ${n99 / f99 >= 50 ? 'met' : 'NOT met'}`);
  report('runs after the edits', `${fast.segmentCount}`);
}

/** A formatter-like rewrite: every 5th line re-indented, some lines split, some removed. */
function rewrite(text: string): string {
  return text
    .split('\n')
    .flatMap((l, i) => (i % 5 === 0 ? [`  ${l.trim()}`] : i % 97 === 0 ? [] : i % 53 === 0 ? [l.slice(0, 20), l.slice(20)] : [l]))
    .join('\n');
}

function reconciliation(): void {
  header('Reconciliation: 10,000-line file after an external rewrite');
  const old = docText(10_000);
  const ranges = attributed(old, 500);
  const next = rewrite(old);
  const t = timeMany(20, () => void reconcileRanges(old, ranges, next, AGENT), 3);
  const b = timeMany(3, () => void diffLines(old, next), 0);
  const [r50, r90, rmax] = [percentile(t, 50), percentile(t, 90), t[t.length - 1]];
  report('reconcile p50 / p90 / max of 20', `${fmt(r50)} / ${fmt(r90)} / ${fmt(rmax)}`, `target < 50 ms at p90: ${r90 < 50 ? 'met' : 'NOT met'}; ~2,300 of 10,000 lines changed`);
  report('plain Myers diffLines of the diff package on the same texts (baseline)', fmt(percentile(b, 50)), `${(percentile(b, 50) / percentile(t, 50)).toFixed(0)}x slower`);
  const whole = docText(10_000).replace(/value/g, 'v');
  const w = timeMany(10, () => void reconcileRanges(old, ranges, whole, AGENT), 2);
  report('reconcile, every line changed', fmt(percentile(w, 50)));
}

function logSize(): void {
  header('Working log: size for 10,000 recorded edits');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-bench-'));
  let text = docText(2000);
  const map = new AttributionMap(text.length);
  for (let i = 0; i < 10_000; i++) {
    const off = int(text.length);
    if (i % 50 === 0) {
      const ins = '    suggested(line);\n'.repeat(1 + int(4));
      text = text.slice(0, off) + ins + text.slice(off);
      map.replace(off, 0, ins.length, i % 100 ? AI : AGENT);
    } else {
      text = text.slice(0, off) + 'x' + text.slice(off);
      map.replace(off, 0, 1, HUMAN);
    }
  }
  writeRecord(dir, 'src/big file.ts', text, map.ranges());
  const rec = fs.statSync(recordFile(dir, 'src/big file.ts')).size;
  const snap = fs.statSync(path.join(dir, 'snapshots', readRecord(dir, 'src/big file.ts')!.textHash)).size;
  report('record (ranges)', `${(rec / 1024).toFixed(1)} KiB`, `${map.ranges().length} ranges`);
  report('text snapshot', `${(snap / 1024).toFixed(1)} KiB`, 'the file itself (baseline)');
  fs.rmSync(dir, { recursive: true, force: true });
}

function memory(): void {
  header('Memory: 100,000 attributed lines');
  const text = docText(100_000);
  const lineRanges: { start: number; end: number; c: Contributor }[] = [];
  let pos = 0;
  for (const l of text.split('\n').slice(0, 100_000)) {
    // Alternate authors line by line: the worst case, one run per line.
    lineRanges.push({ start: pos, end: pos + l.length + 1, c: lineRanges.length % 2 ? AI : HUMAN });
    pos += l.length + 1;
  }
  const h0 = heapUsed();
  const fast = AttributionMap.fromRanges(text.length, lineRanges);
  const h1 = heapUsed();
  const naive = new NaiveAttribution(text.length);
  for (const r of lineRanges) naive.mark(r.start, r.end, r.c);
  const h2 = heapUsed();
  report('treap, one run per line (worst case)', `${((h1 - h0) / 1024 / 1024).toFixed(1)} MiB`, `${((h1 - h0) / 100_000).toFixed(0)} bytes per line, ${fast.segmentCount} runs`);
  report('naive per-character array (baseline)', `${((h2 - h1) / 1024 / 1024).toFixed(1)} MiB`, `${naive.length} characters`);
}

changeHandling();
reconciliation();
logSize();
memory();
