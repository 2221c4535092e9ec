/** The risk engine: rules as data, run on a change or a git diff. No vscode. */
export * from './types';
export { parseUnifiedDiff, changeFromTexts, splitLines } from './diff';
export { analyze, analyzeDiff, analyzeChange, activeRules, reachesThreshold } from './engine';
export { riskOptionsFromPolicy, type RiskOptions } from './options';
export { type RiskRule } from './rule';
export { BUILTIN_RULES } from './rules/index';
export { classify, languageOf, type FileKind, type Language, type Tag } from './classify';
export { formatText, summaryLine, countBySeverity, location } from './report';
export { toSarif, SARIF_SCHEMA } from './sarif';
export { revertEdit, type RevertEdit } from './revert';
