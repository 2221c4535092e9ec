// `npm start`: build, package the VSIX, and open it in a real VS Code on a
// sample git repository.
//  - With a desktop VS Code (`code` on PATH) and no --browser: installs the
//    VSIX into it and opens the sample repository in a new window.
//  - Otherwise: VS Code in the browser (code-server, installed once into
//    ~/.cache/ai-provenance), with the VSIX installed, serving on
//    http://127.0.0.1:PORT (AIPROV_PORT, default 8080). Ctrl+C stops it.
//  Options: --browser (force code-server), --port N, --folder DIR (open DIR instead of the sample).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installVsix, startCodeServer } from './lib/code-server.mjs';
import { createSampleRepo } from './lib/repo.mjs';
import { writeUserSettings } from './lib/workbench.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { browser: { type: 'boolean' }, port: { type: 'string' }, folder: { type: 'string' } } });
const state = path.join(root, '.vscode-test');
const vsix = path.join(root, 'dist', 'ai-provenance.vsix');

function step(msg) {
  console.log(`\n› ${msg}`);
}

step('Building and packaging the extension');
const pkg = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
if (pkg.status !== 0) process.exit(pkg.status ?? 1);

let folder = values.folder ? path.resolve(values.folder) : path.join(state, 'sample-repo');
if (!values.folder && !fs.existsSync(path.join(folder, '.git'))) {
  step(`Creating a sample git repository in ${path.relative(process.cwd(), folder) || folder}`);
  createSampleRepo(folder);
}

const hasCode = !values.browser && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  step('Installing into your VS Code and opening the sample repository');
  const inst = spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  if (inst.status !== 0) process.exit(inst.status ?? 1);
  spawnSync('code', ['--new-window', folder], { stdio: 'inherit' });
  console.log('\nAI Provenance is installed. Open the "AI Provenance" icon in the activity bar.');
} else {
  const userDataDir = path.join(state, 'start-user-data');
  const extensionsDir = path.join(state, 'start-extensions');
  if (!fs.existsSync(path.join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir, { 'workbench.startupEditor': 'readme' });
  step('Starting VS Code in the browser (code-server; the first run installs it, a few minutes)');
  installVsix(vsix, extensionsDir, userDataDir);
  const port = Number(values.port ?? process.env.AIPROV_PORT ?? 8080);
  const server = await startCodeServer({ port, userDataDir, extensionsDir, folder, disableWorkspaceTrust: false });
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  console.log(`\nAI Provenance is running in VS Code ${'1.139'} (code-server) on ${folder}`);
  console.log(`Open: ${url}`);
  console.log('(Trust the folder when VS Code asks: git features need a trusted workspace.) Ctrl+C stops the server.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => {});
}
