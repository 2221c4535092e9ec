// Packages the extension (production bundles) and checks that the VSIX holds
// exactly the allow-list of .vscodeignore, then that code-server's
// --install-extension accepts it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installVsix } from './lib/code-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const vsix = path.join(root, 'dist', 'ai-provenance.vsix');
const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) {
  console.error('npm run package failed');
  process.exit(1);
}
// A VSIX is a zip; list it with Python's zipfile (always on these machines) or unzip.
const listing = execFileSync('python3', ['-c', 'import sys,zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' });
const files = listing.split('\n').filter(Boolean).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
const allowed = [/^package\.json$/, /^dist\/extension\.js$/, /^dist\/cli\.js$/, /^dist\/hook\.js$/, /^dist\/commit-hook(-main)?\.js$/, /^media\/.+$/, /^schemas\/[^/]+\.json$/, /^readme\.md$/i, /^license(\.txt)?$/i, /^changelog\.md$/i];
const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
const required = ['package.json', 'dist/extension.js', 'dist/cli.js', 'dist/hook.js', 'dist/commit-hook.js', 'dist/commit-hook-main.js', 'media/activity.svg', 'schemas/policy.schema.json', 'readme.md', 'changelog.md'];
const missing = required.filter((req) => !files.some((f) => f.toLowerCase() === req.toLowerCase()));
const ok = (cond, msg) => {
  console.log(`${cond ? '✔' : '✖'} ${msg}`);
  return cond;
};
let passed = 0;
let failed = 0;
for (const [cond, msg] of [
  [unexpected.length === 0, `VSIX holds only allow-listed files${unexpected.length ? `; unexpected: ${unexpected.join(', ')}` : ` (${files.length} files)`}`],
  [missing.length === 0, `VSIX holds the bundles, media, schema, README, LICENSE and CHANGELOG${missing.length ? `; missing: ${missing.join(', ')}` : ''}`],
  [fs.statSync(vsix).size < 2_000_000, `VSIX size ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`],
]) {
  if (ok(cond, msg)) passed++;
  else failed++;
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-vsix-'));
try {
  installVsix(vsix, path.join(tmp, 'ext'), path.join(tmp, 'data'));
  const installed = fs.readdirSync(path.join(tmp, 'ext')).filter((d) => d.startsWith('ai-provenance.ai-provenance-'));
  if (ok(installed.length === 1 && fs.existsSync(path.join(tmp, 'ext', installed[0], 'dist/extension.js')), `code-server --install-extension accepts the VSIX (${installed[0] ?? 'not installed'})`)) passed++;
  else failed++;
} catch (e) {
  ok(false, `code-server --install-extension failed: ${e.message}`);
  failed++;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
