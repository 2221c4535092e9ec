import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

interface JsonFinding {
  rule: string;
  path: string;
  side: string;
  startLine: number;
  endLine: number;
  tier: string;
  blastRadius: number;
}

function aiprov(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [cli, 'check', ...args], { encoding: 'utf8', cwd });
}

function repo(): { dir: string; g: (...a: string[]) => string; w: (p: string, t: string) => void; commitAll: (message: string) => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-check-'));
  const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, encoding: 'utf8' });
  g('init', '-q', '-b', 'main');
  g('config', 'user.name', 'T');
  g('config', 'user.email', 't@example.com');
  g('config', 'commit.gpgsign', 'false');
  const w = (p: string, t: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  };
  const commitAll = (message: string) => {
    g('add', '-A');
    g('commit', '-qm', message);
  };
  return { dir, g, w, commitAll };
}

function json(r: { stdout: string }): { failOn: string; failed: boolean; findings: JsonFinding[] } {
  return JSON.parse(r.stdout) as { failOn: string; failed: boolean; findings: JsonFinding[] };
}

const rulesOf = (fs_: JsonFinding[]) => [...new Set(fs_.map((f) => f.rule))].sort();

test('check: the working tree against HEAD, tracked and untracked, exits 1 at the threshold', () => {
  const { dir, w, commitAll } = repo();
  w('db/migrations/0001_init.sql', 'CREATE TABLE users (id bigint);\n');
  w('README.md', '# app\n');
  commitAll('init');
  w('db/migrations/0001_init.sql', 'CREATE TABLE users (id bigint);\nDROP TABLE users;\n');
  w('.env', 'SECRET=abc\n');
  w('README.md', '# app\n\nNever run DROP TABLE users; in prod.\n');
  const r = aiprov(dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /CRITICAL\s+4\s+sql\/ban-drop-table\s+db\/migrations\/0001_init\.sql:2/);
  assert.match(r.stdout, /secrets\/env-file\s+\.env:1/);
  assert.match(r.stdout, /hint: /);
  assert.match(r.stdout, /at or above 'high' \(check fails\)/);
  const j = json(aiprov(dir, '--json'));
  assert.equal(j.failed, true);
  assert.deepEqual(rulesOf(j.findings), ['migration/edited-applied-migration', 'secrets/env-file', 'sql/ban-drop-table']);
});

test('check --staged sees only the index; a clean tree exits 0', () => {
  const { dir, g, w, commitAll } = repo();
  w('scripts/deploy.sh', '#!/bin/sh\necho deploy\n');
  commitAll('init');
  assert.equal(aiprov(dir).status, 0);
  assert.match(aiprov(dir).stdout, /no risky changes found/);
  w('scripts/deploy.sh', '#!/bin/sh\ngit push --force origin main\necho deploy\n');
  g('add', 'scripts/deploy.sh');
  w('scripts/deploy.sh', '#!/bin/sh\ngit push --force origin main\nrm -rf /srv/app\necho deploy\n');
  const staged = json(aiprov(dir, '--staged', '--json'));
  assert.deepEqual(rulesOf(staged.findings), ['shell/git-push-force']);
  const all = json(aiprov(dir, '--json'));
  assert.deepEqual(rulesOf(all.findings), ['shell/git-push-force', 'shell/rm-rf']);
  assert.deepEqual(
    all.findings.map((f) => [f.rule, f.startLine]),
    [
      ['shell/git-push-force', 2],
      ['shell/rm-rf', 3],
    ],
  );
});

test('check RANGE: A..B, A...B and a single commit (including the root commit)', () => {
  const { dir, g, w, commitAll } = repo();
  w('infra/main.tf', 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n');
  commitAll('root');
  w('infra/main.tf', '');
  g('commit', '-qam', 'remove bucket');
  w('tests/test_a.py', 'def test_a():\n    assert 1\n');
  commitAll('add test');
  const range = json(aiprov(dir, 'HEAD~2..HEAD', '--json'));
  assert.deepEqual(rulesOf(range.findings), ['terraform/resource-removed']);
  const tf = range.findings[0];
  assert.deepEqual([tf?.side, tf?.startLine, tf?.endLine], ['old', 1, 3]);
  assert.deepEqual(rulesOf(json(aiprov(dir, 'HEAD~2...HEAD', '--json')).findings), ['terraform/resource-removed']);
  assert.deepEqual(rulesOf(json(aiprov(dir, 'HEAD~1', '--json')).findings), ['terraform/resource-removed']);
  assert.deepEqual(json(aiprov(dir, 'HEAD', '--json')).findings, []);
  assert.equal(aiprov(dir, 'HEAD~2').status, 0, 'the root commit adds a bucket: nothing risky');
});

test('check --sarif writes SARIF 2.1.0 with rules, levels and locations', () => {
  const { dir, w, commitAll } = repo();
  w('k8s/prod/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n');
  w('src/my file.ts', 'export const a = 1;\n');
  commitAll('init');
  w('k8s/prod/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 0\n');
  fs.unlinkSync(path.join(dir, 'src/my file.ts'));
  const r = aiprov(dir, '--sarif');
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout) as {
    $schema: string;
    version: string;
    runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; endLine: number } } }[] }[] }[];
  };
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  const run = log.runs[0];
  assert.ok(run);
  assert.equal(run.tool.driver.name, 'aiprov');
  const ids = run.tool.driver.rules.map((x) => x.id);
  assert.ok(ids.includes('kubernetes/replicas-zero') && ids.includes('change/file-deleted'));
  for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text && rule.help.text, rule.id);
  const byRule = new Map(run.results.map((x) => [x.ruleId, x]));
  const rep = byRule.get('kubernetes/replicas-zero');
  assert.equal(rep?.level, 'error');
  assert.equal(ids[rep.ruleIndex], 'kubernetes/replicas-zero');
  assert.deepEqual(rep.locations[0]?.physicalLocation.region, { startLine: 6, endLine: 6 });
  assert.equal(rep.locations[0]?.physicalLocation.artifactLocation.uri, 'k8s/prod/app.yaml');
  const del = byRule.get('change/file-deleted');
  assert.equal(del?.level, 'warning');
  assert.equal(del.locations[0]?.physicalLocation.artifactLocation.uri, 'src/my%20file.ts');
  assert.match(del.message.text, /removed lines 1/);
});

test('the policy sets tiers and the threshold; --fail-on overrides it', () => {
  const { dir, w, commitAll } = repo();
  w('db/prod/q.sql', 'SELECT 1;\n');
  commitAll('init');
  w('db/prod/q.sql', 'SELECT 1;\nCREATE INDEX i ON orders (created_at);\n');
  assert.equal(aiprov(dir).status, 0, 'a low finding is under the default high threshold');
  assert.equal(aiprov(dir, '--fail-on', 'low').status, 1);
  w('.aiprov/policy.json', JSON.stringify({ criticalPaths: [{ pattern: 'db/prod/**', tier: 'critical' }], risk: { failOn: 'low' } }));
  const j = json(aiprov(dir, '--json'));
  assert.equal(j.failOn, 'low');
  assert.equal(j.failed, true);
  const f = j.findings.find((x) => x.rule === 'sql/require-concurrent-index-creation');
  assert.deepEqual([f?.tier, f?.blastRadius], ['critical', 4]);
  w('.aiprov/policy.json', JSON.stringify({ risk: { disabledRules: ['sql/*'], failOn: 'low' } }));
  assert.equal(aiprov(dir).status, 0, 'the rule is switched off by the policy');
});

test('check works on a branch with no commits and with odd file names', () => {
  const { dir, w } = repo();
  w('odd\nname.sh', '#!/bin/sh\nrm -rf ~/\n');
  w('space dir/drop me.sql', 'DROP DATABASE app;\n');
  const j = json(aiprov(dir, '--json'));
  assert.deepEqual(rulesOf(j.findings), ['shell/rm-rf-root', 'sql/ban-drop-database']);
  assert.ok(j.findings.some((f) => f.path === 'odd\nname.sh'));
  assert.ok(j.findings.some((f) => f.path === 'space dir/drop me.sql'));
});

test('bad input: one line on stderr and exit 2', () => {
  const { dir, w, commitAll } = repo();
  w('a.txt', 'a\n');
  commitAll('init');
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-nogit-'));
  const cases: [string, string[], RegExp][] = [
    [dir, ['nope..HEAD'], /bad revision 'nope'/],
    [dir, ['HEAD..nope'], /bad revision 'nope'/],
    [dir, ['deadbeef'], /bad revision 'deadbeef'/],
    [dir, ['--staged', 'HEAD'], /--staged or a RANGE/],
    [dir, ['--json', '--sarif'], /--json or --sarif/],
    [dir, ['--fail-on', 'huge'], /--fail-on must be one of/],
    [dir, ['--frobnicate'], /Unknown option/],
    [outside, [], /not a git repository/],
  ];
  for (const [cwd, args, re] of cases) {
    const r = aiprov(cwd, ...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
  }
  w('.aiprov/policy.json', '{ not json');
  const r = aiprov(dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^aiprov: \.aiprov\/policy\.json: not valid JSON/);
});
