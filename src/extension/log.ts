import * as vscode from 'vscode';

/** The extension's output channel (a LogOutputChannel: levels, timestamps). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('AI Provenance', { log: true });
}
