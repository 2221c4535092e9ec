import * as vscode from 'vscode';
import { type Signals, inlineAgent } from './signals';

/**
 * Bound to VS Code's own accept keys with the same `when` clauses as its
 * bindings (see package.json keybindings, taken from VS Code 1.139): Tab
 * for a whole suggestion or a next-edit suggestion
 * (`editor.action.inlineSuggest.commit`), Ctrl/Cmd+Right for the next word
 * (`...acceptNextWord`); `...acceptNextLine` has no default key, so ours is
 * there for users to bind. Announces that the next change to the active
 * document is the suggestion, then runs the built-in command, so other
 * extensions' use of those commands is untouched. VS Code applies the
 * suggestion inside the command, so the announcement is withdrawn as soon
 * as it returns.
 */
export async function acceptInlineSuggestion(signals: Signals, command = 'editor.action.inlineSuggest.commit'): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor) signals.expectInline(editor.document.uri, inlineAgent());
  try {
    await vscode.commands.executeCommand(command);
  } finally {
    signals.clearInline();
  }
}
