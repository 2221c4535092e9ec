import * as vscode from 'vscode';
import { CommandIds, ViewIds } from '../commands/ids';
import { registerCommand } from '../commands/register';
import { type RequestArgs, requestReview } from './requestReview';
import { type ReviewNode, ReviewsTree } from './reviewsTree';
import { openReviewFile, type OpenFileArgs, registerReviewDocuments } from './fileDiff';
import { showReview } from './showReview';
import { fetchReviews, signVerdict, type VerdictArgs } from './verdicts';

/** Wires the Reviews view and the review commands; everything is disposed with the returned disposables. */
export function registerReviews(log: vscode.LogOutputChannel): { tree: ReviewsTree; disposables: vscode.Disposable[] } {
  const tree = new ReviewsTree(log);
  const view = vscode.window.createTreeView(ViewIds.reviews, { treeDataProvider: tree, showCollapseAll: true });
  return {
    tree,
    disposables: [
      tree,
      view,
      registerCommand(CommandIds.reviewRequest, (args?: RequestArgs) => requestReview(tree, args), log),
      registerCommand(CommandIds.reviewApprove, (n?: ReviewNode | VerdictArgs) => signVerdict(tree, 'approve', n), log),
      registerCommand(CommandIds.reviewRequestChanges, (n?: ReviewNode | VerdictArgs) => signVerdict(tree, 'request-changes', n), log),
      registerCommand(CommandIds.reviewFetch, (args?: { root?: string }) => fetchReviews(tree, args), log),
      registerCommand(CommandIds.reviewShow, (n: ReviewNode) => showReview(n), log),
      registerCommand(CommandIds.reviewOpenFile, (a: OpenFileArgs) => openReviewFile(a), log),
      ...registerReviewDocuments(),
    ],
  };
}
