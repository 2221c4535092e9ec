import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** Where the webhook secret lives in SecretStorage (the OS keychain where there is one). */
export const WEBHOOK_SECRET_KEY = 'aiProvenance.review.webhook.secret';

/** Arguments that skip the prompts (scripted use and tests). */
export interface SecretArgs {
  secret?: string;
  clear?: boolean;
}

async function choose(secrets: vscode.SecretStorage): Promise<SecretArgs | undefined> {
  const has = (await secrets.get(WEBHOOK_SECRET_KEY)) !== undefined;
  const enter = { label: '$(key) Enter a Secret…', detail: 'The secret your webhook receiver checks the X-AIProv-Signature header with' };
  const generate = { label: '$(sparkle) Generate a Random Secret', detail: '32 random bytes (recommended), copied to the clipboard for your receiver' };
  const clear = { label: '$(trash) Clear the Stored Secret', detail: 'Deliveries are then sent without a signature' };
  // A generated secret first: it is stronger than one typed by hand.
  const pick = await vscode.window.showQuickPick(has ? [generate, enter, clear] : [generate, enter], {
    title: `Review Webhook Secret${has ? ' (one is stored)' : ''}`,
  });
  if (!pick) return undefined;
  if (pick === clear) return { clear: true };
  if (pick === generate) {
    const secret = randomBytes(32).toString('hex');
    await vscode.env.clipboard.writeText(secret);
    return { secret };
  }
  const secret = await vscode.window.showInputBox({
    title: 'Review Webhook Secret',
    prompt: 'Stored in VS Code SecretStorage, never in settings; used to sign each delivery (HMAC-SHA256)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().length < 16 ? 'Use at least 16 characters' : undefined),
  });
  return secret === undefined ? undefined : { secret: secret.trim() };
}

/**
 * "AI Provenance: Set Review Webhook Secret": enter, generate or clear the
 * secret that signs webhook deliveries. Returns what was done.
 */
export async function setWebhookSecret(secrets: vscode.SecretStorage, args?: SecretArgs): Promise<'set' | 'cleared' | undefined> {
  const what = args && (args.clear || args.secret !== undefined) ? args : await choose(secrets);
  if (!what) return undefined;
  if (what.clear) {
    await secrets.delete(WEBHOOK_SECRET_KEY);
    void vscode.window.showInformationMessage('AI Provenance: the review webhook secret is cleared; deliveries are no longer signed.');
    return 'cleared';
  }
  const secret = what.secret?.trim() ?? '';
  if (secret.length < 16) throw new Error('the webhook secret needs at least 16 characters');
  await secrets.store(WEBHOOK_SECRET_KEY, secret);
  void vscode.window.showInformationMessage('AI Provenance: the review webhook secret is stored; deliveries are signed (X-AIProv-Signature).');
  return 'set';
}
