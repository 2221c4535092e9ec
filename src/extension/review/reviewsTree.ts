import * as vscode from 'vscode';
import { normalizeEmail } from '../../core/review';
import { git, repoRoot } from '../../git/git';
import { type ReviewView, viewReviews } from '../../git/reviewStatus';
import { loadReviews } from '../../git/reviewStore';
import { type ReviewFile } from '../../git/reviewFiles';
import { isWipRef } from '../../git/reviewWip';
import { CommandIds } from '../commands/ids';
import { reviewFiles } from './fileDiff';

/** A review in the tree, with the repository it lives in. */
export interface ReviewNode {
  kind: 'review';
  root: string;
  review: ReviewView;
  mine: 'for-me' | 'by-me' | 'other';
}

interface GroupNode {
  kind: 'group';
  id: 'for-me' | 'by-me' | 'other';
  label: string;
  children: ReviewNode[];
}

interface VerdictNode {
  kind: 'verdict';
  text: string;
  valid: boolean;
  tooltip: string;
}

/** A changed file of a review: opens the base↔head diff with AI lines and risks marked. */
interface FileNode {
  kind: 'file';
  root: string;
  id: string;
  file: ReviewFile;
}

export type ReviewsTreeNode = GroupNode | ReviewNode | VerdictNode | FileNode;

const STATE_ICON: Record<ReviewView['state'], string> = {
  pending: 'git-pull-request',
  approved: 'pass',
  'changes-requested': 'request-changes',
  outdated: 'warning',
};

/** Counts of the last load, returned by the fetch and refresh commands (tests read them). */
export interface ReviewsSnapshot {
  forMe: { id: string; state: ReviewView['state'] }[];
  byMe: { id: string; state: ReviewView['state'] }[];
  other: { id: string; state: ReviewView['state'] }[];
}

/**
 * The "Reviews" view: review requests for me and by me in each repository of
 * the workspace (plus repositories a review command was run on), with their
 * state from signed verdicts.
 */
export class ReviewsTree implements vscode.TreeDataProvider<ReviewsTreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<ReviewsTreeNode | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private groups: GroupNode[] = [];
  private readonly extraRoots = new Set<string>();
  private loading: Promise<ReviewsSnapshot> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Also list reviews of `root` (a repository a command was run on). */
  addRoot(root: string): void {
    this.extraRoots.add(root);
  }

  /** Reloads every review; resolves when the tree shows the new state. */
  refresh(): Promise<ReviewsSnapshot> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async roots(): Promise<string[]> {
    const out = new Set(this.extraRoots);
    if (!vscode.workspace.isTrusted) return [...out];
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      if (f.uri.scheme !== 'file') continue;
      const r = await repoRoot(f.uri.fsPath);
      if (r) out.add(r);
    }
    return [...out];
  }

  private async load(): Promise<ReviewsSnapshot> {
    const groups: Record<GroupNode['id'], ReviewNode[]> = { 'for-me': [], 'by-me': [], other: [] };
    for (const root of await this.roots()) {
      try {
        const me = normalizeEmail((await git(['config', '--get', 'user.email'], { cwd: root, allowFailure: true })).stdout);
        for (const review of await viewReviews(root, await loadReviews(root))) {
          const mine = review.reviewers.map(normalizeEmail).includes(me) ? 'for-me' : normalizeEmail(review.requester) === me ? 'by-me' : 'other';
          groups[mine].push({ kind: 'review', root, review, mine });
        }
      } catch (e) {
        this.log.warn(`reviews of ${root}: ${(e as Error).message}`);
      }
    }
    this.groups = [
      { kind: 'group', id: 'for-me', label: 'For Me', children: groups['for-me'] },
      { kind: 'group', id: 'by-me', label: 'By Me', children: groups['by-me'] },
      ...(groups.other.length ? [{ kind: 'group' as const, id: 'other' as const, label: 'Other', children: groups.other }] : []),
    ];
    const total = groups['for-me'].length + groups['by-me'].length + groups.other.length;
    void vscode.commands.executeCommand('setContext', 'aiProvenance.reviews.count', total);
    this._onDidChangeTreeData.fire(undefined);
    const ids = (g: ReviewNode[]) => g.map((n) => ({ id: n.review.id, state: n.review.state }));
    return { forMe: ids(groups['for-me']), byMe: ids(groups['by-me']), other: ids(groups.other) };
  }

  getTreeItem(n: ReviewsTreeNode): vscode.TreeItem {
    if (n.kind === 'group') {
      const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(n.children.length);
      item.contextValue = `reviewGroup.${n.id}`;
      return item;
    }
    if (n.kind === 'file') {
      const f = n.file;
      const item = new vscode.TreeItem(vscode.Uri.file(`${n.root}/${f.path}`), vscode.TreeItemCollapsibleState.None);
      const marks = [f.aiLines.length ? `${f.aiLines.length} AI line${f.aiLines.length === 1 ? '' : 's'}` : '', f.findings.length ? `${f.findings.length} risk${f.findings.length === 1 ? '' : 's'}` : ''].filter(Boolean);
      item.description = [f.status, ...marks].join(' · ');
      item.id = `${n.root}:${n.id}:file:${f.path}`;
      item.tooltip = `${f.oldPath ? `${f.oldPath} → ` : ''}${f.path}: open the diff of the review`;
      item.command = { command: CommandIds.reviewOpenFile, title: 'Open File Diff', arguments: [{ root: n.root, id: n.id, path: f.path }] };
      return item;
    }
    if (n.kind === 'verdict') {
      const item = new vscode.TreeItem(n.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(n.valid ? 'verified' : 'error');
      item.tooltip = n.tooltip;
      return item;
    }
    const r = n.review;
    // A snapshot of uncommitted changes is named as such, not by its ref.
    const source = isWipRef(r.reviewRef) ? `uncommitted changes (snapshot ${r.id.slice(0, 7)})` : (r.reviewRef ?? r.id).replace(/^refs\/heads\//, '');
    const title = r.description.split('\n')[0] || source;
    const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${n.root}:${r.id}`;
    item.description = `${r.state} · ${n.mine === 'by-me' ? r.reviewers.join(', ') : r.requester}`;
    item.iconPath = new vscode.ThemeIcon(STATE_ICON[r.state]);
    item.contextValue = `review.${n.mine}.${r.state}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**Review ${r.id.slice(0, 8)}** — ${r.state}\n\n`);
    md.appendText(`${r.requester} → ${r.reviewers.join(', ')}\n${source} → ${r.targetRef.replace(/^refs\/heads\//, '')}\n\n${r.description}`);
    item.tooltip = md;
    item.command = { command: 'aiProvenance.review.show', title: 'Show Review', arguments: [n] };
    return item;
  }

  async getChildren(n?: ReviewsTreeNode): Promise<ReviewsTreeNode[]> {
    if (!n) {
      if (this.groups.length === 0) void this.refresh();
      return this.groups.every((g) => g.children.length === 0) ? [] : this.groups;
    }
    if (n.kind === 'group') return n.children;
    if (n.kind === 'review') {
      const verdicts = n.review.verdicts.map((v) => ({
        kind: 'verdict' as const,
        valid: v.valid,
        text: `${v.verdict.verdict === 'approve' ? 'Approved' : 'Changes requested'} by ${v.verdict.approver} (${v.verdict.commits.length} commits to ${v.verdict.head.slice(0, 7)})`,
        tooltip: v.valid ? 'Signature verified against the allowed-signers file' : `Not valid: ${v.reason ?? 'signature does not verify'}`,
      }));
      return [...verdicts, ...(await this.files(n))];
    }
    return [];
  }

  /** The review's changed files; none (logged) when its commits are not in this clone. */
  private async files(n: ReviewNode): Promise<FileNode[]> {
    try {
      const change = await reviewFiles(n.root, n.review.id);
      return change.files.map((file) => ({ kind: 'file' as const, root: n.root, id: n.review.id, file }));
    } catch (e) {
      this.log.warn(`files of review ${n.review.id.slice(0, 8)}: ${(e as Error).message}`);
      return [];
    }
  }

  /** All loaded review nodes (for commands run from the palette). */
  reviews(): ReviewNode[] {
    return this.groups.flatMap((g) => g.children);
  }

  dispose(): void {
    this._onDidChangeTreeData.dispose();
  }
}
