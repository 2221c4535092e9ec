import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parsePolicy } from '../../src/core/policy';
import { activeRules, analyze, analyzeChange, analyzeDiff, BUILTIN_RULES, changeFromTexts, reachesThreshold, revertEdit, riskOptionsFromPolicy } from '../../src/core/risk';

const rules = (fs: readonly { rule: string }[]) => fs.map((f) => f.rule).sort();

test('every built-in rule has a unique namespaced id, a message and a hint', () => {
  const ids = new Set<string>();
  for (const r of BUILTIN_RULES) {
    assert.match(r.id, /^[a-z]+\/[a-z0-9-]+$/, r.id);
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(r.message.length > 10 && r.hint.length > 10, r.id);
    assert.ok(r.added || r.removed || r.check, `${r.id} has nothing to run`);
  }
  assert.ok(ids.has('sql/ban-drop-table'), 'squawk-compatible id');
  assert.ok(ids.size >= 60, `${ids.size} rules`);
});

test('blast radius is severity times the policy tier of the path', () => {
  const policy = parsePolicy(JSON.stringify({ criticalPaths: [{ pattern: 'db/prod/**', tier: 'critical' }, { pattern: '*.sql', tier: 'medium' }] }));
  const opts = riskOptionsFromPolicy(policy);
  const prod = analyzeChange('db/prod/1.sql', '', 'DROP TABLE users;\n', opts);
  const dev = analyzeChange('db/dev/1.sql', '', 'DROP TABLE users;\n', opts);
  assert.equal(prod[0]?.tier, 'critical');
  assert.equal(prod[0]?.blastRadius, 16);
  assert.equal(dev[0]?.tier, 'medium');
  assert.equal(dev[0]?.blastRadius, 8);
  const both = analyze([changeFromTexts('db/dev/1.sql', '', 'DROP TABLE a;\n'), changeFromTexts('db/prod/1.sql', '', 'DROP TABLE b;\n')], opts);
  assert.deepEqual(both.map((f) => f.path), ['db/prod/1.sql', 'db/dev/1.sql'], 'widest blast radius first');
});

test('rules can be switched off by id or by category, and custom rules run scoped by glob', () => {
  const policy = parsePolicy(
    JSON.stringify({
      risk: {
        disabledRules: ['sql/ban-truncate', 'shell/*'],
        customRules: [
          { id: 'acme/prod-url', severity: 'high', message: 'Production URL in code', added: 'https://prod\\.acme\\.com', paths: ['src/**'] },
          { id: 'acme/feature-flag-removed', severity: 'low', message: 'Feature flag removed', removed: 'flags\\.enabled\\(' },
        ],
      },
    }),
  );
  const opts = riskOptionsFromPolicy(policy);
  assert.ok(!activeRules(opts).some((r) => r.id === 'sql/ban-truncate' || r.id.startsWith('shell/')));
  assert.deepEqual(rules(analyzeChange('m/1.sql', '', 'TRUNCATE TABLE x;\nDROP TABLE y;\n', opts)), ['sql/ban-drop-table']);
  assert.deepEqual(rules(analyzeChange('run.sh', '', 'rm -rf /srv/app\n', opts)), []);
  const custom = analyzeChange('src/api.ts', 'if (flags.enabled("x")) go();\n', 'const u = "https://prod.acme.com";\ngo();\n', opts);
  assert.deepEqual(rules(custom), ['acme/feature-flag-removed', 'acme/prod-url']);
  assert.equal(custom.find((f) => f.rule === 'acme/prod-url')?.category, 'custom');
  assert.deepEqual(rules(analyzeChange('docs/api.md', '', 'See https://prod.acme.com\n', opts)), [], 'custom rule scoped to src/**');
});

test('reachesThreshold compares against the failOn severity', () => {
  const f = analyzeChange('m/1.sql', '', 'CREATE INDEX i ON t (c);\n');
  assert.deepEqual(rules(f), ['sql/require-concurrent-index-creation']);
  assert.equal(reachesThreshold(f, 'low'), true);
  assert.equal(reachesThreshold(f, 'high'), false);
  assert.equal(reachesThreshold([], 'info'), false);
});

test('a git diff with several categories at once gives findings on exact lines', () => {
  const diff = [
    'diff --git a/infra/prod/main.tf b/infra/prod/main.tf',
    'index 1..2 100644',
    '--- a/infra/prod/main.tf',
    '+++ b/infra/prod/main.tf',
    '@@ -10,9 +10,3 @@ provider "aws" {',
    ' ',
    ' module "vpc" {',
    '   source = "./vpc"',
    '-}',
    '-',
    '-resource "aws_db_instance" "main" {',
    '-  identifier = "prod"',
    '-  engine     = "postgres"',
    '-}',
    '+}',
    'diff --git a/deploy.sh b/deploy.sh',
    'index 3..4 100755',
    '--- a/deploy.sh',
    '+++ b/deploy.sh',
    '@@ -1,2 +1,3 @@',
    ' #!/bin/sh',
    '+terraform apply -auto-approve',
    ' echo ok',
    'diff --git a/test/api.test.js b/test/api.test.js',
    'deleted file mode 100644',
    'index 5..0000000',
    '--- a/test/api.test.js',
    '+++ /dev/null',
    '@@ -1,3 +0,0 @@',
    "-test('x', () => {",
    '-  expect(1).toBe(1);',
    '-});',
    '',
  ].join('\n');
  const f = analyzeDiff(diff);
  assert.deepEqual(rules(f), ['shell/terraform-auto-approve', 'terraform/resource-removed', 'tests/file-deleted']);
  const tf = f.find((x) => x.rule === 'terraform/resource-removed');
  assert.deepEqual([tf?.side, tf?.startLine, tf?.endLine], ['old', 15, 18]);
  assert.match(tf?.message ?? '', /aws_db_instance\.main/);
  const sh = f.find((x) => x.rule === 'shell/terraform-auto-approve');
  assert.deepEqual([sh?.path, sh?.side, sh?.startLine, sh?.excerpt], ['deploy.sh', 'new', 2, 'terraform apply -auto-approve']);
});

test('SQL: statements across lines, strings and comments, down migrations', () => {
  assert.deepEqual(rules(analyzeChange('db/migrate/1.sql', undefined, "DELETE\n  FROM users\n  -- WHERE id = 1\n;\n")), ['sql/delete-without-where']);
  assert.deepEqual(rules(analyzeChange('db/migrate/2.sql', undefined, "UPDATE t SET note = 'no WHERE here' WHERE id = 3;\n")), []);
  assert.deepEqual(rules(analyzeChange('db/migrate/3.sql', undefined, "INSERT INTO t VALUES ('DROP TABLE x;');\n")), []);
  assert.deepEqual(rules(analyzeChange('db/migrate/000002_x.down.sql', undefined, 'DROP TABLE x;\n')), []);
  assert.deepEqual(rules(analyzeChange('README.md', '', 'DROP TABLE x;\n')), []);
  assert.deepEqual(rules(analyzeChange('db/migrate/000003_y.sql', 'SELECT 1;\n', 'SELECT 2;\n')), ['migration/edited-applied-migration']);
});

test('migrations: Rails, Django, Alembic, Knex and Liquibase DSLs', () => {
  const rb = 'class X < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :ssn\n    rename_table :a, :b\n  end\nend\n';
  assert.deepEqual(rules(analyzeChange('db/migrate/20240101_x.rb', undefined, rb)), ['migration/drop-column', 'migration/rename']);
  const py = 'operations = [\n    migrations.RenameField("user", "name", "full_name"),\n    migrations.AlterField(model_name="user", name="age", field=models.IntegerField()),\n]\n';
  assert.deepEqual(rules(analyzeChange('app/migrations/0002_x.py', undefined, py)), ['migration/change-column-type', 'migration/rename']);
  const js = "exports.up = (knex) => knex.schema.table('u', (t) => { t.renameColumn('a', 'b'); });\n";
  assert.deepEqual(rules(analyzeChange('migrations/20240101_x.js', undefined, js)), ['migration/rename']);
  assert.deepEqual(rules(analyzeChange('src/models/user.js', undefined, "knex.schema.dropTable('u');\n")), [], 'only in migration folders');
});

test('terraform: moved blocks in another file of the same change cancel a removal', () => {
  const removed = changeFromTexts('infra/a.tf', 'resource "aws_iam_role" "app" {\n  name = "app"\n}\n', '');
  const moved = changeFromTexts('infra/moves.tf', undefined, 'moved {\n  from = aws_iam_role.app\n  to   = aws_iam_role.api\n}\n');
  assert.deepEqual(rules(analyze([removed])), ['terraform/resource-removed']);
  assert.deepEqual(rules(analyze([removed, moved])), []);
});

test('shell: rm -rf targets are judged by where they point', () => {
  const check = (line: string) => rules(analyzeChange('scripts/x.sh', '#!/bin/sh\n', `#!/bin/sh\n${line}\n`));
  assert.deepEqual(check('rm -rf /'), ['shell/rm-rf-root']);
  assert.deepEqual(check('sudo rm -fr "$HOME"'), ['shell/rm-rf-root']);
  assert.deepEqual(check('rm -rf "${DIR:?}/cache"'), ['shell/rm-rf']);
  assert.deepEqual(check('rm -rf /tmp/build-123 node_modules'), []);
  assert.deepEqual(check('rm -r -f "$RUNNER_TEMP/out"'), []);
  assert.deepEqual(check('rm -f /var/log/app.log'), [], 'not recursive');
  assert.deepEqual(check('echo "rm -rf /" # just a string in an echo'), ['shell/rm-rf-root'], 'strings in shell are still commands to a reader');
  assert.deepEqual(check('git push origin main --force-with-lease'), []);
  assert.deepEqual(check('git push origin main --force'), ['shell/git-push-force']);
  assert.deepEqual(check('helm uninstall api -n prod'), ['shell/kubectl-delete']);
  assert.deepEqual(check('aws s3 rm s3://bucket/prefix --recursive'), ['shell/cloud-delete']);
  assert.deepEqual(check('gcloud sql instances delete prod-db'), ['shell/cloud-delete']);
  assert.deepEqual(check('redis-cli -h cache FLUSHALL'), ['shell/drop-database']);
});

test('changes: a deleted file is medium, a rename is nothing, binary edits are skipped', () => {
  assert.deepEqual(rules(analyzeChange('src/a.go', 'package a\n', undefined)), ['change/file-deleted']);
  assert.deepEqual(rules(analyze([{ path: 'logo.png', status: 'modified', binary: true, hunks: [] }])), []);
});

test('secrets: keys and tokens in any file, passwords not in tests or docs', () => {
  assert.deepEqual(rules(analyzeChange('notes/keys.txt', '', '-----BEGIN RSA PRIVATE KEY-----\n')), ['secrets/private-key']); // aiprov-ignore: secrets/*
  assert.deepEqual(rules(analyzeChange('src/slack.js', '', "const t = 'xoxb-123456789012-abcdefghijkl';\n")), ['secrets/token']); // aiprov-ignore: secrets/*
  assert.deepEqual(rules(analyzeChange('src/conf.js', '', "const apiKey = 'tS9xQ2vL8mN4pR7w';\n")), ['secrets/hardcoded-password']);
  assert.deepEqual(rules(analyzeChange('src/conf.js', '', 'const apiKey = process.env.API_KEY;\n')), []);
  assert.deepEqual(rules(analyzeChange('docs/setup.md', '', "apiKey = 'tS9xQ2vL8mN4pR7w'\n")), []);
});

test('revertEdit restores exactly the removed text of the hunk a finding sits in', () => {
  const old = 'a\nb\nresource "aws_s3_bucket" "x" {\n  bucket = "x"\n}\nc\n';
  const neu = 'a\nb\nc\nrm -rf /srv\n';
  const apply = (text: string, e: { startLine: number; deleteCount: number; insert: readonly string[] }) => {
    const lines = text.split('\n');
    lines.splice(e.startLine - 1, e.deleteCount, ...e.insert);
    return lines.join('\n');
  };
  const removal = revertEdit(old, neu, { path: 'm.tf', side: 'old', startLine: 3, endLine: 5 });
  assert.deepEqual(removal, { startLine: 3, deleteCount: 0, insert: ['resource "aws_s3_bucket" "x" {', '  bucket = "x"', '}'] });
  assert.equal(apply(neu, removal), 'a\nb\nresource "aws_s3_bucket" "x" {\n  bucket = "x"\n}\nc\nrm -rf /srv\n');
  const added = revertEdit(old, neu, { path: 'm.tf', side: 'new', startLine: 4, endLine: 4 });
  assert.deepEqual(added, { startLine: 4, deleteCount: 1, insert: [] });
  assert.equal(revertEdit(old, neu, { path: 'm.tf', side: 'new', startLine: 1, endLine: 1 }), undefined);
  const replaced = revertEdit('x = 1\n', 'x = 2\n', { path: 'a.py', side: 'new', startLine: 1, endLine: 1 });
  assert.deepEqual(replaced, { startLine: 1, deleteCount: 1, insert: ['x = 1'] });
});

test('docs/risk-rules.md lists every built-in rule with its severity', () => {
  const doc = fs.readFileSync(path.join(path.resolve(__dirname, '../../..'), 'docs/risk-rules.md'), 'utf8');
  for (const r of BUILTIN_RULES) assert.ok(doc.includes(`| \`${r.id}\` | ${r.severity} |`), `${r.id} missing from docs/risk-rules.md`);
});

test('aiprov-ignore comments silence a finding; test fixtures only answer to the secrets rules', () => {
  assert.deepEqual(rules(analyzeChange('scripts/x.sh', '', 'rm -rf /srv/cache # aiprov-ignore: shell/rm-rf\n')), []);
  assert.deepEqual(rules(analyzeChange('scripts/x.sh', '', '# aiprov-ignore\nrm -rf /srv/cache\n')), []);
  assert.deepEqual(rules(analyzeChange('scripts/x.sh', '', 'rm -rf /srv/cache # aiprov-ignore: sql/*\n')), ['shell/rm-rf']);
  assert.deepEqual(rules(analyzeChange('db/m/1.sql', undefined, '-- aiprov-ignore: sql/*\nDROP TABLE t;\n')), []);
  assert.deepEqual(rules(analyzeChange('test/fixtures/db/drop.sql', undefined, 'DROP TABLE t;\n')), []);
  assert.deepEqual(rules(analyzeChange('test/fixtures/keys/a.txt', undefined, '-----BEGIN RSA PRIVATE KEY-----\n')), ['secrets/private-key']); // aiprov-ignore: secrets/*
});
