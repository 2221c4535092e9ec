import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { type AttributedRange, type Contributor, classifyLines, convertEolRanges, lineStarts } from '../../src/core/attribution';
import { type FileState, getSnapshot, lineAttributionOf, mergeStates, mergeThreeWay, readRecord, recordState, updateRecord, writeMerged, writeRecord } from '../../src/core/worklog';

const AI: Contributor = { kind: 'ai', agent: 'GitHubCopilot', via: 'inline-completion', at: '2026-01-01T00:00:00.000Z' };
const AGENT: Contributor = { kind: 'ai', agent: 'ClaudeCode', via: 'agent-hook', at: '2026-01-01T00:01:00.000Z' };
const HUMAN: Contributor = { kind: 'human', via: 'manual', at: '2026-01-01T00:02:00.000Z' };

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-sync-'));
}

/** The range covering 0-based line `i` of `text`, line break included. */
function line(text: string, i: number, c: Contributor): AttributedRange {
  const s = lineStarts(text);
  return { start: s[i], end: s[i + 1] ?? text.length, c };
}

/** The AI lines of a state, as "n:agent" (1-based). */
function aiLines(s: FileState): string[] {
  return classifyLines(s.text, s.ranges).flatMap((l, i) => (l?.kind === 'ai' ? [`${i + 1}:${l.contributor.agent}`] : []));
}

/** What the post-commit hook does: drop the attribution of committed lines, same text, seq + 1. */
function dropLines(dir: string, rel: string, lines: number[]): void {
  updateRecord(dir, rel, (cur) => {
    const text = getSnapshot(dir, cur!.textHash)!;
    const starts = lineStarts(text);
    const ranges = cur!.ranges.filter((r) => !lines.some((i) => r.start >= starts[i] && r.end <= (starts[i + 1] ?? text.length)));
    return { textHash: cur!.textHash, length: cur!.length, ranges };
  });
}

test('trim race: lines the post-commit hook dropped stay dropped when the editor writes with an older base', () => {
  const dir = tmp();
  const rel = 'src/a.ts';
  const v1 = 'one();\ntwo();\nthree();\n';
  const mine1: FileState = { text: v1, ranges: [line(v1, 0, AI), line(v1, 1, AI)] };
  // The editor writes, then the hook commits lines 1-2 and drops them from the record.
  const w1 = writeMerged(dir, rel, { seq: 0, state: undefined }, mine1);
  assert.equal(w1.merged, false);
  dropLines(dir, rel, [0, 1]);
  assert.equal(readRecord(dir, rel)?.ranges.length, 0);
  // Meanwhile the editor accepted one more suggestion: its debounced write comes with base seq 1.
  const v2 = v1 + 'four();\n';
  const mine2: FileState = { text: v2, ranges: [line(v2, 0, AI), line(v2, 1, AI), line(v2, 3, AI)] };
  const w2 = writeMerged(dir, rel, { seq: w1.record.seq, state: w1.state }, mine2);
  assert.equal(w2.merged, true);
  assert.deepEqual(aiLines(w2.state), ['4:GitHubCopilot'], 'the committed lines stay dropped; the new one is kept');
  const rec = readRecord(dir, rel)!;
  assert.equal(rec.seq, 3);
  assert.deepEqual(aiLines(recordState(dir, rec)!), ['4:GitHubCopilot']);
  // The two-way merge the editor used before would have brought them back.
  assert.deepEqual(aiLines(mergeStates(mine2, recordState(dir, { ...rec, ranges: [] })!)), ['1:GitHubCopilot', '2:GitHubCopilot', '4:GitHubCopilot']);
});

test('trim race: a record the hook deleted (every line committed) is not resurrected by a stale write', () => {
  const dir = tmp();
  const rel = 'b.ts';
  const text = 'a();\nb();\n';
  const w1 = writeMerged(dir, rel, { seq: 0, state: undefined }, { text, ranges: [line(text, 0, AI)] });
  updateRecord(dir, rel, () => null);
  const w2 = writeMerged(dir, rel, { seq: w1.record.seq, state: w1.state }, { text, ranges: [line(text, 0, AI), line(text, 1, HUMAN)] });
  assert.deepEqual(
    w2.state.ranges.map((r) => [text.slice(r.start, r.end), r.c.kind]),
    [['b();\n', 'human']],
  );
});

test('a stale write keeps what the other writer added (an agent line) and what this one changed', () => {
  const dir = tmp();
  const rel = 'c.ts';
  const text = 'x();\ny();\nz();\n';
  const w1 = writeMerged(dir, rel, { seq: 0, state: undefined }, { text, ranges: [line(text, 0, AI)] });
  // Another window records an agent's line 3.
  writeRecord(dir, rel, text, [line(text, 0, AI), line(text, 2, AGENT)], { expectedSeq: w1.record.seq });
  // This window typed over line 1 and marks line 2 as AI.
  const w2 = writeMerged(dir, rel, { seq: w1.record.seq, state: w1.state }, { text, ranges: [line(text, 0, HUMAN), line(text, 1, AI)] });
  assert.deepEqual(
    classifyLines(text, w2.state.ranges).map((l) => l && `${l.kind}:${l.contributor.via}`),
    ['human:manual', 'ai:inline-completion', 'ai:agent-hook', undefined],
  );
});

test('mergeThreeWay maps base and theirs onto a text that changed since (line diff)', () => {
  const base = 'a();\nb();\n';
  const now = 'new();\na();\nb();\n';
  const baseState: FileState = { text: base, ranges: [line(base, 0, AI), line(base, 1, AI)] };
  // Theirs dropped line b (committed); mine inserted a line above, so offsets moved.
  const theirs: FileState = { text: base, ranges: [line(base, 0, AI)] };
  const mine: FileState = { text: now, ranges: [line(now, 0, HUMAN), line(now, 1, AI), line(now, 2, AI)] };
  const m = mergeThreeWay(baseState, mine, theirs);
  assert.deepEqual(
    classifyLines(now, m.ranges).map((l) => l?.kind),
    ['human', 'ai', undefined, undefined],
  );
});

test('convertEolRanges keeps each character\'s author when every line break changes (CRLF <-> LF)', () => {
  const crlf = 'function f() {\r\n  // typed\r\n  return 1;\r\n}\r\n';
  const lf = crlf.replace(/\r\n/g, '\n');
  const ranges = [line(crlf, 1, HUMAN), line(crlf, 2, AI)];
  const toLf = convertEolRanges(ranges, lf, '\n');
  assert.deepEqual(toLf.map((r) => [lf.slice(r.start, r.end), r.c.kind]), [['  // typed\n', 'human'], ['  return 1;\n', 'ai']]);
  const back = convertEolRanges(toLf, crlf, '\r\n');
  assert.deepEqual(back, ranges);
  // A range ending between \r and \n, and one over the \n alone.
  const odd = convertEolRanges([{ start: 0, end: 15, c: AI }, { start: 15, end: 16, c: HUMAN }], lf, '\n');
  assert.deepEqual(odd.map((r) => [lf.slice(r.start, r.end), r.c.kind]), [['function f() {\n', 'ai']]);
});

test('CRLF: the line attribution of a CRLF file on disk counts lines and offsets with the \\r (status of a CRLF file)', () => {
  const text = 'a();\r\n  // typed\r\n  return a + b;\r\n}\r\n';
  const ranges = [line(text, 1, HUMAN), line(text, 2, AI)];
  const a = lineAttributionOf('x.js', { text, ranges }, text);
  assert.equal(a.lineCount, 4);
  assert.deepEqual(a.ranges.map((r) => `${r.startLine}-${r.endLine}:${r.kind}`), ['2-2:human', '3-3:ai']);
  // A CRLF file whose record text is the same file with LF (an EOL switch not yet recorded): lines map by content.
  const fromLf = lineAttributionOf('x.js', { text: text.replace(/\r\n/g, '\n'), ranges: convertEolRanges(ranges, text.replace(/\r\n/g, '\n'), '\n') }, text);
  assert.equal(fromLf.reconciled, true);
  assert.deepEqual(fromLf.ranges.map((r) => `${r.startLine}-${r.endLine}:${r.kind}`), ['2-2:human', '3-3:ai'], 'line breaks do not make lines differ');
  // And back: a record of the CRLF text over an LF file.
  const toLf = lineAttributionOf('x.js', { text, ranges }, text.replace(/\r\n/g, '\n'));
  assert.deepEqual(toLf.ranges.map((r) => `${r.startLine}-${r.endLine}:${r.kind}`), ['2-2:human', '3-3:ai']);
});
