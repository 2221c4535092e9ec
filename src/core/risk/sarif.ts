import { type Severity } from '../policy/types';
import { type RiskRule } from './rule';
import { location } from './report';
import { type Finding } from './types';

/** SARIF 2.1.0, as GitHub code scanning and other viewers read it. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

function level(s: Severity): Level {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** A repository-relative path as a URI reference: each segment percent-encoded. */
export function pathUri(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/**
 * The SARIF log of one `aiprov check` run. Results on removed lines point at
 * the line of the new file where the text was (that is all a viewer can
 * show) and say so in the message.
 */
export function toSarif(findings: readonly Finding[], rules: readonly RiskRule[], version: string): object {
  const used = new Map<string, number>();
  const driverRules = rules.map((r, i) => {
    used.set(r.id, i);
    return {
      id: r.id,
      name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
      shortDescription: { text: r.message },
      fullDescription: { text: `${r.message} ${r.hint}`.trim() },
      help: { text: r.hint || r.message },
      defaultConfiguration: { level: level(r.severity) },
      properties: { category: r.category, severity: r.severity, tags: ['ai-provenance', r.category] },
    };
  });
  const results = findings.map((f) => {
    const line = f.side === 'new' ? f.startLine : f.anchorLine;
    const end = f.side === 'new' ? f.endLine : f.anchorLine;
    return {
      ruleId: f.rule,
      ...(used.has(f.rule) ? { ruleIndex: used.get(f.rule) } : {}),
      level: level(f.severity),
      message: { text: f.side === 'new' ? f.message : `${f.message} (removed lines ${location(f).replace(/^.*\(removed /, '').replace(/\)$/, '')} of the old file)` },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(f.path), uriBaseId: '%SRCROOT%' }, region: { startLine: line, endLine: end } } }],
      partialFingerprints: { aiprovFinding: `${f.rule}:${f.path}:${f.side}:${f.excerpt}` },
      properties: { severity: f.severity, tier: f.tier, blastRadius: f.blastRadius, side: f.side, startLine: f.startLine, endLine: f.endLine },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'aiprov', semanticVersion: version, version, rules: driverRules } }, columnKind: 'utf16CodeUnits', results }],
  };
}
