import * as vscode from 'vscode';
import { type Signals, inlineAgent } from './signals';

/**
 * Bound to Tab with the same `when` clause as VS Code's own accept (see
 * package.json keybindings): announces that the next change to the active
 * document is the suggestion, then runs the built-in command, so other
 * extensions' use of that command is untouched. VS Code applies the
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
