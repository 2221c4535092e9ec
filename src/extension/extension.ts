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
  // Per-part cost of activation, reported by `npm run bench`.
  const parts: Record<string, number> = {};
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    parts[name] = now - mark;
    mark = now;
  };
  const tracking = registerTracking(context, log);
  lap('tracking');
  const risks = registerRisks(context, log, aiLinesCheck(tracking));
  lap('risks');
  const reviews = registerReviews(log, context);
  lap('reviews');
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

  lap('commands');
  const commit = registerCommit(context, log);
  lap('commit');

  const activationMs = performance.now() - started;
  log.info(`AI Provenance ${VERSION} activated in ${activationMs.toFixed(2)} ms (trusted workspace: ${vscode.workspace.isTrusted})`);
  log.debug(`activation parts (ms): ${JSON.stringify(parts)}`);
  return { activationMs, activationParts: parts, version: VERSION, tracking, commit, risks: risks.api, reviewIntegrations: reviews.integrations.api() };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
