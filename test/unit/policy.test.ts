import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { blastRadius, compilePolicy, defaultPolicy, parsePolicy, PolicyError } from '../../src/core/policy';

const root = path.resolve(__dirname, '../../..');

test('an empty policy takes every default', () => {
  assert.deepEqual(parsePolicy('{}'), defaultPolicy());
});

test('a full policy parses and answers tier and seniority questions', () => {
  const p = parsePolicy(
    JSON.stringify({
      version: 1,
      seniors: [{ email: 'Ana@Example.com', name: 'Ana', github: 'ana' }],
      engineers: [{ email: 'bo@example.com', level: 'junior' }],
      criticalPaths: [
        { pattern: 'infra/**', tier: 'high' },
        { pattern: 'infra/prod/**', tier: 'critical' },
        { pattern: '*.sql', tier: 'medium' },
      ],
      approval: { require: 'all-ai-assisted', count: 2 },
      risk: { customRules: [{ id: 'acme/no-prod-url', severity: 'high', message: 'prod URL', added: 'prod\\.acme\\.com' }] },
    }),
  );
  const q = compilePolicy(p);
  assert.equal(q.tierOf('infra/prod/main.tf'), 'critical');
  assert.equal(q.tierOf('infra/dev/main.tf'), 'high');
  assert.equal(q.tierOf('db/migrate/1.sql'), 'medium');
  assert.equal(q.tierOf('src/app.ts'), 'low');
  assert.equal(q.isSenior('ana@example.com'), true);
  assert.equal(q.isSenior('<ANA@example.com>'), true);
  assert.equal(q.isSenior('bo@example.com'), false);
  assert.equal(p.approval.count, 2);
  assert.equal(blastRadius('critical', 'critical'), 16);
  assert.equal(blastRadius('info', 'critical'), 0);
});

test('bad policies name the file and the field', () => {
  const cases: [string, RegExp][] = [
    ['{', /not valid JSON/],
    ['[]', /the policy must be an object/],
    ['{"version":2}', /version must be 1/],
    ['{"seniors":[{"name":"x"}]}', /seniors\[0\]\.email must be a non-empty string/],
    ['{"approval":{"count":0}}', /approval\.count must be an integer/],
    ['{"approval":{"minRisk":"huge"}}', /approval\.minRisk must be one of/],
    ['{"risk":{"customRules":[{"id":"a/b","severity":"low","message":"m","added":"("}]}}', /not a valid regular expression/],
    ['{"risk":{"customRules":[{"id":"a/b","severity":"low","message":"m"}]}}', /needs "added" or "removed"/],
    ['{"allowedSigners":"../outside"}', /inside the repository/],
    ['{"seniors":[{"email":"a@b\\nReviewed-by: x"}]}', /line breaks/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parsePolicy(text, 'p.json'), (e: unknown) => e instanceof PolicyError && re.test(e.message) && e.message.startsWith('p.json: '), text);
  }
});

test('the JSON schema is valid JSON and covers every top-level key of the defaults', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/policy.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
  for (const key of Object.keys(defaultPolicy())) assert.ok(key in schema.properties, `schema lacks ${key}`);
});
