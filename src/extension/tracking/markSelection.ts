import * as vscode from 'vscode';
import { type Contributor } from '../../core/attribution/contributor';
import { type Tracker } from './tracker';

/** Arguments the manual commands accept (from keybindings or tests). */
export interface MarkArgs {
  readonly agent?: string;
  readonly model?: string;
}

let lastAgent = 'ClaudeCode';

/** The selections of an editor as offsets; an empty selection stands for its whole line. */
function spans(editor: vscode.TextEditor): [number, number][] {
  const doc = editor.document;
  return editor.selections.map((s) => {
    const range = s.isEmpty ? doc.lineAt(s.active.line).rangeIncludingLineBreak : s;
    return [doc.offsetAt(range.start), doc.offsetAt(range.end)];
  });
}

/** "Mark Selection as AI-Written": asks for the agent (unless given) and re-attributes the selection. */
export async function markSelectionAsAi(tracker: Tracker, args?: MarkArgs): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open a file and select the lines an AI assistant wrote');
  const agent =
    args?.agent ??
    (await vscode.window.showInputBox({
      title: 'Mark Selection as AI-Written',
      prompt: 'Which assistant wrote it? (as in trailers: ClaudeCode, GitHubCopilot, Cursor, Codex…)',
      value: lastAgent,
      validateInput: (v) => (/^[\w.+-]{1,64}$/.test(v.trim()) ? undefined : 'letters, digits, . + - _ only'),
    }));
  if (!agent) return;
  lastAgent = agent.trim();
  const c: Contributor = { kind: 'ai', agent: lastAgent, via: 'manual', at: new Date().toISOString(), ...(args?.model ? { model: args.model } : {}) };
  for (const [s, e] of spans(editor)) tracker.mark(editor.document, s, e, c);
}

/** "Mark Selection as Human-Written". */
export function markSelectionAsHuman(tracker: Tracker): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open a file and select the lines a person wrote');
  const c: Contributor = { kind: 'human', via: 'manual', at: new Date().toISOString() };
  for (const [s, e] of spans(editor)) tracker.mark(editor.document, s, e, c);
}
