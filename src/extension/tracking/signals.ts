import * as vscode from 'vscode';
import { type Contributor } from '../../core/attribution/contributor';

/**
 * Signals that say an upcoming change is not the user's typing. Inline
 * completion acceptance is announced by our Tab keybinding (see
 * acceptInline.ts) just before VS Code applies the suggestion.
 */
export class Signals {
  private inline: { uri: string; agent: string; until: number } | undefined;

  /** The next change to `uri` (within a moment) is an accepted inline suggestion. */
  expectInline(uri: vscode.Uri, agent: string): void {
    this.inline = { uri: uri.toString(), agent, until: Date.now() + 2000 };
  }

  /** Stops expecting (the accept command finished). */
  clearInline(): void {
    this.inline = undefined;
  }

  /** The inline-completion author of a change to `uri`, if one is expected. */
  inlineFor(uri: vscode.Uri, at: string): Contributor | undefined {
    const p = this.inline;
    if (!p || p.uri !== uri.toString() || Date.now() > p.until) return undefined;
    return { kind: 'ai', agent: p.agent, via: 'inline-completion', at };
  }
}

/** Agents whose chat/agent edit sessions we recognise by URI scheme. */
function agentOfScheme(scheme: string): string | undefined {
  if (scheme === 'cline-diff') return 'Cline';
  if (scheme.startsWith('chat-editing')) return 'GitHubCopilot';
  return undefined;
}

/**
 * The chat or agent tool editing `doc` right now, if any: Copilot Chat's
 * edit session keeps documents on `chat-editing-*` schemes for the file, and
 * Cline, Roo and Kilo show a diff tab whose original side has the
 * `cline-diff` scheme and whose modified side is the file itself.
 */
export function chatEditAgent(doc: vscode.TextDocument): string | undefined {
  const target = doc.uri.toString();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (input instanceof vscode.TabInputTextDiff && input.modified.toString() === target) {
        const a = agentOfScheme(input.original.scheme);
        if (a) return a;
      }
    }
  }
  for (const d of vscode.workspace.textDocuments) {
    const a = agentOfScheme(d.uri.scheme);
    if (a && d.uri.path === doc.uri.path) return a;
  }
  return undefined;
}

/** The inline-completion tool we can name: Copilot when it is running, else a generic name. */
export function inlineAgent(): string {
  for (const id of ['GitHub.copilot', 'GitHub.copilot-chat']) if (vscode.extensions.getExtension(id)?.isActive) return 'GitHubCopilot';
  return 'InlineCompletion';
}
