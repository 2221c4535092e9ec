import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { defaultPolicy } from '../../src/core/policy';
import { buildTrailers, type CommitSummary, sanitizeName, MAX_NAME_LENGTH } from '../../src/core/trailers';
import { addTrailersToFile, parseTrailers } from '../../src/git/trailers';
import { tempDir } from './commitRepo';

const ID = '5b0d7c9e-6a0f-4a55-9c55-0a1b3c5d7e9f';

function summary(over: Partial<CommitSummary> = {}): CommitSummary {
  return {
    agents: [
      { agent: 'ClaudeCode', model: 'claude-sonnet-4-5', tools: [], lines: 30 },
      { agent: 'GitHubCopilot', model: 'gpt-5', tools: ['inline'], lines: 12 },
    ],
    aiLines: 42,
    totalLines: 120,
    destructive: [],
    provenanceId: ID,
    ...over,
  };
}

function tempRepo(): string {
  const dir = tempDir('aiprov-trailers-');
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

const trailersPolicy = () => defaultPolicy().trailers;

test('builds the product example: one Assisted-by per agent/model, AI-Lines, Provenance-Id', () => {
  const t = buildTrailers(summary(), trailersPolicy(), []);
  assert.deepEqual(
    t.map((x) => `${x.key}: ${x.value}`),
    ['Assisted-by: ClaudeCode:claude-sonnet-4-5', 'Assisted-by: GitHubCopilot:gpt-5 [inline]', 'AI-Lines: 42/120', `Provenance-Id: ${ID}`],
  );
});

test('no trailers without AI lines, or when policy turns them off', () => {
  assert.deepEqual(buildTrailers(summary({ aiLines: 0, agents: [] }), trailersPolicy(), []), []);
  assert.deepEqual(buildTrailers(summary(), { ...trailersPolicy(), enabled: false }, []), []);
});

test('generated-by style uses Generated-by and never Signed-off-by', () => {
  const t = buildTrailers(summary(), { ...trailersPolicy(), style: 'generated-by' }, []);
  assert.equal(t.filter((x) => x.key === 'Generated-by').length, 2);
  assert.ok(!t.some((x) => /signed-off-by|assisted-by/i.test(x.key)));
});

test('destructive findings are capped with a count of the rest', () => {
  const destructive = Array.from({ length: 7 }, (_, i) => ({ rule: 'sql/drop-table', path: `db/${i}.sql` }));
  const t = buildTrailers(summary({ destructive }), { ...trailersPolicy(), maxDestructive: 3 }, []);
  const d = t.filter((x) => x.key === 'Destructive-change').map((x) => x.value);
  assert.deepEqual(d, ['sql/drop-table db/0.sql', 'sql/drop-table db/1.sql', 'sql/drop-table db/2.sql', '+4 more']);
});

test("an assistant's own co-author line is not duplicated; a human named Claude is not an assistant", () => {
  const copilot = [{ key: 'Co-authored-by', value: 'Copilot <175728472+Copilot@users.noreply.github.com>' }];
  const t1 = buildTrailers(summary(), trailersPolicy(), copilot);
  assert.deepEqual(t1.filter((x) => x.key === 'Assisted-by').map((x) => x.value), ['ClaudeCode:claude-sonnet-4-5']);
  const claude = [{ key: 'Co-Authored-By', value: 'Claude <noreply@anthropic.com>' }];
  assert.deepEqual(buildTrailers(summary(), trailersPolicy(), claude).filter((x) => x.key === 'Assisted-by').map((x) => x.value), ['GitHubCopilot:gpt-5 [inline]']);
  const human = [{ key: 'Co-authored-by', value: 'Claude Monet <claude@example.org>' }];
  assert.equal(buildTrailers(summary(), trailersPolicy(), human).filter((x) => x.key === 'Assisted-by').length, 2);
  const aider = [{ key: 'Co-authored-by', value: 'aider (openai/gpt-4o) <noreply@aider.chat>' }];
  const t2 = buildTrailers(summary({ agents: [{ agent: 'Aider', model: 'gpt-4o', tools: [], lines: 3 }], aiLines: 3 }), trailersPolicy(), aider);
  assert.ok(!t2.some((x) => x.key === 'Assisted-by'));
  assert.ok(t2.some((x) => x.key === 'AI-Lines'));
});

test('an existing Provenance-Id and an existing Assisted-by for the same agent:model are kept', () => {
  const other = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  const existing = [
    { key: 'Provenance-Id', value: other },
    { key: 'assisted-by', value: 'ClaudeCode:claude-sonnet-4-5 [chat]' },
  ];
  const t = buildTrailers(summary(), trailersPolicy(), existing);
  assert.equal(t.find((x) => x.key === 'Provenance-Id')?.value, other);
  assert.deepEqual(t.filter((x) => x.key === 'Assisted-by').map((x) => x.value), ['GitHubCopilot:gpt-5 [inline]']);
});

test('sanitizeName: no newline, colon, control or format characters; length capped', () => {
  assert.equal(sanitizeName('Claude Code'), 'Claude-Code');
  assert.equal(sanitizeName('evil\nSigned-off-by: Mallory <m@x>'), 'evil-Signed-off-by-Mallory-m@x');
  assert.equal(sanitizeName('a:b'), 'a-b');
  assert.equal(sanitizeName('x\u202Eyz\u0000\u2028w'), 'x-yz-w');
  assert.equal(sanitizeName('\n\t'), 'unknown');
  assert.equal(sanitizeName(undefined), 'unknown');
  assert.ok(sanitizeName('m'.repeat(500)).length <= MAX_NAME_LENGTH);
});

test('hostile agent names written through git interpret-trailers add no other trailer or line', async () => {
  const dir = tempRepo();
  const file = path.join(dir, 'MSG');
  fs.writeFileSync(file, 'Fix the thing\n');
  const hostile = summary({
    agents: [
      { agent: 'Evil\nSigned-off-by: Mallory <m@example.com>', model: 'x\r\nCo-authored-by: Bob <b@x>', tools: ['in]line\n[x'], lines: 5 },
      { agent: 'A: B', model: 'M:N', tools: [], lines: 1 },
    ],
  });
  await addTrailersToFile(file, buildTrailers(hostile, trailersPolicy(), []), dir);
  const msg = fs.readFileSync(file, 'utf8');
  const parsed = await parseTrailers(msg, dir);
  assert.deepEqual(
    parsed.map((t) => t.key),
    ['Assisted-by', 'Assisted-by', 'AI-Lines', 'Provenance-Id'],
    msg,
  );
  assert.ok(!/signed-off-by|co-authored-by/i.test(parsed.map((t) => t.key).join()), msg);
  assert.equal(msg.split('\n').length, 'Fix the thing\n\n'.split('\n').length + 4, msg);
  for (const t of parsed.filter((x) => x.key === 'Assisted-by')) assert.match(t.value, /^[^\s:]+:[^\s:]+( \[[^\s\]]+\])*$/);
});

test('applying twice does not duplicate; AI-Lines is replaced on a recount', async () => {
  const dir = tempRepo();
  const file = path.join(dir, 'MSG');
  fs.writeFileSync(file, 'Subject\n\nBody.\n');
  await addTrailersToFile(file, buildTrailers(summary(), trailersPolicy(), []), dir);
  const first = fs.readFileSync(file, 'utf8');
  const existing = await parseTrailers(first, dir);
  await addTrailersToFile(file, buildTrailers(summary({ aiLines: 50 }), trailersPolicy(), existing), dir);
  const parsed = await parseTrailers(fs.readFileSync(file, 'utf8'), dir);
  assert.equal(parsed.filter((t) => t.key === 'Assisted-by').length, 2);
  assert.deepEqual(parsed.filter((t) => t.key === 'AI-Lines').map((t) => t.value), ['50/120']);
  assert.equal(parsed.filter((t) => t.key === 'Provenance-Id').length, 1);
});

test('trailers go above the commit -v scissors line and template comments', async () => {
  const dir = tempRepo();
  const file = path.join(dir, 'MSG');
  const tail = '# Please enter the commit message.\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/x b/x\nKey: not-a-trailer\n';
  fs.writeFileSync(file, `Subject\n\n${tail}`);
  await addTrailersToFile(file, buildTrailers(summary(), trailersPolicy(), []), dir);
  const msg = fs.readFileSync(file, 'utf8');
  assert.ok(msg.endsWith(tail), msg);
  assert.match(msg, /^Subject\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5\n/);
});

test("the repository's own trailer.ifexists configuration wins", async () => {
  const dir = tempRepo();
  execFileSync('git', ['-C', dir, 'config', 'trailer.ifexists', 'add']);
  const file = path.join(dir, 'MSG');
  fs.writeFileSync(file, 'Subject\n\nAI-Lines: 1/2\n');
  await addTrailersToFile(file, [{ key: 'AI-Lines', value: '3/4' }], dir);
  const parsed = await parseTrailers(fs.readFileSync(file, 'utf8'), dir);
  assert.deepEqual(parsed.map((t) => t.value), ['1/2', '3/4']);
});
