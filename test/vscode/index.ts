// Entry point that VS Code calls inside the extension host
// (extensionTestsPath): runs every suite under suite/ with mocha and streams
// results to the file the harness tails (AIPROV_TEST_RESULTS).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import Mocha from 'mocha';

function writer(file: string | undefined): (line: string) => void {
  return (line: string) => {
    if (file) fs.appendFileSync(file, `${line}\n`);
    else console.log(line);
  };
}

export async function run(): Promise<void> {
  const write = writer(process.env.AIPROV_TEST_RESULTS);
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: class {} as unknown as typeof Mocha.reporters.Base });
  if (process.env.AIPROV_TEST_GREP) mocha.grep(process.env.AIPROV_TEST_GREP);
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  write(`Running in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost}), extension host pid ${process.pid}`);

  const failures: { title: string; err: Error }[] = [];
  let passed = 0;
  let pending = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    let depth = 0;
    runner.on('suite', (s: Mocha.Suite) => {
      if (s.title) write(`${'  '.repeat(depth)}${s.title}`);
      if (s.title) depth++;
    });
    runner.on('suite end', (s: Mocha.Suite) => {
      if (s.title) depth--;
    });
    runner.on('pass', (t: Mocha.Test) => {
      passed++;
      write(`${'  '.repeat(depth)}✔ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('pending', (t: Mocha.Test) => {
      pending++;
      write(`${'  '.repeat(depth)}- ${t.title} (skipped)`);
    });
    runner.on('fail', (t: Mocha.Test | Mocha.Hook, err: Error) => {
      failures.push({ title: t.fullTitle(), err });
      write(`${'  '.repeat(depth)}${failures.length}) ${t.title}`);
    });
  });
  for (const [i, f] of failures.entries()) write(`\n${i + 1}) ${f.title}\n   ${String(f.err.stack ?? f.err.message).split('\n').join('\n   ')}`);
  const summary = { passed, failed: failures.length, pending, vscodeVersion: vscode.version, appName: vscode.env.appName };
  if (process.env.AIPROV_TEST_SUMMARY) fs.writeFileSync(process.env.AIPROV_TEST_SUMMARY, JSON.stringify(summary));
  if (failures.length > 0) throw new Error(`${failures.length} VS Code test(s) failed`);
}
