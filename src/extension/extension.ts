import * as vscode from 'vscode';
import { VERSION } from '../core/version';
import { type AiProvenanceApi } from './api';
import { CommandIds, ViewIds } from './commands/ids';
import { connectAgents, scheduleAgentHookRepair } from './agents/connect';
import { registerCommand } from './commands/register';
import { createLog } from './log';
import { createPolicy } from './policy/createPolicy';
import { PolicyDiagnostics } from './policy/policyDiagnostics';
import { registerCommit } from './commit';
import { registerReviews } from './review';
import { aiLinesCheck, registerRisks } from './risk';
import { registerTracking } from './tracking';

/**
 * Activation does only cheap wiring: views, commands, listeners. Anything that
 * reads files or runs git starts later, off the activation path, so opening a
 * window never waits for us.
 */
export function activate(context: vscode.ExtensionContext): AiProvenanceApi {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  const tracking = registerTracking(context, log);

  const risks = registerRisks(context, log, aiLinesCheck(tracking));
  const reviews = registerReviews(log);
  context.subscriptions.push(...reviews.disposables);

  context.subscriptions.push(
    registerCommand(CommandIds.showOutput, () => log.show(true), log),
    registerCommand(
      CommandIds.refresh,
      () => {
        void reviews.tree.refresh();
        risks.refresh();
        tracking.sync();
      },
      log,
    ),
    registerCommand(CommandIds.createPolicy, createPolicy, log),
    new PolicyDiagnostics(),
    registerCommand(CommandIds.connectAgents, (agents?: unknown, options?: { uninstall?: boolean; global?: boolean }) => connectAgents(context.extensionPath, agents, options), log),
    scheduleAgentHookRepair(context.extensionPath, log),
    registerCommand(CommandIds.showSidebar, () => vscode.commands.executeCommand(`workbench.view.extension.${ViewIds.container}`), log),
  );

  const commit = registerCommit(context, log);

  const activationMs = performance.now() - started;
  log.info(`AI Provenance ${VERSION} activated in ${activationMs.toFixed(2)} ms (trusted workspace: ${vscode.workspace.isTrusted})`);
  return { activationMs, version: VERSION, tracking, commit, risks: risks.api };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
