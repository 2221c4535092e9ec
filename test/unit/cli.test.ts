import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { VERSION } from '../../src/core/version';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

function aiprov(args: string[], opts: { cwd?: string; input?: string } = {}) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: opts.cwd ?? root, input: opts.input ?? '' });
}

test('the product version matches package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(VERSION, pkg.version);
});

test('aiprov --help lists usage and exits 0', () => {
  const r = aiprov(['--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: aiprov <command>/);
  assert.equal(r.stderr, '');
});

test('aiprov --version prints the version', () => {
  const r = aiprov(['--version']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), VERSION);
});

test('an unknown command exits 2 with a one-line error on stderr', () => {
  const r = aiprov(['frobnicate']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0] ?? "", /^aiprov: unknown command 'frobnicate'/);
});

test('the CLI bundle is executable with a node shebang', () => {
  const head = fs.readFileSync(cli, 'utf8').slice(0, 40);
  assert.match(head, /^#!\/usr\/bin\/env node/);
  const out = execFileSync(cli, ['--version'], { encoding: 'utf8' });
  assert.equal(out.trim(), VERSION);
});
