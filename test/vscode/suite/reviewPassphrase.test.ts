import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { loadReviews } from '../../../src/git/reviewStore';
import { commitFile, gitc, makeWorld, type World } from '../../unit/reviewFixture';
import { acceptWhileRunning, activateExtension, cancelWhileRunning } from '../util';

function discussNote(w: World, id: string): string | undefined {
  try {
    return gitc(w.senior, 'notes', '--ref', 'refs/notes/devtools/discuss', 'show', id);
  } catch {
    return undefined;
  }
}

suite('Senior review passphrase', () => {
  let w: World;
  let id: string;
  const agent = process.env.SSH_AUTH_SOCK;

  suiteSetup(async () => {
    await activateExtension();
    w = makeWorld();
    // The senior's key gets a passphrase; no ssh-agent holds it (the host shares this process's environment).
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'open sesame', '-f', w.people.senior.key]);
    delete process.env.SSH_AUTH_SOCK;
    commitFile(w.eng, 'src/app.ts', 'export const a = 1;\n', 'app\n\nAssisted-by: ClaudeCode:claude-sonnet-4-5');
    gitc(w.eng, 'push', '-q', '-u', 'origin', 'feature');
    const requested = await vscode.commands.executeCommand<string | undefined>('aiProvenance.review.request', { root: w.eng, reviewers: ['senior@example.com'], description: 'app' });
    assert.ok(requested);
    id = requested;
    await vscode.commands.executeCommand('aiProvenance.review.fetch', { root: w.senior });
  });

  suiteTeardown(() => {
    if (agent !== undefined) process.env.SSH_AUTH_SOCK = agent;
    w.cleanup();
  });

  test('the key is really encrypted: ssh-keygen alone cannot sign with it here', () => {
    assert.throws(() => execFileSync('ssh-keygen', ['-y', '-P', '', '-f', w.people.senior.key], { stdio: 'pipe' }), /incorrect passphrase/);
  });

  test('Escape at the passphrase box signs nothing', async () => {
    const started = Date.now();
    const r = await cancelWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.approve', { root: w.senior, id, message: 'ok' }));
    assert.strictEqual(r, undefined);
    assert.strictEqual(discussNote(w, id), undefined, 'no verdict note');
    assert.ok(Date.now() - started < 30_000);
  });

  test('Enter on an empty password box is a wrong passphrase: asked again, then nothing is signed', async () => {
    // Each Enter answers the box with '' (wrong for this key); after the third the command gives up.
    const r = await acceptWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.approve', { root: w.senior, id, message: 'ok' }));
    assert.strictEqual(r, undefined);
    assert.strictEqual(discussNote(w, id), undefined, 'no verdict note');
    const [review] = await loadReviews(w.senior);
    assert.deepStrictEqual(review?.comments, []);
  });

  test('with the passphrase in ssh-agent, approving asks nothing and signs', async () => {
    const sock = `${w.dir}/agent.sock`;
    const out = execFileSync('ssh-agent', ['-s', '-a', sock], { encoding: 'utf8' });
    const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
    try {
      process.env.SSH_AUTH_SOCK = sock;
      // ssh-add reads the passphrase through an askpass that prints it (test only).
      const askpass = `${w.dir}/print-pass.sh`;
      fs.writeFileSync(askpass, '#!/bin/sh\necho "open sesame"\n', { mode: 0o700 });
      execFileSync('ssh-add', ['-q', w.people.senior.key], { env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force' }, stdio: 'pipe' });
      // Any box that opened would be cancelled, and the approval would not be written.
      const r = await cancelWhileRunning(vscode.commands.executeCommand<string | undefined>('aiProvenance.review.approve', { root: w.senior, id, message: 'ok' }));
      assert.strictEqual(r, id);
      assert.match(discussNote(w, id) ?? '', /BEGIN SSH SIGNATURE/);
    } finally {
      delete process.env.SSH_AUTH_SOCK;
      if (pid) process.kill(pid);
    }
  });
});
