import { parseArgs } from 'util';
import { combineNoteTexts } from '../../core/trace/combine';
import { git, repoRoot } from '../../git/git';
import { type NotesMerge, NOTES_REF, fetchedNotesRefs, mergeNotes, remoteNotesRef, setupNotesSync } from '../../git/notes';
import { hooksInstalled, installHooks } from '../../git/hooks/install';
import { type Command } from '../command';
import { CliError, UsageError } from '../errors';
import { type Io } from '../io';
import { cliPath } from './install';

const help = `Usage: aiprov notes setup [--remote NAME] [--no-push] [--json]
       aiprov notes merge [--remote NAME] [--json]

Provenance notes live on ${NOTES_REF}, one Agent Trace record per commit.

  setup   configures the remote (default: every remote) so that
          'git fetch' brings its notes into ${remoteNotesRef('<remote>')}
          (never over yours) and 'git push' sends yours. A remote without
          push refspecs also gets 'HEAD', so 'git push' still pushes the
          current branch. --no-push configures fetching only. Where
          'aiprov install' put the hooks, it adds the reference-transaction
          hook: every 'git fetch' then runs the merge below by itself.
  merge   merges fetched notes into yours after 'git fetch': notes only one
          side has are taken, and a commit noted on both sides keeps both
          records. Nothing local is overwritten; afterwards your notes ref
          descends from the remote's, so pushing it fast-forwards.

A push of notes is rejected when the remote has notes you have not merged:
run 'git fetch' (and 'aiprov notes merge' without the hook), then push again.
`;

export const notesCommand: Command = {
  name: 'notes',
  summary: 'share provenance notes: configure fetch/push refspecs, merge fetched notes',
  help,
  async run(argv: string[], io: Io): Promise<number> {
    const [sub, ...rest] = argv;
    const { values } = parseArgs({ args: rest, options: { remote: { type: 'string' }, 'no-push': { type: 'boolean' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false });
    const root = await repoRoot(io.cwd);
    if (!root) throw new CliError(`not a git repository: ${io.cwd}`);
    if (sub === 'setup') {
      const remotes = values.remote ? [values.remote] : await allRemotes(root);
      if (remotes.length === 0) throw new CliError('this repository has no remote to share notes with');
      const results = [];
      for (const r of remotes) {
        try {
          results.push(await setupNotesSync(root, r, { push: !values['no-push'] }));
        } catch (e) {
          throw new CliError((e as Error).message);
        }
      }
      // With our hooks in place, fetching now merges at once (reference-transaction).
      const hooks = (await hooksInstalled(root)) ? (await installHooks({ cwd: root, nodePath: process.execPath, cliPath: cliPath() })).filter((a) => a.hook === 'reference-transaction') : [];
      if (values.json) io.out(`${JSON.stringify({ version: 1, remotes: results, hooks }, null, 2)}\n`);
      else {
        for (const s of results) io.out(s.added.length ? s.added.map((a) => `${s.remote}: added ${a}\n`).join('') : `${s.remote}: already set up\n`);
        for (const a of hooks) if (a.action !== 'unchanged') io.out(`${a.hook}: ${a.action} (${a.file}) — git fetch now merges fetched notes into yours\n`);
      }
      return 0;
    }
    if (sub === 'merge') {
      const refs = values.remote ? [remoteNotesRef(values.remote)] : await fetchedNotesRefs(root);
      const results: NotesMerge[] = [];
      for (const ref of refs) results.push(await mergeNotes(root, ref, combineNoteTexts));
      if (values.json) io.out(`${JSON.stringify({ version: 1, merges: results }, null, 2)}\n`);
      else if (results.length === 0) io.out('no fetched notes to merge (run aiprov notes setup, then git fetch)\n');
      else for (const m of results) io.out(`${m.from}: ${m.result}${m.combined ? `, ${m.combined} note(s) combined` : ''}\n`);
      return 0;
    }
    throw new UsageError(sub ? `unknown notes command '${sub}' (expected setup or merge)` : 'missing notes command (setup or merge)');
  },
};

async function allRemotes(cwd: string): Promise<string[]> {
  const r = await git(['remote'], { cwd });
  return r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}
