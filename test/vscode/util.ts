import * as assert from 'assert';
import * as vscode from 'vscode';
import { type AiProvenanceApi } from '../../src/extension/api';

export const EXTENSION_ID = 'ai-provenance.ai-provenance';

/** Activates our extension (if the host has not yet) and returns its API. */
export async function activateExtension(): Promise<AiProvenanceApi> {
  const ext = vscode.extensions.getExtension<AiProvenanceApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the host`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** Resolves when `predicate` holds, polling on a short interval; rejects after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs the workbench command `answer` on a short interval until the command `running` finishes. */
async function answerWhileRunning<T>(running: Thenable<T>, answer: string): Promise<T> {
  let done = false;
  const settled = Promise.resolve(running).finally(() => (done = true));
  await waitFor(
    'the command to finish',
    async () => {
      if (!done) await vscode.commands.executeCommand(answer);
      return done || undefined;
    },
    30_000,
  );
  return settled;
}

/**
 * Accepts the focused item of whatever quick input a command shows (as
 * pressing Enter would) until the command finishes; accepting when no quick
 * input is open does nothing.
 */
export function acceptWhileRunning<T>(running: Thenable<T>): Promise<T> {
  return answerWhileRunning(running, 'workbench.action.acceptSelectedQuickOpenItem');
}

/** Closes whatever quick input a command shows (as Escape would) until the command finishes. */
export function cancelWhileRunning<T>(running: Thenable<T>): Promise<T> {
  return answerWhileRunning(running, 'workbench.action.closeQuickOpen');
}
