import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { type Contributor } from '../../src/core/attribution';
import {
  type AgentEvent,
  StaleRecordError,
  appendEvent,
  currentStates,
  getSnapshot,
  layout,
  listRecords,
  mergeSpool,
  mergeStates,
  newEventId,
  readEvents,
  readRecord,
  recordFile,
  snapshotText,
  updateRecord,
  writeRecord,
  workingTreeAttribution,
} from '../../src/core/worklog';
import { repoFileAttribution, worklogDir } from '../../src/git/worklog';

const AI: Contributor = { kind: 'ai', agent: 'ClaudeCode', model: 'claude-sonnet-4-5', via: 'agent-hook', at: '2026-01-01T00:00:00.000Z' };
const HUMAN: Contributor = { kind: 'human', via: 'manual', at: '2026-01-01T00:00:00.000Z' };

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-worklog-'));
}

function event(dir: string, p: string, phase: 'pre' | 'post', after: string | undefined, extra: Partial<AgentEvent> = {}): AgentEvent {
  return { v: 1, id: newEventId(), at: new Date().toISOString(), agent: 'ClaudeCode', model: 'claude-sonnet-4-5', session: 's1', tool: 'Edit', phase, path: p, after: snapshotText(dir, after), ...extra };
}

if (!isMainThread) {
  // Worker mode: hammer the spool with appends to prove they never interleave.
  const { dir, n, tag, mode } = workerData as { dir: string; n: number; tag: string; mode?: string };
  if (mode === 'rmw') {
    // Each update grows the recorded length by one: a lost update shows as a short count.
    for (let i = 0; i < n; i++) updateRecord(dir, 'counter.txt', (cur) => ({ textHash: 'h', length: (cur?.length ?? 0) + 1, ranges: [] }));
  } else for (let i = 0; i < n; i++) appendEvent(dir, { ...event(dir, 'a.txt', 'post', 'x'), tool: `${tag}-${i}-${'y'.repeat(3000)}` });
} else {
  test('a record round-trips, with a path that has spaces and a newline', () => {
    const dir = tmp();
    const p = 'src/my file\nname.ts';
    const text = 'line one\nline two\n';
    const w = writeRecord(dir, p, text, [{ start: 0, end: 9, c: AI }]);
    assert.equal(w.seq, 1);
    const r = readRecord(dir, p);
    assert.ok(r);
    assert.equal(r.path, p);
    assert.deepEqual(r.ranges, [{ start: 0, end: 9, c: AI }]);
    assert.equal(fs.readFileSync(path.join(layout(dir).snapshotsDir, r.textHash), 'utf8'), text);
    assert.deepEqual(listRecords(dir).map((x) => x.path), [p]);
  });

  test('compare-and-swap refuses a stale writer and keeps the newer record', () => {
    const dir = tmp();
    writeRecord(dir, 'a.ts', 'abc', [{ start: 0, end: 3, c: AI }]);
    writeRecord(dir, 'a.ts', 'abcd', [{ start: 0, end: 4, c: AI }], { expectedSeq: 1 });
    assert.throws(() => writeRecord(dir, 'a.ts', 'x', [], { expectedSeq: 1 }), StaleRecordError);
    assert.equal(readRecord(dir, 'a.ts')?.length, 4);
  });

  test('a truncated record is moved aside with a clear warning, never thrown', () => {
    const dir = tmp();
    writeRecord(dir, 'a.ts', 'abc', [{ start: 0, end: 3, c: AI }]);
    const f = recordFile(dir, 'a.ts');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').slice(0, 30));
    const warnings: string[] = [];
    assert.equal(readRecord(dir, 'a.ts', (m) => warnings.push(m)), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /unreadable .*moved it to .*corrupt/);
    assert.equal(fs.existsSync(f), false);
    assert.equal(fs.readdirSync(layout(dir).corruptDir).length, 1);
    // And the log works again afterwards.
    assert.equal(updateRecord(dir, 'a.ts', () => ({ textHash: 'h', length: 0, ranges: [] }))?.seq, 1);
  });

  test('concurrent appenders from four threads never interleave lines', async () => {
    const dir = tmp();
    const n = 200;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map(
        (tag) =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(__filename, { workerData: { dir, n, tag } });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
          }),
      ),
    );
    const warnings: string[] = [];
    const { events, nextOffset } = readEvents(dir, 0, (m) => warnings.push(m));
    assert.deepEqual(warnings, []);
    assert.equal(events.length, 4 * n);
    assert.equal(nextOffset, fs.statSync(layout(dir).events).size);
  });

  test('readEvents leaves a half-written last line and skips a malformed one', () => {
    const dir = tmp();
    appendEvent(dir, event(dir, 'a.txt', 'post', 'x'));
    fs.appendFileSync(layout(dir).events, 'not json\n{"v":1,"id":"half');
    const warnings: string[] = [];
    const b = readEvents(dir, 0, (m) => warnings.push(m));
    assert.equal(b.events.length, 1);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /malformed line at byte/);
    assert.equal(b.nextOffset, fs.readFileSync(layout(dir).events, 'utf8').lastIndexOf('\n') + 1);
    assert.equal(readEvents(dir, b.nextOffset).events.length, 0);
  });

  test('agent events: changed lines are the agent\'s, human edits between agent steps stay human', () => {
    const dir = tmp();
    const v0 = 'a\nb\nc\n';
    const v1 = 'a\nB-agent\nc\n'; // agent changes line 2
    const v2 = 'a\nB-agent\nc\nhuman\n'; // someone appends a line
    const v3 = 'agent-top\na\nB-agent\nc\nhuman\n'; // agent adds a first line
    appendEvent(dir, event(dir, 'f.txt', 'pre', v0));
    appendEvent(dir, event(dir, 'f.txt', 'post', v1));
    appendEvent(dir, event(dir, 'f.txt', 'pre', v2));
    appendEvent(dir, event(dir, 'f.txt', 'post', v3, { before: snapshotText(dir, v2) }));
    const s = currentStates(dir).get('f.txt');
    assert.ok(s);
    assert.equal(s.text, v3);
    const by = (c: Contributor) => s.ranges.filter((r) => r.c.kind === c.kind).map((r) => s.text.slice(r.start, r.end));
    assert.deepEqual(by(AI), ['agent-top\n', 'B-agent\n']);
    assert.deepEqual(by(HUMAN), ['human\n']);
    // Merging writes the same into the record, once.
    assert.deepEqual(mergeSpool(dir), ['f.txt']);
    assert.deepEqual(mergeSpool(dir), []);
    assert.equal(readRecord(dir, 'f.txt')?.ranges.length, 3);
  });

  test('an agent creating a file owns every line', () => {
    const dir = tmp();
    appendEvent(dir, event(dir, 'new.txt', 'pre', undefined));
    appendEvent(dir, event(dir, 'new.txt', 'post', 'one\ntwo\n'));
    const s = currentStates(dir).get('new.txt');
    assert.deepEqual(s?.ranges.map((r) => [r.start, r.end, r.c.kind]), [[0, 8, 'ai']]);
  });

  test('working-tree attribution in a real repo reconciles a changed file by line diff', async () => {
    const repo = tmp();
    const g = (...a: string[]) => execFileSync('git', a, { cwd: repo, encoding: 'utf8' });
    g('init', '-q');
    g('config', 'user.name', 'T');
    g('config', 'user.email', 't@example.com');
    g('config', 'commit.gpgsign', 'false');
    const dir = await worklogDir(repo);
    assert.equal(dir, path.join(fs.realpathSync(repo), '.git', 'ai-provenance'));
    const text = 'keep\nai line\nhuman line\n';
    writeRecord(dir, 'dir with space/f.ts', text, [
      { start: 5, end: 13, c: AI },
      { start: 13, end: 24, c: HUMAN },
    ]);
    fs.mkdirSync(path.join(repo, 'dir with space'));
    fs.writeFileSync(path.join(repo, 'dir with space/f.ts'), 'new first\nkeep\nai line\nhuman line\n');
    const a = workingTreeAttribution(dir, repo, 'dir with space/f.ts');
    assert.ok(a);
    assert.equal(a.reconciled, true);
    assert.equal(a.lineCount, 4);
    assert.deepEqual(a.ranges.map((r) => [r.startLine, r.endLine, r.kind]), [[3, 3, 'ai'], [4, 4, 'human']]);
    assert.deepEqual(a.counts, { ai: 1, human: 1, unknown: 0, mixed: 0 });
    const b = await repoFileAttribution(path.join(repo, 'dir with space'), 'dir with space/f.ts');
    assert.deepEqual(b, a);
  });

  test('two windows writing one file: the loser of the compare-and-swap merges, nobody\'s attribution is lost', () => {
    const dir = tmp();
    const v1 = 'a\nb\n';
    // Both windows loaded "no record" (seq 0). Window A marks line 1 as AI and wins.
    writeRecord(dir, 'f.txt', v1, [{ start: 0, end: 2, c: AI }], { expectedSeq: 0 });
    // Window B, which meanwhile typed a new line 3, loses the race...
    const v2 = 'a\nb\nhuman\n';
    const mine = { text: v2, ranges: [{ start: 4, end: 10, c: HUMAN }] };
    assert.throws(() => writeRecord(dir, 'f.txt', v2, mine.ranges, { expectedSeq: 0 }), StaleRecordError);
    // ...reads A's record, merges and writes with the new seq.
    const theirs = readRecord(dir, 'f.txt')!;
    const merged = mergeStates(mine, { text: getSnapshot(dir, theirs.textHash)!, ranges: theirs.ranges });
    const w = writeRecord(dir, 'f.txt', v2, merged.ranges, { expectedSeq: theirs.seq });
    assert.equal(w.seq, 2);
    assert.deepEqual(readRecord(dir, 'f.txt')!.ranges.map((r) => [r.start, r.end, r.c.kind]), [[0, 2, 'ai'], [4, 10, 'human']]);
  });

  test('concurrent writers through the lock never lose an update (4 threads x 50 read-modify-writes)', async () => {
    const dir = tmp();
    await Promise.all(
      [0, 1, 2, 3].map(
        (k) =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(__filename, { workerData: { dir, n: 50, tag: `rmw${k}`, mode: 'rmw' } });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
          }),
      ),
    );
    const r = readRecord(dir, 'counter.txt')!;
    assert.equal(r.seq, 200);
    assert.equal(r.length, 200);
  });
}
