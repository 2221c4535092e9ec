/**
 * The repository policy: one committed JSON file (`.aiprov/policy.json`),
 * validated by VS Code against `schemas/policy.schema.json`.
 */

/** Risk severity, lowest first. */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Criticality tier of a path, lowest first. */
export type Tier = 'low' | 'medium' | 'high' | 'critical';
export const TIERS: readonly Tier[] = ['low', 'medium', 'high', 'critical'];

/** A senior engineer who may approve AI-assisted changes. */
export interface Senior {
  /** The git email the senior commits and signs with. */
  email: string;
  name?: string;
  /** GitHub handle without `@`, used for pull-request reviewer requests. */
  github?: string;
}

/** An engineer below senior level (used by approval rules "by seniority"). */
export interface Engineer {
  email: string;
  name?: string;
  level: 'junior' | 'mid';
}

/** Paths (globs, gitignore-like: `infra/prod/**`) and their criticality. */
export interface CriticalPath {
  pattern: string;
  tier: Tier;
}

/** Which AI-assisted commits need senior approval, and how many approvals. */
export interface ApprovalPolicy {
  /**
   * `all-ai-assisted`: every commit with AI-written lines;
   * `risky`: only those with a finding >= `minRisk` or touching a path of a tier in `tiers`;
   * `none`: never (record provenance only).
   */
  require: 'all-ai-assisted' | 'risky' | 'none';
  /** With `risky`: the lowest finding severity that needs approval. */
  minRisk: Severity;
  /** With `risky`: path tiers whose AI-assisted changes always need approval. */
  tiers: Tier[];
  /** When true, a senior's own AI-assisted commits need no approval. */
  exemptSeniors: boolean;
  /** Distinct senior approvals required. */
  count: number;
}

/** A repository-specific risk rule: a regular expression on added or removed lines. */
export interface CustomRule {
  id: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** Globs the rule applies to; all paths when empty. */
  paths?: string[];
  /** JavaScript regular expression tested against each added line. */
  added?: string;
  /** JavaScript regular expression tested against each removed line. */
  removed?: string;
}

export interface RiskPolicy {
  /** `aiprov check` exits 1 when a finding reaches this severity. */
  failOn: Severity;
  /** Rule ids switched off. */
  disabledRules: string[];
  customRules: CustomRule[];
}

export interface TrailerPolicy {
  enabled: boolean;
  /** `assisted-by` (Linux kernel grammar) or `generated-by`. */
  style: 'assisted-by' | 'generated-by';
  /** At most this many `Destructive-change:` trailers; the rest are counted. */
  maxDestructive: number;
}

export interface Policy {
  version: 1;
  seniors: Senior[];
  engineers: Engineer[];
  criticalPaths: CriticalPath[];
  approval: ApprovalPolicy;
  /** Repository-relative path of the OpenSSH allowed-signers file. */
  allowedSigners: string;
  trailers: TrailerPolicy;
  risk: RiskPolicy;
}

/** Where the policy lives, relative to the repository root. */
export const POLICY_PATH = '.aiprov/policy.json';
