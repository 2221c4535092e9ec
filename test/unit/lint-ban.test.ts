import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint, Linter } from 'eslint';

const root = path.resolve(__dirname, '../../..');
const probe = "import * as vscode from 'vscode';\nexport const x = vscode;\n";

async function banFor(rel: string): Promise<Linter.RuleEntry | undefined> {
  const eslint = new ESLint({ cwd: root });
  const config = (await eslint.calculateConfigForFile(path.join(root, rel))) as Linter.Config;
  return config.rules?.['no-restricted-imports'];
}

function lintWith(rule: Linter.RuleEntry | undefined): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(probe, [{ files: ['**/*.ts'], rules: rule ? { 'no-restricted-imports': rule } : {} }], 'probe.ts');
}

test('importing vscode is a lint error in src/core, src/git and src/cli', async () => {
  for (const rel of ['src/core/probe.ts', 'src/git/probe.ts', 'src/cli/probe.ts', 'test/unit/probe.test.ts']) {
    const messages = lintWith(await banFor(rel));
    assert.ok(
      messages.some((m) => m.ruleId === 'no-restricted-imports' && /Only src\/extension/.test(m.message)),
      `${rel}: expected the vscode import ban, got ${JSON.stringify(messages)}`,
    );
  }
});

test('src/extension may import vscode', async () => {
  const messages = lintWith(await banFor('src/extension/probe.ts'));
  assert.deepEqual(messages.filter((m) => m.ruleId === 'no-restricted-imports'), []);
});
