// One bundler for everything: the extension (vscode external), the aiprov CLI,
// and the test bundles (unit tests for node:test, suites for the VS Code host).
//   node scripts/build.mjs [--production] [--tests] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const tests = args.has('--tests');
const watch = args.has('--watch');

function walk(dir, pred, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], metafile: true },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The agent-hook entry alone (aiprov checkpoint): a small bundle loads faster on every agent edit.
  { ...common, entryPoints: ['src/cli/hook.ts'], outfile: 'dist/hook.js', banner: { js: '#!/usr/bin/env node' } },
  // The git hooks' entry (commits with AI lines): a stub that turns on Node's compile cache, then the hook command alone.
  { ...common, entryPoints: ['src/cli/commitHook.ts'], outfile: 'dist/commit-hook.js' },
  { ...common, entryPoints: ['src/cli/commitHookMain.ts'], outfile: 'dist/commit-hook-main.js' },
];

if (tests) {
  const unit = walk(path.join(root, 'test/unit'), (p) => p.endsWith('.test.ts'));
  if (unit.length) builds.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: unit, outdir: 'out/test/unit', outbase: 'test/unit', external: ['eslint', 'playwright-core'] });
  const ui = walk(path.join(root, 'test/ui'), (p) => p.endsWith('.test.ts'));
  if (ui.length) builds.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: ui, outdir: 'out/test/ui', outbase: 'test/ui', external: ['playwright-core'] });
  const host = walk(path.join(root, 'test/vscode'), (p) => p.endsWith('.ts'));
  if (host.length) builds.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: host, outdir: 'out/test/vscode', outbase: 'test/vscode', external: ['vscode', 'mocha'] });
  const bench = walk(path.join(root, 'bench'), (p) => p.endsWith('.bench.ts'));
  if (bench.length) builds.push({ ...common, minify: false, sourcemap: false, entryPoints: bench, outdir: 'out/bench', outbase: 'bench' });
  const fixtures = walk(path.join(root, 'test/fixtures/extensions'), (p) => /extension\.ts$/.test(p));
  for (const f of fixtures) builds.push({ ...common, minify: false, entryPoints: [f], outfile: f.replace(/\.ts$/, '.js'), external: ['vscode'] });
}

if (watch) {
  const ctxs = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(ctxs.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
  if (results[0].metafile) fs.writeFileSync(path.join(root, 'dist/extension.meta.json'), JSON.stringify(results[0].metafile));
}
