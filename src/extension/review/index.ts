import * as vscode from 'vscode';
import { CommandIds, ViewIds } from '../commands/ids';
import { registerCommand } from '../commands/register';
import { ReviewIntegrations } from './integrations';
import { type RequestArgs, requestReview } from './requestReview';
import { type ReviewNode, ReviewsTree } from './reviewsTree';
import { openReviewFile, type OpenFileArgs, registerReviewDocuments } from './fileDiff';
import { showReview } from './showReview';
import { fetchReviews, signVerdict, type VerdictArgs } from './verdicts';

/** Wires the Reviews view and the review commands; everything is disposed with the returned disposables. */
export function registerReviews(log: vscode.LogOutputChannel, context: vscode.ExtensionContext): { tree: ReviewsTree; integrations: ReviewIntegrations; disposables: vscode.Disposable[] } {
  const tree = new ReviewsTree(log);
  const integrations = new ReviewIntegrations(context, log);
  const view = vscode.window.createTreeView(ViewIds.reviews, { treeDataProvider: tree, showCollapseAll: true });
  return {
    tree,
    integrations,
    disposables: [
      tree,
      integrations,
      view,
      registerCommand(CommandIds.reviewRequest, (args?: RequestArgs) => requestReview(tree, args, integrations), log),
      registerCommand(CommandIds.reviewApprove, (n?: ReviewNode | VerdictArgs) => signVerdict(tree, 'approve', n, integrations), log),
      registerCommand(CommandIds.reviewRequestChanges, (n?: ReviewNode | VerdictArgs) => signVerdict(tree, 'request-changes', n, integrations), log),
      registerCommand(CommandIds.reviewFetch, (args?: { root?: string }) => fetchReviews(tree, args), log),
      registerCommand(CommandIds.reviewShow, (n: ReviewNode) => showReview(n), log),
      registerCommand(CommandIds.reviewOpenFile, (a: OpenFileArgs) => openReviewFile(a), log),
      ...registerReviewDocuments(),
    ],
  };
}
