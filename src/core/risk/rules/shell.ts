import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView } from '../view';
import { mktempVars, rmVerdict } from './rm';

/** Shell scripts, Makefiles, Dockerfiles and CI steps (`run:` lines). */
const SHELL = { languages: ['shell', 'makefile', 'dockerfile'], tags: ['ci', 'script'], exceptTags: ['docs'] } as const;

export const shellRules: readonly RiskRule[] = [
  {
    id: 'shell/rm-rf-root', category: 'shell', severity: 'critical', ...SHELL,
    message: 'rm -rf of the root, a home directory, the whole tree, or `$VAR/` with VAR possibly empty.',
    hint: 'Name the exact directory; guard variables with `${VAR:?}` so an empty one aborts.',
    check: (f) => rmHits(f, 'root'),
  },
  {
    id: 'shell/rm-rf', category: 'shell', severity: 'high', ...SHELL,
    message: 'rm -rf outside temporary or build directories.',
    hint: 'Delete into a temporary directory (`mktemp -d`) or name exactly what goes; prefer moving to a trash location.',
    check: (f) => rmHits(f, 'risky'),
  },
  {
    id: 'shell/git-push-force', category: 'shell', severity: 'high', ...SHELL,
    message: 'Force-pushes: rewrites the remote branch and can drop other people\'s commits.',
    hint: 'Use `--force-with-lease`, and never on shared branches.',
    added: /\bgit\s+(-c\s+\S+\s+)*push\b[^;&|#]*(\s--force(?![-\w])|\s-[a-zA-Z]*f[a-zA-Z]*\b|\s\+[\w/.-]+)/,
  },
  {
    id: 'shell/git-reset-hard', category: 'shell', severity: 'medium', ...SHELL,
    message: 'git reset --hard discards uncommitted work.',
    hint: 'Stash or commit first, or use `git switch`/`git restore` on the paths you mean.',
    added: /\bgit\s+reset\b[^;&|#]*\s--hard\b/,
  },
  {
    id: 'shell/git-clean', category: 'shell', severity: 'medium', ...SHELL,
    message: 'git clean -f deletes untracked files (and with -d, directories) for good.',
    hint: 'Run `git clean -n` first to see what would go.',
    added: /\bgit\s+clean\b[^;&|#]*\s(-[a-zA-Z]*f[a-zA-Z]*|--force)\b/,
    unless: /\bgit\s+clean\b[^;&|#]*\s(-[a-zA-Z]*n[a-zA-Z]*|--dry-run)\b/,
  },
  {
    id: 'shell/git-delete-remote-branch', category: 'shell', severity: 'medium', ...SHELL,
    message: 'Deletes a remote branch.',
    hint: 'Make sure the branch is merged and nobody works on it.',
    added: /\bgit\s+push\b[^;&|#]*(\s--delete\b|\s-d\b|\s:[\w/.-]+)/,
  },
  {
    id: 'shell/terraform-destroy', category: 'shell', severity: 'critical', ...SHELL,
    message: 'Runs terraform destroy: every resource of the configuration is deleted.',
    hint: 'Destroy by hand after reviewing `terraform plan -destroy`, never from a script or pipeline.',
    added: /\b(terraform|tofu|terragrunt)\s+([\w-]+\s+)*?(destroy\b|apply\b[^;&|#]*\s-destroy\b|run-all\s+destroy\b)/,
  },
  {
    id: 'shell/terraform-auto-approve', category: 'shell', severity: 'high', ...SHELL,
    message: 'terraform apply -auto-approve applies whatever the plan says, deletions included, without a look.',
    hint: 'Apply a saved, reviewed plan file (`terraform apply plan.tfplan`), or gate the step on approval.',
    added: /\b(terraform|tofu|terragrunt)\s+([\w-]+\s+)*?apply\b[^;&|#]*\s-auto-approve\b/,
    unless: /\s-destroy\b/,
  },
  {
    id: 'shell/kubectl-delete', category: 'shell', severity: 'high', ...SHELL,
    message: 'Deletes Kubernetes objects (kubectl delete, helm uninstall).',
    hint: 'Delete by hand after checking what the selector matches (`--dry-run=client -o name`).',
    added: /\b(kubectl|oc)\s+((-{1,2}[\w-]+(=\S+)?|-n\s+\S+|--namespace\s+\S+|--context\s+\S+)\s+)*delete\b|\bhelm\s+(\S+\s+)*?(uninstall|delete|del|un)\s+\w/,
    unless: /--dry-run/,
  },
  {
    id: 'shell/cloud-delete', category: 'shell', severity: 'high', ...SHELL,
    message: 'Deletes or terminates cloud resources from the command line.',
    hint: 'Manage the resource in infrastructure as code, or delete it by hand after review.',
    added: /\baws\s+(--?[\w-]+(\s+[^\s-]\S*)?\s+)*[\w-]+\s+(delete-[\w-]+|terminate-[\w-]+|deregister-[\w-]+|purge-queue|rb)\b|\baws\s+s3\s+rm\b[^;&|#]*--recursive|\bgcloud\s+([\w-]+\s+){1,4}delete\b|\baz\s+([\w-]+\s+){1,4}delete\b|\bgsutil\s+(-m\s+)?(rm\s+-[a-zA-Z]*r|rb)\b|\bdoctl\s+([\w-]+\s+){1,3}delete\b/,
  },
  {
    id: 'shell/drop-database', category: 'shell', severity: 'critical', ...SHELL,
    message: 'Drops, resets or wipes a database from the command line.',
    hint: 'Never in scripts or pipelines that can reach production; take a backup and do it by hand.',
    added: /\bdropdb\b|\bmysqladmin\b[^;&|#]*\bdrop\b|\bredis-cli\b[^;&|#]*\bflush(all|db)\b|\bflyway\b[^;&|#]*\bclean\b|\b(rails|rake|bin\/rails)\s+db:(drop|reset|purge|schema:load)\b|\bprisma\s+(migrate\s+reset|db\s+push\b[^;&|#]*--accept-data-loss)|\bmanage\.py\s+(flush|reset_db)\b|\bmongo(sh)?\b[^;&|#]*dropDatabase/i,
  },
  {
    id: 'shell/disk-wipe', category: 'shell', severity: 'critical', ...SHELL,
    message: 'Formats or overwrites a disk.',
    hint: 'Never in a script in the repository.',
    added: /\bmkfs(\.\w+)?\s|\bdd\b[^;&|#]*\bof=\/dev\/(sd|nvme|xvd|hd|vd|disk|mmcblk)|\bwipefs\b|\bshred\b[^;&|#]*\/dev\//,
  },
  {
    id: 'shell/no-verify', category: 'ci', severity: 'medium', ...SHELL,
    message: 'Skips git hooks (--no-verify): the checks the hooks run are bypassed.',
    hint: 'Fix what the hook reports instead of skipping it.',
    added: /\bgit\s+(commit|push|merge|am|rebase)\b[^;&|#]*\s--no-verify\b/,
  },
  {
    id: 'auth/world-writable', category: 'auth', severity: 'medium', ...SHELL,
    message: 'Makes files writable by everyone (chmod 777 / o+w).',
    hint: 'Grant only the owner or group what it needs (755, 750, 640).',
    added: /\bchmod\s+(-[a-zA-Z]+\s+)*(0?777|0?666|a\+rwx|o\+w|ugo\+rwx)\b/,
  },
];

function rmHits(f: FileView, want: 'root' | 'risky'): Hit[] {
  const hits: Hit[] = [];
  let temps: Set<string> | undefined;
  for (const l of f.added) {
    if (!l.code.includes('rm') || f.preexisting(l)) continue;
    temps ??= mktempVars(f.newLines() ?? f.newSides.flatMap((s) => s.map((x) => x.code)));
    if (rmVerdict(l.code, temps) === want) hits.push(at('new', l.line));
  }
  return hits;
}
