import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { type BlameLine, provenanceBlame } from '../../git/blame';
import { headCommit, RepoRoots } from '../../git/git';

interface Entry {
  /** HEAD commit and document version the blame was made for. */
  readonly key: string;
  readonly lines: Promise<ReadonlyMap<number, BlameLine> | undefined>;
}

/**
 * The hover on committed AI lines: for a line unchanged since HEAD whose
 * commit's note (refs/notes/ai-provenance, ranges verified by content hash)
 * credits an AI, the commit and the agent, model and tool (issue: "the
 * editor's hover shows the same for committed lines"). Lines changed in the
 * document come out of `git blame --contents` as not committed and get no
 * hover here: the tracking hover covers those. Human lines get nothing.
 *
 * Work happens on hover only, never while typing: one blame per (file,
 * HEAD, document version), cached until one of them changes.
 */
export class CommittedHover implements vscode.HoverProvider, vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly roots = new RepoRoots();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.languages.registerHoverProvider({ scheme: 'file' }, this),
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
    );
  }

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const lines = await this.blame(doc);
    const l = lines?.get(pos.line + 1);
    if (!l?.commit || l.kind !== 'ai' || token.isCancellationRequested) return undefined;
    return new vscode.Hover(hoverText(l), doc.lineAt(pos.line).range);
  }

  private async blame(doc: vscode.TextDocument): Promise<ReadonlyMap<number, BlameLine> | undefined> {
    const file = realPath(doc.uri.fsPath);
    const root = await this.roots.of(path.dirname(file));
    if (!root) return undefined;
    const head = await headCommit(root).catch(() => undefined);
    if (!head) return undefined;
    const key = `${head}\u0000${doc.version}`;
    const uri = doc.uri.toString();
    const hit = this.cache.get(uri);
    if (hit?.key === key) return hit.lines;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const lines = provenanceBlame(root, rel, (m) => this.log.warn(m), { contents: doc.getText(), committedOnly: true }).then(
      (rows) => new Map(rows.map((r) => [r.line, r])),
      // Untracked, ignored or binary files: no hover, and no retry until HEAD or the text changes.
      (e: unknown) => {
        this.log.debug(`no committed provenance for ${rel}: ${(e as Error).message.split('\n')[0]}`);
        return undefined;
      },
    );
    this.cache.set(uri, { key, lines });
    return lines;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cache.clear();
  }
}

/** The hover's text; every value from git or a note is plain text, never markdown. */
export function hoverText(l: BlameLine): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**AI Provenance** · committed  \n');
  const model = l.model ? ` (${l.model})` : '';
  const via = l.tools?.length ? ` — via ${l.tools.join(', ')}` : '';
  md.appendText(`AI-written by ${l.agent ?? 'an AI assistant'}${model}${via}`);
  md.appendMarkdown('  \n');
  const date = l.authorTime ? new Date(l.authorTime * 1000).toISOString().slice(0, 10) : '';
  md.appendText([l.commit?.slice(0, 8), l.author, date, l.summary].filter(Boolean).join(' · '));
  return md;
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
