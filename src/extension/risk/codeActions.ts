import * as vscode from 'vscode';
import { revertEdit, type Finding } from '../../core/risk';
import { CommandIds } from '../commands/ids';
import { findingKey } from './acks';
import { DIAGNOSTIC_SOURCE, findingRange } from './diagnostics';
import { type RiskService } from './service';

/** The finding a diagnostic stands for: same rule, same range. */
export function findingOf(service: RiskService, doc: vscode.TextDocument, d: vscode.Diagnostic): Finding | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') return undefined;
  return service.get(doc.uri)?.findings.find((f) => f.rule === d.code && findingRange(doc, f).isEqual(d.range));
}

/** The workspace edit that puts back the HEAD text of the change a finding sits in. */
export function revertWorkspaceEdit(service: RiskService, doc: vscode.TextDocument, f: Finding): vscode.WorkspaceEdit | undefined {
  const r = service.get(doc.uri);
  if (!r) return undefined;
  const e = revertEdit(r.baseline.head, doc.getText(), f);
  if (!e) return undefined;
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const edit = new vscode.WorkspaceEdit();
  const start = e.startLine - 1;
  if (start >= doc.lineCount) {
    // Lines removed from the end of the file go back after its last line.
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    edit.insert(doc.uri, end, e.insert.map((l) => `${eol}${l}`).join(''));
  } else {
    const range = new vscode.Range(start, 0, start + e.deleteCount, 0);
    const text = e.insert.map((l) => `${l}${eol}`).join('');
    if (start + e.deleteCount >= doc.lineCount && e.deleteCount > 0) {
      // The replaced lines run to the end of the file, which may lack a final newline.
      edit.replace(doc.uri, new vscode.Range(start, 0, doc.lineCount - 1, doc.lineAt(doc.lineCount - 1).text.length), text.replace(/\r?\n$/, ''));
    } else edit.replace(doc.uri, range, text);
  }
  return edit;
}

/** "Revert This AI Change", "Acknowledge Risk" and "Request Senior Review" on our diagnostics. */
export class RiskCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: RiskService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const f = findingOf(this.service, doc, d);
      if (!f) continue;
      const edit = revertWorkspaceEdit(this.service, doc, f);
      if (edit) {
        const revert = new vscode.CodeAction('Revert This AI Change', vscode.CodeActionKind.QuickFix);
        revert.edit = edit;
        revert.diagnostics = [d];
        actions.push(revert);
      }
      const ack = new vscode.CodeAction('Acknowledge Risk', vscode.CodeActionKind.QuickFix);
      ack.command = { command: CommandIds.riskAcknowledge, title: 'Acknowledge Risk', arguments: [doc.uri, findingKey(f)] };
      ack.diagnostics = [d];
      actions.push(ack);
      const review = new vscode.CodeAction('Request Senior Review', vscode.CodeActionKind.QuickFix);
      review.command = { command: CommandIds.reviewRequest, title: 'Request Senior Review' };
      review.diagnostics = [d];
      actions.push(review);
    }
    return actions;
  }
}
