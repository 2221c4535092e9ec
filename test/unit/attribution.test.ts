import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Contributor, AttributionMap, classifyLines, countLines, lineRuns, reconcileRanges } from '../../src/core/attribution';

const at = '2026-01-01T00:00:00.000Z';
const AI: Contributor = { kind: 'ai', agent: 'GitHubCopilot', model: 'gpt-5', via: 'inline-completion', at };
const AGENT: Contributor = { kind: 'ai', agent: 'ClaudeCode', via: 'agent-hook', at };
const HUMAN: Contributor = { kind: 'human', via: 'manual', at };
const UNKNOWN: Contributor = { kind: 'unknown', via: 'external-write', at };

/** Applies a change to both the text and the map, like the editor does. */
function edit(s: { text: string; map: AttributionMap }, offset: number, del: number, ins: string, c: Contributor | undefined): void {
  s.text = s.text.slice(0, offset) + ins + s.text.slice(offset + del);
  s.map.replace(offset, del, ins.length, c);
}

function kinds(text: string, map: AttributionMap): (string | undefined)[] {
  return classifyLines(text, map.ranges()).map((l) => l?.kind);
}

test('accepted AI text is ai; human typing over it makes those characters human and the line mixed', () => {
  const s = { text: 'function f() {\n}\n', map: new AttributionMap(17) };
  edit(s, 15, 0, '  return 42;\n', AI);
  assert.deepEqual(kinds(s.text, s.map), [undefined, 'ai', undefined, undefined]);
  edit(s, 24, 2, '7', HUMAN); // "42" -> "7"
  assert.equal(s.text, 'function f() {\n  return 7;\n}\n');
  assert.deepEqual(kinds(s.text, s.map), [undefined, 'mixed', undefined, undefined]);
  const line = classifyLines(s.text, s.map.ranges())[1];
  assert.equal(line?.contributor.agent, 'GitHubCopilot');
});

test('whitespace does not make a line mixed; an inserted blank line takes its author', () => {
  const s = { text: 'a\n', map: new AttributionMap(2) };
  edit(s, 2, 0, 'x = 1\n\n', AGENT);
  edit(s, 2, 0, '    ', HUMAN); // human indents the AI line
  assert.deepEqual(kinds(s.text, s.map), [undefined, 'ai', 'ai', undefined]);
});

test('AI characters on an older line make it mixed; unknown without AI is unknown', () => {
  const s = { text: 'let a = 1;\nlet b = 2;\n', map: new AttributionMap(22) };
  edit(s, 8, 1, '100', AI);
  edit(s, 21, 1, '3', UNKNOWN);
  assert.deepEqual(kinds(s.text, s.map), ['mixed', 'unknown', undefined]);
  assert.deepEqual(countLines(classifyLines(s.text, s.map.ranges())), { ai: 0, human: 0, unknown: 1, mixed: 1 });
});

test('lineRuns groups consecutive lines of one author, 1-based inclusive', () => {
  const text = 'a\nb\nc\nd\n';
  const runs = lineRuns(classifyLines(text, [{ start: 0, end: 4, c: AI }, { start: 6, end: 8, c: HUMAN }]));
  assert.deepEqual(runs.map((r) => [r.startLine, r.endLine, r.kind]), [[1, 2, 'ai'], [4, 4, 'human']]);
});

test('reconcile keeps unchanged lines and gives changed ones to the source', () => {
  const old = 'one\ntwo\nthree\nfour\n';
  const ranges = [{ start: 4, end: 14, c: AI }]; // "two\nthree\n"
  const next = 'zero\none\ntwo\nTHREE\nfour\n';
  const r = reconcileRanges(old, ranges, next, UNKNOWN);
  const lines = classifyLines(next, r).map((l) => l && `${l.kind}:${l.contributor.via}`);
  assert.deepEqual(lines, ['unknown:external-write', undefined, 'ai:inline-completion', 'unknown:external-write', undefined, undefined]);
  // Without a source, changed lines are simply not attributed.
  assert.deepEqual(classifyLines(next, reconcileRanges(old, ranges, next, undefined)).map((l) => l?.kind), [undefined, undefined, 'ai', undefined, undefined, undefined]);
});

test('reconcile handles CRLF text and a line edited in place at the end without a final break', () => {
  const old = 'a\r\nb\r\nc';
  const r = reconcileRanges(old, [{ start: 0, end: old.length, c: AGENT }], 'a\r\nb\r\nc2', HUMAN);
  assert.deepEqual(classifyLines('a\r\nb\r\nc2', r).map((l) => l?.kind), ['ai', 'ai', 'human']);
});

test('reconcile of a whole-file rewrite attributes every line to the source', () => {
  const old = Array.from({ length: 50 }, (_, i) => `old ${i}`).join('\n') + '\n';
  const next = Array.from({ length: 60 }, (_, i) => `new ${i}`).join('\n') + '\n';
  const r = reconcileRanges(old, [{ start: 0, end: old.length, c: AI }], next, UNKNOWN);
  assert.deepEqual(r, [{ start: 0, end: next.length, c: UNKNOWN }]);
});

test('a change outside the text is refused, not silently applied', () => {
  const m = new AttributionMap(3);
  assert.throws(() => m.replace(2, 5, 0, HUMAN), RangeError);
  assert.equal(m.length, 3);
});
