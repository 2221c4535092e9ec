import { defaultPolicy } from './defaults';
import { SEVERITIES, TIERS, type CustomRule, type Policy, type Severity, type Tier } from './types';

/** A policy file that cannot be used; `message` names the file and the field. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Reader {
  constructor(private readonly file: string) {}
  fail(field: string, what: string): never {
    throw new PolicyError(`${this.file}: ${field} ${what}`);
  }
  obj(v: unknown, field: string): Json {
    if (!isObj(v)) this.fail(field, 'must be an object');
    return v;
  }
  arr(v: unknown, field: string): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(field, 'must be an array');
    return v;
  }
  str(v: unknown, field: string, optional = false): string | undefined {
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.length === 0) this.fail(field, 'must be a non-empty string');
    if (/[\r\n]/.test(v)) this.fail(field, 'must not contain line breaks');
    return v;
  }
  bool(v: unknown, field: string, dflt: boolean): boolean {
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') this.fail(field, 'must be true or false');
    return v;
  }
  oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[], dflt: T): T {
    if (v === undefined) return dflt;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) this.fail(field, `must be one of ${allowed.join(', ')}`);
    return v as T;
  }
  regex(v: unknown, field: string): string | undefined {
    const s = this.str(v, field, true);
    if (s === undefined) return undefined;
    try {
      new RegExp(s);
    } catch (e) {
      this.fail(field, `is not a valid regular expression (${(e as Error).message})`);
    }
    return s;
  }
}

/**
 * Parses and validates policy JSON text; missing sections take defaults.
 * Throws PolicyError with the file and field at fault.
 */
export function parsePolicy(text: string, file = '.aiprov/policy.json'): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PolicyError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const r: Reader = new Reader(file);
  const top = r.obj(raw, 'the policy');
  const d = defaultPolicy();
  if (top.version !== undefined && top.version !== 1) r.fail('version', 'must be 1');

  const seniors = r.arr(top.seniors, 'seniors').map((s, i) => {
    const o = r.obj(s, `seniors[${i}]`);
    const email = r.str(o.email, `seniors[${i}].email`)!;
    return { email, name: r.str(o.name, `seniors[${i}].name`, true), github: r.str(o.github, `seniors[${i}].github`, true) };
  });
  const engineers = r.arr(top.engineers, 'engineers').map((s, i) => {
    const o = r.obj(s, `engineers[${i}]`);
    return {
      email: r.str(o.email, `engineers[${i}].email`)!,
      name: r.str(o.name, `engineers[${i}].name`, true),
      level: r.oneOf(o.level, `engineers[${i}].level`, ['junior', 'mid'] as const, 'junior'),
    };
  });
  const criticalPaths = r.arr(top.criticalPaths, 'criticalPaths').map((c, i) => {
    const o = r.obj(c, `criticalPaths[${i}]`);
    return { pattern: r.str(o.pattern, `criticalPaths[${i}].pattern`)!, tier: r.oneOf<Tier>(o.tier, `criticalPaths[${i}].tier`, TIERS, 'critical') };
  });

  const a = top.approval === undefined ? {} : r.obj(top.approval, 'approval');
  const count = a.count === undefined ? d.approval.count : a.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10) r.fail('approval.count', 'must be an integer from 1 to 10');
  const approval = {
    require: r.oneOf(a.require, 'approval.require', ['all-ai-assisted', 'risky', 'none'] as const, d.approval.require),
    minRisk: r.oneOf<Severity>(a.minRisk, 'approval.minRisk', SEVERITIES, d.approval.minRisk),
    tiers: a.tiers === undefined ? d.approval.tiers : r.arr(a.tiers, 'approval.tiers').map((t, i) => r.oneOf<Tier>(t, `approval.tiers[${i}]`, TIERS, 'critical')),
    exemptSeniors: r.bool(a.exemptSeniors, 'approval.exemptSeniors', d.approval.exemptSeniors),
    count,
  };

  const t = top.trailers === undefined ? {} : r.obj(top.trailers, 'trailers');
  const maxDestructive = t.maxDestructive === undefined ? d.trailers.maxDestructive : t.maxDestructive;
  if (typeof maxDestructive !== 'number' || !Number.isInteger(maxDestructive) || maxDestructive < 0) r.fail('trailers.maxDestructive', 'must be a non-negative integer');
  const trailers = {
    enabled: r.bool(t.enabled, 'trailers.enabled', d.trailers.enabled),
    style: r.oneOf(t.style, 'trailers.style', ['assisted-by', 'generated-by'] as const, d.trailers.style),
    maxDestructive,
  };

  const k = top.risk === undefined ? {} : r.obj(top.risk, 'risk');
  const customRules: CustomRule[] = r.arr(k.customRules, 'risk.customRules').map((c, i) => {
    const o = r.obj(c, `risk.customRules[${i}]`);
    const f = `risk.customRules[${i}]`;
    const rule: CustomRule = {
      id: r.str(o.id, `${f}.id`)!,
      severity: r.oneOf<Severity>(o.severity, `${f}.severity`, SEVERITIES, 'medium'),
      message: r.str(o.message, `${f}.message`)!,
      hint: r.str(o.hint, `${f}.hint`, true),
      paths: r.arr(o.paths, `${f}.paths`).map((p, j) => r.str(p, `${f}.paths[${j}]`)!),
      added: r.regex(o.added, `${f}.added`),
      removed: r.regex(o.removed, `${f}.removed`),
    };
    if (!rule.added && !rule.removed) r.fail(f, 'needs "added" or "removed"');
    return rule;
  });
  const risk = {
    failOn: r.oneOf<Severity>(k.failOn, 'risk.failOn', SEVERITIES, d.risk.failOn),
    disabledRules: r.arr(k.disabledRules, 'risk.disabledRules').map((x, i) => r.str(x, `risk.disabledRules[${i}]`)!),
    customRules,
  };
  const allowedSigners = r.str(top.allowedSigners, 'allowedSigners', true) ?? d.allowedSigners;
  if (allowedSigners.startsWith('/') || allowedSigners.split(/[\\/]/).includes('..')) r.fail('allowedSigners', 'must be a path inside the repository');
  return { version: 1, seniors, engineers, criticalPaths, approval, allowedSigners, trailers, risk };
}
