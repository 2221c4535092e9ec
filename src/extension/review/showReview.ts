import * as vscode from 'vscode';
import { detectAiAssistance } from '../../core/review';
import { readCommitFacts } from '../../git/commitFacts';
import { reviewCommits, reviewHead, findReview } from '../../git/reviewStore';
import { type ReviewNode } from './reviewsTree';

/**
 * Opens a review as a Markdown document: the request, the verdicts with their
 * signature state, and every reviewed commit with its AI evidence and files.
 */
export async function showReview(node: ReviewNode): Promise<void> {
  const r = node.review;
  const stored = await findReview(node.root, r.id);
  const lines = [`# Review ${r.id.slice(0, 8)} — ${r.state}`, '', `- Requester: ${r.requester}`, `- Reviewers: ${r.reviewers.join(', ')}`, `- ${r.reviewRef ?? '?'} → ${r.targetRef}`, '', r.description, ''];
  lines.push('_Expand this review in the Reviews view for one entry per changed file: each opens the base ↔ head diff with AI-written lines and risk findings marked._', '');
  lines.push('## Verdicts', '');
  for (const v of r.verdicts) lines.push(`- ${v.verdict.verdict} by ${v.verdict.approver}, head \`${v.verdict.head.slice(0, 7)}\` (${v.verdict.commits.length} commits): ${v.valid ? 'signature verified' : `**not valid**: ${v.reason ?? ''}`}`);
  if (r.verdicts.length === 0) lines.push('- none yet');
  try {
    const head = await reviewHead(node.root, stored);
    const ids = await reviewCommits(node.root, stored, head);
    const facts = await readCommitFacts(node.root, ['--no-walk=unsorted', ...ids]);
    lines.push('', `## Commits (${facts.length})`, '');
    for (const f of facts.reverse()) {
      const ai = detectAiAssistance(f);
      lines.push(`### \`${f.id.slice(0, 7)}\` ${f.authorEmail}${ai.assisted ? ` — AI-assisted (${ai.agents.join(', ') || 'agent unknown'})` : ''}`, '');
      for (const s of ai.signals) lines.push(`- ${s}`);
      for (const p of f.paths) lines.push(`- \`${p}\``);
      lines.push('');
    }
  } catch (e) {
    lines.push('', `_Commits unavailable: ${(e as Error).message}_`);
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
  await vscode.window.showTextDocument(doc, { preview: true });
}
