import { type RiskRule } from '../rule';
import { authRules } from './auth';
import { changeRules } from './changes';
import { ciRules } from './ci';
import { cloudFormationRules } from './cloudformation';
import { depsRules } from './deps';
import { kubernetesRules } from './kubernetes';
import { migrationRules } from './migrations';
import { secretRules } from './secrets';
import { shellRules } from './shell';
import { sqlRules } from './sql';
import { terraformRules } from './terraform';
import { testRules } from './tests';

/** Every built-in rule. */
export const BUILTIN_RULES: readonly RiskRule[] = [
  ...sqlRules,
  ...migrationRules,
  ...terraformRules,
  ...cloudFormationRules,
  ...kubernetesRules,
  ...shellRules,
  ...changeRules,
  ...testRules,
  ...ciRules,
  ...secretRules,
  ...depsRules,
  ...authRules,
];
