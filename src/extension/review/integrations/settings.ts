import * as vscode from 'vscode';
import { GITHUB_API_URL } from '../../../core/review/integrations/githubRemote';

/** The integration settings, read for one repository. */
export interface IntegrationSettings {
  /** `aiProvenance.review.github.requestReviewers`: ask reviewers on the branch's pull request. */
  githubRequestReviewers: boolean;
  /** `aiProvenance.review.github.apiUrl`: machine scope only (see {@link readSettings}). */
  githubApiUrl: string;
  /** `aiProvenance.review.webhook.url`; empty when off or in an untrusted workspace. */
  webhookUrl: string;
}

/**
 * Reads the settings. The API URL receives a GitHub token, so only the user's
 * (machine) value counts, never a repository's workspace settings; the
 * webhook URL receives review facts, so a workspace's value counts only once
 * the workspace is trusted.
 */
export function readSettings(root: string): IntegrationSettings {
  const c = vscode.workspace.getConfiguration('aiProvenance.review', vscode.Uri.file(root));
  const api = c.inspect<string>('github.apiUrl');
  const webhook = vscode.workspace.isTrusted ? c.get<string>('webhook.url', '').trim() : '';
  return {
    githubRequestReviewers: c.get<boolean>('github.requestReviewers', false) && vscode.workspace.isTrusted,
    githubApiUrl: (api?.globalValue ?? api?.defaultValue ?? GITHUB_API_URL).trim() || GITHUB_API_URL,
    webhookUrl: webhook,
  };
}
