import { randomUUID } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { loadPolicy, type Senior } from '../../../core/policy';
import { type ReviewRequest } from '../../../core/review';
import { describeGitHubOutcome, type GitHubOutcome, requestGitHubReviewers } from '../../../core/review/integrations/githubClient';
import { authProviderFor, webHostOf } from '../../../core/review/integrations/githubRemote';
import { buildWebhookBody, postWebhook, type WebhookEvent, type WebhookFacts, webhookHeaders, type WebhookOutcome } from '../../../core/review/integrations/webhook';
import { VERSION } from '../../../core/version';
import { aiSummary } from '../../../git/aiSummary';
import { type GitHubTarget, githubTarget, repositoryLabel } from '../../../git/githubTarget';
import { userEmail } from '../../../git/reviewActions';
import { findReview, reviewHead } from '../../../git/reviewStore';
import { CommandIds } from '../../commands/ids';
import { registerCommand } from '../../commands/register';
import { readSettings } from './settings';
import { type SecretArgs, setWebhookSecret, WEBHOOK_SECRET_KEY } from './secret';

/** Returns a GitHub token for an authentication provider id (`github`, `github-enterprise`). */
export type GitHubTokenProvider = (providerId: string, scopes: readonly string[]) => Promise<string>;

/** One integration run, reported on {@link ReviewIntegrations.onDidRun}. */
export type IntegrationRun =
  | { integration: 'github'; review: string; outcome: GitHubOutcome; message: string }
  | { integration: 'webhook'; review: string; event: WebhookEvent; delivery: string; outcome: WebhookOutcome; message: string };

/** What the extension's API exposes of the integrations. */
export interface ReviewIntegrationsApi {
  /** Fires after each GitHub or webhook step, with what the user was told. */
  readonly onDidRun: vscode.Event<IntegrationRun>;
  /**
   * Replaces VS Code's GitHub authentication (undefined restores it). Only in
   * the extension's development and test modes: the built-in GitHub sign-in
   * cannot be driven by a test.
   */
  readonly setGitHubTokenProvider?: (provider: GitHubTokenProvider | undefined) => void;
}

const USER_AGENT = `ai-provenance/${VERSION}`;

/** VS Code's built-in GitHub sign-in; asks the user when there is no session yet. */
const vscodeGitHubToken: GitHubTokenProvider = async (providerId, scopes) => {
  const session = await vscode.authentication.getSession(providerId, [...scopes], { createIfNone: true });
  return session.accessToken;
};

/**
 * The optional review integrations, both off by default: reviewers on the
 * branch's GitHub pull request, and a signed webhook per review event. They
 * run after the review note is written and never fail the review itself.
 */
export class ReviewIntegrations implements vscode.Disposable {
  private readonly _onDidRun = new vscode.EventEmitter<IntegrationRun>();
  readonly onDidRun = this._onDidRun.event;
  private tokenProvider: GitHubTokenProvider = vscodeGitHubToken;
  private readonly disposables: vscode.Disposable[] = [this._onDidRun];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(registerCommand(CommandIds.reviewSetWebhookSecret, (args?: SecretArgs) => setWebhookSecret(context.secrets, args), log));
  }

  /** The API part; the token seam only outside production. */
  api(): ReviewIntegrationsApi {
    const testable = this.context.extensionMode !== vscode.ExtensionMode.Production;
    return {
      onDidRun: this.onDidRun,
      ...(testable ? { setGitHubTokenProvider: (p: GitHubTokenProvider | undefined) => (this.tokenProvider = p ?? vscodeGitHubToken) } : {}),
    };
  }

  /**
   * Runs the integrations that are on for a review event: the webhook for
   * every event, GitHub reviewers for a new request. Never rejects.
   */
  async notify(root: string, review: string, event: WebhookEvent, head?: string): Promise<void> {
    const settings = readSettings(root);
    const jobs: Promise<void>[] = [];
    if (settings.webhookUrl) jobs.push(this.guard('webhook', () => this.webhook(root, review, event, settings.webhookUrl, settings.githubApiUrl, head)));
    if (event === 'review.requested' && settings.githubRequestReviewers) jobs.push(this.guard('GitHub', () => this.github(root, review, settings.githubApiUrl)));
    await Promise.all(jobs);
  }

  private async guard(what: string, job: () => Promise<void>): Promise<void> {
    try {
      await job();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`review ${what}: ${message}`);
      void vscode.window.showWarningMessage(`AI Provenance: review ${what} step failed: ${message}`);
    }
  }

  private async github(root: string, id: string, apiUrl: string): Promise<void> {
    const review = await findReview(root, id);
    const outcome = await this.githubOutcome(root, review.request, apiUrl);
    const { warning, text } = describeGitHubOutcome(outcome);
    this.log.info(`review ${id.slice(0, 8)}: ${text}`);
    if (warning) void vscode.window.showWarningMessage(`AI Provenance: ${text}`);
    else void vscode.window.showInformationMessage(`AI Provenance: ${text}`);
    this._onDidRun.fire({ integration: 'github', review: id, outcome, message: text });
  }

  private async githubOutcome(root: string, request: ReviewRequest, apiUrl: string): Promise<GitHubOutcome> {
    let host: string;
    let provider: string;
    let seniors: Senior[];
    try {
      host = webHostOf(apiUrl);
      provider = authProviderFor(apiUrl);
      seniors = loadPolicy(root).policy.seniors;
    } catch (e) {
      return { kind: 'error', message: (e as Error).message, skipped: [] };
    }
    let target: GitHubTarget;
    try {
      target = await githubTarget(root, request.reviewRef, host);
    } catch (e) {
      return { kind: 'no-github-remote', message: (e as Error).message };
    }
    return requestGitHubReviewers({
      apiUrl,
      repo: target.repo,
      branch: target.branch,
      target: request.targetRef.replace(/^refs\/heads\//, ''),
      reviewers: request.reviewers,
      seniors,
      token: () => this.tokenProvider(provider, ['repo']),
      userAgent: USER_AGENT,
    });
  }

  private async facts(root: string, id: string, event: WebhookEvent, apiUrl: string, explicitHead?: string): Promise<WebhookFacts> {
    const review = await findReview(root, id);
    const r = review.request;
    const head = explicitHead ?? (await reviewHead(root, review).catch(() => r.aiProvenance?.head ?? id));
    let host: string | undefined;
    try {
      host = webHostOf(apiUrl);
    } catch {
      host = undefined;
    }
    return {
      event,
      review: id,
      repository: (await repositoryLabel(root, host)) ?? path.basename(root),
      requester: r.requester,
      reviewers: r.reviewers,
      ...(event === 'review.requested' ? {} : { actor: await userEmail(root) }),
      ...(r.reviewRef?.startsWith('refs/heads/') ? { branch: r.reviewRef.slice('refs/heads/'.length) } : {}),
      target: r.targetRef.replace(/^refs\/heads\//, ''),
      head,
      ...(r.baseCommit ? { base: r.baseCommit } : {}),
      summary: await aiSummary(root, head, r.baseCommit),
    };
  }

  private async webhook(root: string, id: string, event: WebhookEvent, url: string, apiUrl: string, head?: string): Promise<void> {
    const body = buildWebhookBody(await this.facts(root, id, event, apiUrl, head));
    const secret = await this.context.secrets.get(WEBHOOK_SECRET_KEY);
    const delivery = randomUUID();
    const outcome = await postWebhook(url, body, webhookHeaders(body, event, delivery, secret, USER_AGENT));
    const where = safeOrigin(url);
    const message = outcome.ok
      ? `review webhook ${event} delivered to ${where} (${outcome.status}${secret ? ', signed' : ', unsigned: no secret set'})`
      : `review webhook ${event} to ${where} failed: ${outcome.message}. The review itself is recorded.`;
    if (outcome.ok) this.log.info(message);
    else {
      this.log.warn(message);
      void vscode.window.showWarningMessage(`AI Provenance: ${message}`);
    }
    this._onDidRun.fire({ integration: 'webhook', review: id, event, delivery, outcome, message });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The webhook's origin only: Slack and Teams URLs carry their credential in the path. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the webhook URL';
  }
}
