import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { randomUuid, sha256Hex } from '../../src/core/worklog/cheapCrypto';
import { layout, textHash } from '../../src/core/worklog/layout';
import { getSnapshot, pruneSnapshots, putSnapshot } from '../../src/core/worklog/snapshots';

const nativeHex = (d: string | Uint8Array) => crypto.createHash('sha256').update(d).digest('hex');

test('sha256Hex equals node:crypto for texts and bytes around every block boundary and past the native switch', () => {
  const sizes = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 4095, 4096, 4097, 70_000];
  for (const n of sizes) {
    const ascii = 'a'.repeat(n);
    const multi = 'é€😀\r\n'.repeat(Math.ceil(n / 5)).slice(0, n);
    const bytes = crypto.randomBytes(n);
    for (const input of [ascii, multi, bytes]) assert.equal(sha256Hex(input), nativeHex(input), `size ${n}`);
  }
  for (let i = 0; i < 500; i++) {
    const s = crypto.randomBytes(i % 300).toString('latin1');
    assert.equal(sha256Hex(s), nativeHex(Buffer.from(s, 'utf8')));
  }
  // The FIPS 180-2 example.
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(textHash('abc'), sha256Hex('abc'));
});

test('randomUuid gives distinct version 4 UUIDs', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const u = randomUuid();
    assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    seen.add(u);
  }
  assert.equal(seen.size, 1000);
});

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-snap-'));
}

test('putSnapshot without fsync stores the text under its hash and leaves no temp file', () => {
  const dir = tempDir();
  for (const durable of [false, true]) {
    const text = `line ${String(durable)}\n€\n`;
    const h = putSnapshot(dir, text, { durable });
    assert.equal(h, nativeHex(text));
    assert.equal(getSnapshot(dir, h), text);
  }
  assert.deepEqual(fs.readdirSync(layout(dir).snapshotsDir).filter((n) => n.endsWith('.tmp')), []);
});

test('a snapshot torn by a power failure (wrong size) is rewritten by the next writer of that text', () => {
  const dir = tempDir();
  const text = 'const a = 1;\nconst b = 2;\n';
  const h = putSnapshot(dir, text, { durable: false });
  const file = path.join(layout(dir).snapshotsDir, h);
  // What an unsynced write can leave after a crash: the name, with no or part of the data.
  for (const torn of ['', text.slice(0, 5)]) {
    fs.writeFileSync(file, torn);
    assert.equal(getSnapshot(dir, h), undefined, 'a reader rejects it by its hash');
    assert.equal(putSnapshot(dir, text, { durable: false }), h);
    assert.equal(getSnapshot(dir, h), text);
  }
});

test('temp files a crashed writer left behind are pruned like unreferenced snapshots', () => {
  const dir = tempDir();
  const keep = putSnapshot(dir, 'kept\n', { durable: false });
  const stray = path.join(layout(dir).snapshotsDir, `.${keep}.1234.abcd.tmp`);
  fs.writeFileSync(stray, 'kep');
  const old = new Date(Date.now() - 2 * 3_600_000);
  fs.utimesSync(stray, old, old);
  assert.equal(pruneSnapshots(dir, new Set([keep])), 1);
  assert.ok(!fs.existsSync(stray));
  assert.equal(getSnapshot(dir, keep), 'kept\n');
});
