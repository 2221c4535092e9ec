import * as vscode from 'vscode';
import { type CommandId } from './ids';

/**
 * Registers a command whose failures are reported to the user and logged,
 * never swallowed and never an unhandled rejection.
 */
export function registerCommand(
  id: CommandId,
  handler: (...args: never[]) => unknown,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(`AI Provenance: ${message}`);
      return undefined;
    }
  });
}
