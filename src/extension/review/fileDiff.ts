import * as vscode from 'vscode';
import { git } from '../../git/git';
import { type ReviewChange, type ReviewFile, reviewChange } from '../../git/reviewFiles';
import { findReview } from '../../git/reviewStore';

/** Read-only documents of a file at a commit of a review: `aiprov-review:/PATH?{"root","rev"}`. */
export const REVIEW_SCHEME = 'aiprov-review';

/** Arguments of "Open File Diff" (a tree item passes them; tests too). */
export interface OpenFileArgs {
  root: string;
  id: string;
  path: string;
}

/** What was opened, for callers and tests: the two sides and the marks on the head side. */
export interface OpenedFileDiff {
  base: string;
  head: string;
  left: vscode.Uri;
  right: vscode.Uri;
  file: ReviewFile;
}

/** The URI of `path` at `rev` ('' = absent: an added or deleted side). */
export function revisionUri(root: string, rev: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: REVIEW_SCHEME, path: `/${path}`, query: JSON.stringify({ root, rev }) });
}

const aiDecoration = vscode.window.createTextEditorDecorationType({
  isWholeLine: true,
  backgroundColor: new vscode.ThemeColor('diffEditor.unchangedRegionBackground'),
  overviewRulerColor: new vscode.ThemeColor('editorInfo.foreground'),
  overviewRulerLane: vscode.OverviewRulerLane.Left,
  borderWidth: '0 0 0 3px',
  borderStyle: 'solid',
  borderColor: new vscode.ThemeColor('editorInfo.foreground'),
});
const riskDecoration = vscode.window.createTextEditorDecorationType({
  isWholeLine: true,
  overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
  overviewRulerLane: vscode.OverviewRulerLane.Right,
  textDecoration: 'underline wavy',
  after: { contentText: ' ⚠ risk', color: new vscode.ThemeColor('editorWarning.foreground') },
});

/** Head-side documents we opened, with their marks. */
const marked = new Map<string, ReviewFile>();

function lineRange(doc: vscode.TextDocument, start: number, end: number): vscode.Range | undefined {
  if (doc.lineCount === 0 || start < 1) return undefined;
  const s = Math.min(start, doc.lineCount) - 1;
  const e = Math.min(Math.max(end, start), doc.lineCount) - 1;
  return new vscode.Range(s, 0, e, doc.lineAt(e).text.length);
}

function decorate(editor: vscode.TextEditor): void {
  const file = marked.get(editor.document.uri.toString());
  if (!file) return;
  const doc = editor.document;
  const agents = file.agents.join(', ') || 'an AI agent';
  editor.setDecorations(
    aiDecoration,
    file.aiLines.flatMap((l) => lineRange(doc, l, l) ?? []).map((range) => ({ range, hoverMessage: `AI-written (${agents}), from the commit's verified provenance note` })),
  );
  editor.setDecorations(
    riskDecoration,
    file.findings.flatMap((f) => {
      const range = lineRange(doc, f.startLine, f.endLine);
      if (!range) return [];
      const hover = new vscode.MarkdownString();
      hover.appendMarkdown(`**Risk (${f.severity})** \`${f.rule}\`\n\n`);
      hover.appendText(`${f.message}\n\n${f.hint}`);
      return [{ range, hoverMessage: hover }];
    }),
  );
}

/** Serves file contents at a revision and marks the head side of open review diffs. */
export function registerReviewDocuments(): vscode.Disposable[] {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const { root, rev } = JSON.parse(uri.query) as { root: string; rev: string };
      if (!rev) return '';
      const r = await git(['show', `${rev}:${uri.path.slice(1)}`], { cwd: root, allowFailure: true });
      return r.exitCode === 0 ? r.stdout : '';
    },
  };
  return [
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, provider),
    vscode.window.onDidChangeVisibleTextEditors((eds) => eds.forEach(decorate)),
    aiDecoration,
    riskDecoration,
  ];
}

/** The changed files of a review (for the tree's children). */
export async function reviewFiles(root: string, id: string): Promise<ReviewChange> {
  return reviewChange(root, await findReview(root, id));
}

/**
 * Opens VS Code's diff editor on one file of a review, base on the left and
 * the requested head on the right, with the head's AI-written lines and the
 * file's risk findings marked (hover for details).
 */
export async function openReviewFile(args: OpenFileArgs): Promise<OpenedFileDiff> {
  const change = await reviewFiles(args.root, args.id);
  const file = change.files.find((f) => f.path === args.path);
  if (!file) throw new Error(`${args.path} is not changed in review ${args.id.slice(0, 8)}`);
  const left = revisionUri(args.root, file.status === 'added' ? '' : change.base, file.oldPath ?? file.path);
  const right = revisionUri(args.root, file.status === 'deleted' ? '' : change.head, file.path);
  marked.set(right.toString(), file);
  const title = `${file.path} (${change.base.slice(0, 7)} ↔ ${change.head.slice(0, 7)})`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  vscode.window.visibleTextEditors.forEach(decorate);
  return { base: change.base, head: change.head, left, right, file };
}
