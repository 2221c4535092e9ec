/**
 * What kind of file a path is, so that each rule runs only where it means
 * something (`DROP TABLE` in a README is prose, in a migration it is a drop).
 */

/** The syntax of a file, which decides how comments are stripped. */
export type Language =
  | 'sql' | 'terraform' | 'yaml' | 'json' | 'xml' | 'shell' | 'makefile' | 'dockerfile' | 'prisma'
  | 'python' | 'ruby' | 'js' | 'java' | 'go' | 'rust' | 'csharp' | 'php' | 'markdown' | 'env' | 'other';

/** Roles a file plays, independent of its syntax. */
export type Tag =
  | 'migration' | 'test' | 'ci' | 'lockfile' | 'manifest' | 'env' | 'docs' | 'kubernetes' | 'helm' | 'cloudformation'
  | 'branch-protection' | 'codeowners' | 'credentials' | 'script' | 'generated' | 'fixture';

export interface FileKind {
  readonly language: Language;
  readonly tags: ReadonlySet<Tag>;
}

const EXT: Record<string, Language> = {
  sql: 'sql', tf: 'terraform', tofu: 'terraform', hcl: 'terraform', yml: 'yaml', yaml: 'yaml', json: 'json', xml: 'xml',
  sh: 'shell', bash: 'shell', zsh: 'shell', ksh: 'shell', ps1: 'shell', prisma: 'prisma', py: 'python', rb: 'ruby', rake: 'ruby',
  js: 'js', mjs: 'js', cjs: 'js', ts: 'js', mts: 'js', cts: 'js', jsx: 'js', tsx: 'js', java: 'java', kt: 'java', kts: 'java', scala: 'java',
  groovy: 'java', go: 'go', rs: 'rust', cs: 'csharp', php: 'php', md: 'markdown', markdown: 'markdown', rst: 'markdown', txt: 'markdown', adoc: 'markdown',
  mk: 'makefile', env: 'env',
};

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'Cargo.lock', 'poetry.lock', 'Pipfile.lock',
  'uv.lock', 'Gemfile.lock', 'go.sum', 'composer.lock', 'mix.lock', 'pubspec.lock', 'Podfile.lock', 'packages.lock.json', 'gradle.lockfile',
  '.terraform.lock.hcl', 'flake.lock',
]);

const MANIFESTS = new Set(['package.json', 'Cargo.toml', 'pyproject.toml', 'Pipfile', 'Gemfile', 'go.mod', 'composer.json', 'mix.exs', 'pubspec.yaml', 'Podfile', 'requirements.txt', 'build.gradle', 'build.gradle.kts', 'flake.nix']);

/** The manifest a lockfile is generated from, by lockfile name. */
export const LOCK_MANIFEST: Record<string, readonly string[]> = {
  'package-lock.json': ['package.json'], 'npm-shrinkwrap.json': ['package.json'], 'yarn.lock': ['package.json'], 'pnpm-lock.yaml': ['package.json', 'pnpm-workspace.yaml'],
  'bun.lockb': ['package.json'], 'bun.lock': ['package.json'], 'Cargo.lock': ['Cargo.toml'], 'poetry.lock': ['pyproject.toml'], 'uv.lock': ['pyproject.toml'],
  'Pipfile.lock': ['Pipfile'], 'Gemfile.lock': ['Gemfile'], 'go.sum': ['go.mod'], 'composer.lock': ['composer.json'], 'mix.lock': ['mix.exs'],
  'pubspec.lock': ['pubspec.yaml'], 'Podfile.lock': ['Podfile'], 'flake.lock': ['flake.nix'],
};

const CI_PATH = /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab\/ci\/[^/]+\.ya?ml|Jenkinsfile[^/]*|\.circleci\/config\.ya?ml|azure-pipelines[^/]*\.ya?ml|bitbucket-pipelines\.ya?ml|\.buildkite\/[^/]+\.ya?ml|\.travis\.ya?ml|\.drone\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|\.github\/actions\/[^/]+\/action\.ya?ml)$/;
const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|e2e|testing)\/|(^|\/)test_[^/]+\.py$|_test\.(py|go|rb|exs?)$|\.(test|spec|e2e-spec|cy)\.[cm]?[jt]sx?$|(Test|Tests|IT|Spec)\.(java|kt|scala|groovy|cs)$|_spec\.rb$/;
const MIGRATION_PATH = /(^|\/)(db\/migrate|migrations?|alembic\/versions|db\/changelog|changelogs?|liquibase|flyway|sql\/migrations?)\/|(^|\/)V\d+(_\d+)*__[^/]+\.sql$|(^|\/)schema\.prisma$/;
const CREDENTIALS = /(^|\/)(id_(rsa|dsa|ecdsa|ed25519)|[^/]+\.(pem|key|p12|pfx|jks|keystore|ppk)|credentials(\.json)?|\.pgpass|\.netrc|\.htpasswd|service-account[^/]*\.json|\.dockercfg|\.docker\/config\.json)$/;
const ENV_FILE = /(^|\/)\.env(\.[^/]*)?$|(^|\/)[^/]+\.env$/;
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults?)$|\.example\.env$/;
const K8S_PATH = /(^|\/)(k8s|kubernetes|manifests|kustomize|overlays|base|deploy|deployments?)\//;
const HELM_PATH = /(^|\/)(charts?\/[^/]+\/)?values[^/]*\.ya?ml$/;
const BRANCH_PROTECTION = /(^|\/)(\.github\/settings\.ya?ml|\.github\/rulesets\/[^/]+\.json|[^/]*branch[-_]protection[^/]*)$/;
const FIXTURE = /(^|\/)((tests?|spec|e2e)\/fixtures?|testdata|__fixtures__|__snapshots__|fixtures)\//;
const GENERATED = /(^|\/)(dist|build|out|vendor|node_modules|target)\/|\.min\.(js|css)$|\.snap$|\.map$/;

function baseName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

/** The language of a path, from its name alone. */
export function languageOf(path: string): Language {
  const base = baseName(path);
  if (/^(GNU)?[Mm]akefile$|^justfile$|^Justfile$/.test(base)) return 'makefile';
  if (/^(Docker|Container)file(\.|$)/.test(base)) return 'dockerfile';
  if (/^Jenkinsfile/.test(base) || base === 'Rakefile' || base === 'Gemfile') return base.startsWith('Jenkins') ? 'java' : 'ruby';
  if (ENV_FILE.test(path)) return 'env';
  const dot = base.lastIndexOf('.');
  return dot < 0 ? 'other' : (EXT[base.slice(dot + 1).toLowerCase()] ?? 'other');
}

/**
 * Classifies a file by path and, for YAML and JSON, by a sample of its text
 * (Kubernetes and CloudFormation cannot be told apart by name).
 */
export function classify(path: string, sample: string): FileKind {
  const language = languageOf(path);
  const base = baseName(path);
  const tags = new Set<Tag>();
  if (CI_PATH.test(path)) tags.add('ci');
  if (TEST_PATH.test(path)) tags.add('test');
  if (MIGRATION_PATH.test(path) && language !== 'markdown') tags.add('migration');
  if (LOCKFILES.has(base)) tags.add('lockfile');
  if (MANIFESTS.has(base)) tags.add('manifest');
  if (ENV_FILE.test(path) && !ENV_TEMPLATE.test(path)) tags.add('env');
  if (CREDENTIALS.test(path) && !/(^|\/)(test|fixtures?|testdata)\//.test(path)) tags.add('credentials');
  if (language === 'markdown') tags.add('docs');
  if (BRANCH_PROTECTION.test(path)) tags.add('branch-protection');
  if (/(^|\/)CODEOWNERS$/.test(path)) tags.add('codeowners');
  if (GENERATED.test(path)) tags.add('generated');
  if (FIXTURE.test(path)) tags.add('fixture');
  if (language === 'shell' || language === 'makefile' || language === 'dockerfile' || /(^|\/)(scripts?|bin|hack|tools)\//.test(path)) tags.add('script');
  if (language === 'yaml' || language === 'json') {
    if (/AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/.test(sample)) tags.add('cloudformation');
    else if (/(^|\n)\s*-?\s*["']?apiVersion["']?\s*:/.test(sample) && /(^|\n)\s*["']?kind["']?\s*:/.test(sample)) tags.add('kubernetes');
    else if (K8S_PATH.test(path) && /(^|\n)\s*(kind|apiVersion|metadata|spec)\s*:/.test(sample)) tags.add('kubernetes');
    if (language === 'yaml' && HELM_PATH.test(path) && !tags.has('ci')) tags.add('helm');
  }
  return { language, tags };
}
