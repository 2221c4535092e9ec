import { type CommitVerdict } from './evaluate';

/** The outcome of `aiprov verify` over a range. */
export interface VerifyReport {
  range: string;
  /** Where policy and allowed signers were read: `rev:path` or `working tree`. */
  policySource: string;
  /** Caveats worth printing (e.g. `risky` judged by path tier only, without a risk engine). */
  notes: string[];
  commits: CommitVerdict[];
  ok: boolean;
}

const short = (id: string) => id.slice(0, 7);

function counts(r: VerifyReport) {
  const need = r.commits.filter((c) => c.status !== 'not-required').length;
  const missing = r.commits.filter((c) => c.status === 'missing').length;
  return { need, missing, total: r.commits.length };
}

/** Plain-text report: one summary line, then a table of what is missing and why. */
export function formatText(r: VerifyReport): string {
  const { need, missing, total } = counts(r);
  const lines = [
    `${r.ok ? 'ok' : 'FAILED'}: ${total} commit${total === 1 ? '' : 's'} in ${r.range}, ${need} need senior approval, ${missing} missing (policy from ${r.policySource})`,
  ];
  for (const n of r.notes) lines.push(`note: ${n}`);
  const bad = r.commits.filter((c) => c.status === 'missing');
  if (bad.length > 0) {
    const rows = bad.map((c) => [short(c.id), c.author, c.required.why, c.problems.join('; ')]);
    const head = ['COMMIT', 'AUTHOR', 'NEEDS APPROVAL BECAUSE', 'MISSING / WHY'];
    const w = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((row) => row[i].length))));
    const fmt = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(w[i]))).join('  ');
    lines.push('', fmt(head), ...rows.map(fmt));
  }
  return lines.join('\n') + '\n';
}

function md(s: string): string {
  // `<a@b>` would be read as an HTML tag by GitHub and vanish.
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown for CI logs and `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdown(r: VerifyReport): string {
  const { need, missing, total } = counts(r);
  const out = [
    `### ${r.ok ? '✅' : '❌'} AI Provenance: senior approval`,
    '',
    `${total} commit${total === 1 ? '' : 's'} in \`${md(r.range)}\`; ${need} need senior approval; ${missing} missing. Policy and allowed signers from \`${md(r.policySource)}\`.`,
  ];
  for (const n of r.notes) out.push('', `_${md(n)}_`);
  const rows = r.commits.filter((c) => c.status !== 'not-required');
  if (rows.length > 0) {
    out.push('', '| Commit | Author | Needs approval because | Status |', '| --- | --- | --- | --- |');
    for (const c of rows) {
      const status = c.status === 'ok' ? `approved by ${c.approvers.join(', ')}` : `**missing**: ${c.problems.join('; ')}`;
      out.push(`| \`${short(c.id)}\` | ${md(c.author)} | ${md(c.required.why)} | ${md(status)} |`);
    }
  }
  return out.join('\n') + '\n';
}
