import picomatch from 'picomatch';
import { blastRadius, severityRank } from '../policy/match';
import { type Severity } from '../policy/types';
import { changeFromTexts, parseUnifiedDiff } from './diff';
import { customRule, isDisabled, type RiskOptions } from './options';
import { lineHits, ruleApplies, type RiskRule } from './rule';
import { BUILTIN_RULES } from './rules/index';
import { type FileChange, type Finding, type Hit } from './types';
import { DiffView, type FileView } from './view';

const matchers = new WeakMap<RiskRule, (p: string) => boolean>();

/** Same glob semantics as the policy's critical paths: a pattern without a slash matches at any depth. */
function pathMatcher(rule: RiskRule): (p: string) => boolean {
  let m = matchers.get(rule);
  if (!m) {
    const tests = (rule.paths ?? []).map((g) => picomatch(g.includes('/') ? g.replace(/^\//, '') : `**/${g}`, { dot: true }));
    m = (p) => tests.some((t) => t(p));
    matchers.set(rule, m);
  }
  return m;
}

/** The rules in force under these options. */
export function activeRules(opts: RiskOptions = {}): RiskRule[] {
  const disabled = new Set(opts.disabledRules ?? []);
  const all = [...(opts.rules ?? BUILTIN_RULES), ...(opts.customRules ?? []).map(customRule)];
  return all.filter((r) => !isDisabled(r.id, disabled));
}

/**
 * Runs the rules on a set of file changes (one commit, the staged changes,
 * or one editor buffer against HEAD) and returns the findings, the widest
 * blast radius first.
 */
export function analyze(changes: readonly FileChange[], opts: RiskOptions = {}, rules: readonly RiskRule[] = activeRules(opts)): Finding[] {
  const view = new DiffView(changes.filter((c) => !c.binary || c.status !== 'modified'));
  const findings: Finding[] = [];
  for (const file of view.files) {
    const tier = opts.tierOf?.(file.path) ?? 'low';
    for (const rule of rules) {
      if (!ruleApplies(rule, file.kind, file.change.status)) continue;
      if (rule.paths && !pathMatcher(rule)(file.path)) continue;
      const hits = rule.added || rule.removed ? lineHits(rule, file) : [];
      if (rule.check) hits.push(...rule.check(file, view));
      for (const h of hits) if (!suppressed(file, h, rule.id)) findings.push(toFinding(rule, file, h, tier));
    }
  }
  return findings.sort(byRadius);
}

/** Findings of a unified diff (`git diff` output). */
export function analyzeDiff(diffText: string, opts: RiskOptions = {}): Finding[] {
  return analyze(parseUnifiedDiff(diffText), opts);
}

/** Findings of one file's change: `oldText` undefined for a new file, `newText` undefined for a deletion. */
export function analyzeChange(path: string, oldText: string | undefined, newText: string | undefined, opts: RiskOptions = {}): Finding[] {
  return analyze([changeFromTexts(path, oldText, newText)], opts);
}

/** Whether any finding reaches `failOn` (the policy's `risk.failOn`). */
export function reachesThreshold(findings: readonly Finding[], failOn: Severity): boolean {
  const min = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) >= min);
}

function toFinding(rule: RiskRule, file: FileView, h: Hit, tier: Finding['tier']): Finding {
  return {
    rule: rule.id,
    category: rule.category,
    severity: rule.severity,
    message: h.message ?? rule.message,
    hint: rule.hint,
    path: file.path,
    side: h.side,
    startLine: h.startLine,
    endLine: h.endLine,
    anchorLine: h.side === 'new' ? h.startLine : anchorOf(file, h),
    excerpt: excerptOf(file, h),
    tier,
    blastRadius: blastRadius(rule.severity, tier),
  };
}

const IGNORE = /aiprov-ignore(?::\s*([\w/*,\s-]+))?/;

/**
 * `aiprov-ignore` (all rules) or `aiprov-ignore: rule-a, rule-b` in a comment
 * on the finding's first line or the line above it silences the finding.
 */
function suppressed(file: FileView, h: Hit, id: string): boolean {
  const sides = h.side === 'new' ? file.newSides : file.oldSides;
  for (const s of sides) {
    for (const l of s) {
      if (l.line !== h.startLine && l.line !== h.startLine - 1) continue;
      const m = IGNORE.exec(l.text);
      if (m && (!m[1] || m[1].split(/[\s,]+/).some((r) => r === id || (r.endsWith('/*') && id.startsWith(r.slice(0, -1)))))) return true;
    }
  }
  return false;
}

function anchorOf(file: FileView, h: Hit): number {
  if (file.change.status === 'deleted') return 1;
  for (const s of file.oldSides) for (const l of s) if (l.line === h.startLine) return Math.max(1, l.anchor);
  return 1;
}

function excerptOf(file: FileView, h: Hit): string {
  const sides = h.side === 'new' ? file.newSides : file.oldSides;
  for (const s of sides) {
    for (const l of s) {
      if (l.line === h.startLine) {
        const t = l.text.trim();
        return t.length > 200 ? `${t.slice(0, 199)}…` : t;
      }
    }
  }
  return '';
}

function byRadius(a: Finding, b: Finding): number {
  return b.blastRadius - a.blastRadius || severityRank(b.severity) - severityRank(a.severity) || a.path.localeCompare(b.path) || a.startLine - b.startLine || a.rule.localeCompare(b.rule);
}
