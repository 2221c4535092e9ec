import * as path from 'path';
import { parseArgs } from 'util';
import { type LineKind } from '../../core/attribution/contributor';
import { type FileLineAttribution } from '../../core/worklog';
import { repoRoot } from '../../git/git';
import { repoAttributions } from '../../git/worklog';
import { type Command } from '../command';
import { CliError } from '../errors';
import { type Io } from '../io';

const help = `Usage: aiprov status [--json] [PATH...]

Shows who wrote the uncommitted lines of each file, from the working log in
.git/ai-provenance (what the editor and agent hooks recorded, including
agent events not merged yet). Works without VS Code running.

Per file: lines written by AI, by a human, by an unknown source, and mixed
lines (AI and other characters on one line), with their line ranges and
the agent, model and signal for each range. Lines changed since the log was
written are left out rather than guessed. PATH limits the output to files
at or under those paths.

Options:
  --json   print JSON (shape below) instead of text

JSON (version 1):
  {"version":1,"repository":"/abs/root",
   "files":[{"path":"src/a.ts","lines":120,"ai":10,"human":5,"unknown":0,"mixed":2,
             "reconciled":false,
             "ranges":[{"startLine":3,"endLine":12,"kind":"ai","agent":"ClaudeCode",
                        "model":"claude-sonnet-4-5","session":"…","via":"agent-hook",
                        "at":"2026-01-01T00:00:00.000Z"}]}],
   "totals":{"files":1,"lines":120,"ai":10,"human":5,"unknown":0,"mixed":2}}
`;

/**
 * The JSON `aiprov status --json` prints (version 1). Paths are
 * repo-relative with `/`; line numbers are 1-based and inclusive; `kind` is
 * `ai | human | unknown | mixed` (Agent Trace's contributor types); `agent`,
 * `model`, `session` appear when known; `via` is the signal
 * (`agent-hook | inline-completion | chat-edit | external-write | heuristic
 * | manual`); `at` is ISO-8601. `reconciled` is true when the file changed
 * since the log was written and ranges were mapped with a line diff.
 * Counts are of lines; `lines` is the file's line count.
 */
export interface StatusJson {
  version: 1;
  repository: string;
  files: {
    path: string;
    lines: number;
    ai: number;
    human: number;
    unknown: number;
    mixed: number;
    reconciled: boolean;
    ranges: { startLine: number; endLine: number; kind: LineKind; agent?: string; model?: string; session?: string; via: string; at: string }[];
  }[];
  totals: { files: number; lines: number; ai: number; human: number; unknown: number; mixed: number };
}

function toJson(root: string, files: readonly FileLineAttribution[]): StatusJson {
  const totals = { files: files.length, lines: 0, ai: 0, human: 0, unknown: 0, mixed: 0 };
  const out = files.map((f) => {
    totals.lines += f.lineCount;
    for (const k of ['ai', 'human', 'unknown', 'mixed'] as const) totals[k] += f.counts[k];
    return {
      path: f.path,
      lines: f.lineCount,
      ...f.counts,
      reconciled: f.reconciled,
      ranges: f.ranges.map((r) => ({ startLine: r.startLine, endLine: r.endLine, ...r.contributor, kind: r.kind })),
    };
  });
  return { version: 1, repository: root, files: out, totals };
}

function toText(files: readonly FileLineAttribution[]): string {
  if (files.length === 0) return 'No uncommitted attribution recorded.\n';
  const lines: string[] = [];
  for (const f of files) {
    const c = f.counts;
    lines.push(`${f.path}: AI ${c.ai}, mixed ${c.mixed}, human ${c.human}, unknown ${c.unknown} of ${f.lineCount} lines${f.reconciled ? ' (changed since recorded)' : ''}`);
    for (const r of f.ranges) {
      const span = r.startLine === r.endLine ? `${r.startLine}` : `${r.startLine}-${r.endLine}`;
      const who = [r.contributor.agent, r.contributor.model].filter(Boolean).join(' ');
      lines.push(`  ${span.padEnd(11)} ${r.kind.padEnd(7)} ${who ? `${who} ` : ''}(${r.contributor.via})`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Keeps files at or under the given paths (relative to the current folder). */
function filter(files: FileLineAttribution[], root: string, cwd: string, paths: string[]): FileLineAttribution[] {
  if (paths.length === 0) return files;
  const wanted = paths.map((p) => path.relative(root, path.resolve(cwd, p)).split(path.sep).join('/'));
  return files.filter((f) => wanted.some((w) => w === '' || f.path === w || f.path.startsWith(`${w}/`)));
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'uncommitted attribution per file: AI, human, unknown lines and ranges',
  help,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    const root = await repoRoot(io.cwd);
    if (!root) throw new CliError(`not a git repository: ${io.cwd}`);
    const warn = (m: string) => io.err(`aiprov: warning: ${m}\n`);
    const files = filter(await repoAttributions(root, warn), root, io.cwd, positionals);
    io.out(values.json ? JSON.stringify(toJson(root, files), null, 2) + '\n' : toText(files));
    return 0;
  },
};
