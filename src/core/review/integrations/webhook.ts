/**
 * The review webhook: a Slack- and Teams-compatible JSON body (`text`) with
 * the review's facts under `aiProvenance`, signed with HMAC-SHA256 so a
 * receiver can check it came from someone holding the shared secret.
 *
 * Receivers verify `X-AIProv-Signature: sha256=<hex>` by computing
 * HMAC-SHA256(secret, raw request body) and comparing in constant time
 * (docs/review-integrations.md). Descriptions, comments and prompts are never
 * sent: only who, which commits, and the AI figures.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { type AiSummary } from '../aiAssisted';

/** The events a webhook receives (also the `X-AIProv-Event` header). */
export type WebhookEvent = 'review.requested' | 'review.approved' | 'review.changes-requested';

/** Header names. */
export const SIGNATURE_HEADER = 'X-AIProv-Signature';
export const EVENT_HEADER = 'X-AIProv-Event';
export const DELIVERY_HEADER = 'X-AIProv-Delivery';

/** Everything the body says, under `aiProvenance`. */
export interface WebhookFacts {
  event: WebhookEvent;
  /** The review id (its first commit). */
  review: string;
  /** `owner/name` on GitHub, else the remote URL without credentials, else the folder name. */
  repository: string;
  requester: string;
  reviewers: string[];
  /** Who signed the verdict (verdict events only). */
  actor?: string;
  /** Source branch name (without `refs/heads/`), absent for a detached head. */
  branch?: string;
  target: string;
  head: string;
  base?: string;
  /** The AI figures of the reviewed commits. */
  summary: AiSummary;
}

/** The JSON body as sent. */
export interface WebhookBody {
  text: string;
  aiProvenance: WebhookFacts & { version: 1; timestamp: string };
}

function short(id: string): string {
  return id.slice(0, 7);
}

/** The one-line `text` that Slack and Teams show. */
export function webhookText(f: WebhookFacts): string {
  const s = f.summary;
  const ai = s.aiAssistedCommits
    ? `${s.aiAssistedCommits} of ${s.commits} commit${s.commits === 1 ? '' : 's'} AI-assisted${s.agents.length ? ` (${s.agents.join(', ')})` : ''}${s.aiLines ? `, ${s.aiLines}${s.totalLines ? ` of ${s.totalLines}` : ''} lines AI-written` : ''}`
    : `${s.commits} commit${s.commits === 1 ? '' : 's'}, none marked AI-assisted`;
  const what = `${f.branch ?? short(f.head)} → ${f.target} at ${short(f.head)} in ${f.repository}`;
  switch (f.event) {
    case 'review.requested':
      return `${f.requester} requests senior review of ${what} from ${f.reviewers.join(', ')}: ${ai}.`;
    case 'review.approved':
      return `${f.actor ?? 'a reviewer'} approved (signed) ${what}, requested by ${f.requester}: ${ai}.`;
    case 'review.changes-requested':
      return `${f.actor ?? 'a reviewer'} requested changes on ${what}, requested by ${f.requester}: ${ai}.`;
  }
}

/** The body, serialized once: the signature is over exactly these bytes. */
export function buildWebhookBody(f: WebhookFacts, now: Date = new Date()): string {
  const body: WebhookBody = { text: webhookText(f), aiProvenance: { version: 1, timestamp: now.toISOString(), ...f } };
  return JSON.stringify(body);
}

/** `sha256=` + hex HMAC-SHA256 of the body under the secret. */
export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(body: string | Buffer, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signBody(body, secret));
  const got = Buffer.from(header.trim());
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The headers of a delivery; the signature only when a secret is set. */
export function webhookHeaders(body: string, event: WebhookEvent, delivery: string, secret: string | undefined, userAgent: string): Record<string, string> {
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': userAgent,
    [EVENT_HEADER]: event,
    [DELIVERY_HEADER]: delivery,
    ...(secret ? { [SIGNATURE_HEADER]: signBody(body, secret) } : {}),
  };
}

/** Checks the webhook URL: http(s), no credentials in it (they would show in logs). */
export function checkWebhookUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new Error(`the review webhook URL '${url}' is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`the review webhook URL must use http or https (got ${u.protocol})`);
  return u;
}

/** `10 s`, or `300 ms` under a second. */
export function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** A failed `fetch` in one line: the timeout, else the network error's code or message. */
export function fetchFailure(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return err.name === 'TimeoutError' ? `no answer within ${duration(timeoutMs)}` : (err.cause?.code ?? err.cause?.message ?? err.message);
}

/** A delivery's result: ok, or the reason in one line. */
export type WebhookOutcome = { ok: true; status: number } | { ok: false; status?: number; message: string };

/**
 * Posts a body; a redirect is not followed (the signed body would go to a
 * host not configured). Never throws.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs = 10_000): Promise<WebhookOutcome> {
  try {
    checkWebhookUrl(url);
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const detail = text.trim().split('\n')[0]?.slice(0, 200);
    return { ok: false, status: res.status, message: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${detail ? `: ${detail}` : ''}` };
  } catch (e) {
    return { ok: false, message: fetchFailure(e, timeoutMs) };
  }
}
