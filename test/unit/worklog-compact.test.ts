import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import {
  type AgentEvent,
  appendEvent,
  compactSpool,
  currentStates,
  layout,
  listRecords,
  mergeSpool,
  newEventId,
  pruneUnreferencedSnapshots,
  readSpoolState,
  retiredSpool,
  snapshotText,
  writeRecord,
} from '../../src/core/worklog';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-compact-'));
}

/** A post event that makes `p` one AI line ("x"), on snapshots already stored. */
function event(p: string, before: string, after: string): AgentEvent {
  return { v: 1, id: newEventId(), at: new Date().toISOString(), agent: 'ClaudeCode', tool: 'Write', phase: 'post', path: p, before: { hash: before }, after: { hash: after } };
}

function snapshots(dir: string): { empty: string; x: string } {
  return { empty: snapshotText(dir, '').hash, x: snapshotText(dir, 'x\n').hash };
}

const quiet = { warn: (m: string) => assert.fail(`unexpected warning: ${m}`) };

if (!isMainThread) {
  // Worker: a hook process appending events, each for its own path, as fast as it can.
  const { dir, n, tag } = workerData as { dir: string; n: number; tag: string };
  const s = snapshots(dir);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < n; i++) {
    appendEvent(dir, event(`${tag}/${i}.txt`, s.empty, s.x));
    Atomics.wait(pause, 0, 0, 3); // a few hooks, not a flood: the appends span several compactions
  }
} else {
  test('compaction while hooks append: every event is folded exactly once, none lost, and the spool stays small', async () => {
    const dir = tmp();
    snapshots(dir);
    const writers = 4;
    const n = 300;
    const folded: string[] = [];
    let compactions = 0;
    let running = true;
    const done = Promise.all(
      Array.from(
        { length: writers },
        (_, k) =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(__filename, { workerData: { dir, n, tag: `w${k}` } });
            w.on('error', reject);
            w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
          }),
      ),
    ).finally(() => (running = false));
    // Compact as often as we can while they append (minBytes 0: every time there is something folded).
    while (running) {
      const r = compactSpool(dir, { minBytes: 0, quietMs: 250, ...quiet });
      folded.push(...r.paths);
      if (r.compacted) compactions++;
      await new Promise((r) => setTimeout(r, 1));
    }
    await done;
    await new Promise((r) => setTimeout(r, 300));
    const last = compactSpool(dir, { minBytes: 0, quietMs: 250, ...quiet });
    folded.push(...last.paths);
    folded.push(...mergeSpool(dir, quiet.warn));
    const want = Array.from({ length: writers }, (_, k) => Array.from({ length: n }, (_, i) => `w${k}/${i}.txt`)).flat().sort();
    assert.equal(folded.length, want.length, `each event folded once (${compactions} compactions)`);
    assert.deepEqual([...folded].sort(), want);
    assert.ok(compactions >= 2, `compacted while appending (${compactions} times)`);
    assert.equal(listRecords(dir).length, want.length);
    assert.ok(listRecords(dir).every((r) => r.ranges.length === 1 && r.ranges[0].c.agent === 'ClaudeCode'));
    // Nothing is left to fold, and the spool holds at most what came after the last compaction.
    assert.equal(currentStates(dir).size, want.length);
    assert.ok(!fs.existsSync(layout(dir).events) || fs.statSync(layout(dir).events).size === readSpoolState(dir).offset);
  });

  test('a hook that opened the spool before the rename appends to the retired file: its event is folded, the file deleted once quiet', () => {
    const dir = tmp();
    const s = snapshots(dir);
    appendEvent(dir, event('a.txt', s.empty, s.x));
    // The hook opens the spool (O_APPEND)...
    const fd = fs.openSync(layout(dir).events, 'a');
    // ...compaction folds and renames it...
    const r1 = compactSpool(dir, { minBytes: 0, ...quiet });
    assert.deepEqual(r1, { paths: ['a.txt'], compacted: true, removedRetired: false });
    assert.ok(!fs.existsSync(layout(dir).events));
    assert.ok(fs.existsSync(retiredSpool(dir)));
    // ...and the hook's write lands in the retired file.
    fs.writeSync(fd, JSON.stringify(event('late.txt', s.empty, s.x)) + '\n');
    fs.closeSync(fd);
    appendEvent(dir, event('new.txt', s.empty, s.x));
    // Readers see both before anything is folded.
    assert.deepEqual([...currentStates(dir, quiet.warn).keys()].sort(), ['a.txt', 'late.txt', 'new.txt']);
    // Folding reads the retired file on; not quiet yet, so it stays.
    const r2 = compactSpool(dir, { minBytes: 0, quietMs: 60_000, ...quiet });
    assert.deepEqual(r2, { paths: ['late.txt', 'new.txt'], compacted: false, removedRetired: false });
    assert.ok(fs.existsSync(retiredSpool(dir)));
    assert.deepEqual(mergeSpool(dir, quiet.warn), [], 'nothing folded twice');
    // Quiet: the retired file goes, and the spool (folded) is retired in turn.
    const r3 = compactSpool(dir, { minBytes: 0, quietMs: 0, ...quiet });
    assert.deepEqual(r3, { paths: [], compacted: true, removedRetired: true });
    assert.deepEqual(listRecords(dir).map((r) => r.path), ['a.txt', 'late.txt', 'new.txt']);
  });

  test('a compaction that crashed around the rename is resumed correctly from its state', () => {
    const dir = tmp();
    const s = snapshots(dir);
    appendEvent(dir, event('a.txt', s.empty, s.x));
    assert.deepEqual(mergeSpool(dir, quiet.warn), ['a.txt']);
    const size = fs.statSync(layout(dir).events).size;
    // Crashed after writing its intent, before renaming: the spool is still the spool.
    fs.writeFileSync(layout(dir).spoolState, JSON.stringify({ v: 1, offset: size, retired: { offset: size }, renaming: true }));
    assert.deepEqual(readSpoolState(dir), { offset: size });
    assert.deepEqual(mergeSpool(dir, quiet.warn), [], 'nothing folded twice');
    // Crashed after the rename, before the final state: the new spool starts at 0.
    fs.writeFileSync(layout(dir).spoolState, JSON.stringify({ v: 1, offset: size, retired: { offset: size }, renaming: true }));
    fs.renameSync(layout(dir).events, retiredSpool(dir));
    appendEvent(dir, event('b.txt', s.empty, s.x));
    assert.deepEqual(readSpoolState(dir), { offset: 0, retired: { offset: size } });
    assert.deepEqual(mergeSpool(dir, quiet.warn), ['b.txt']);
  });

  test('small spools are left alone (minBytes)', () => {
    const dir = tmp();
    const s = snapshots(dir);
    appendEvent(dir, event('a.txt', s.empty, s.x));
    assert.deepEqual(compactSpool(dir, quiet), { paths: ['a.txt'], compacted: false, removedRetired: false });
    assert.ok(fs.existsSync(layout(dir).events));
  });

  test('pruning deletes old snapshots nothing refers to, and keeps records\' texts, unfolded events\' and young ones', () => {
    const dir = tmp();
    const s = snapshots(dir);
    const rec = writeRecord(dir, 'kept.txt', 'recorded\n', []);
    const unreferenced = snapshotText(dir, 'old text\n').hash;
    const pre = snapshotText(dir, 'before the agent\n').hash;
    appendEvent(dir, event('pending.txt', pre, s.x)); // not folded yet: both its snapshots stay
    const young = snapshotText(dir, 'written a second ago\n').hash;
    // A pre-tool hook's hand-over to its post-tool hook names a snapshot too.
    const handed = snapshotText(dir, 'seen by the pre-tool hook\n').hash;
    fs.mkdirSync(path.join(dir, 'pending'));
    fs.writeFileSync(path.join(dir, 'pending', 'k.json'), JSON.stringify({ before: { hash: handed } }));
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const h of fs.readdirSync(layout(dir).snapshotsDir)) if (h !== young) fs.utimesSync(path.join(layout(dir).snapshotsDir, h), old, old);
    const removed = pruneUnreferencedSnapshots(dir, quiet);
    const left = new Set(fs.readdirSync(layout(dir).snapshotsDir));
    assert.ok(!left.has(unreferenced), 'the unreferenced old snapshot is gone');
    assert.ok(!left.has(s.empty), 'so is the empty text nothing names');
    for (const h of [rec.textHash, pre, s.x, young, handed]) assert.ok(left.has(h), `${h} kept`);
    assert.equal(removed, 2);
    // The pending event still folds.
    assert.deepEqual(mergeSpool(dir, quiet.warn), ['pending.txt']);
  });
}
