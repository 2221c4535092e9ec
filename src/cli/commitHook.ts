import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';

/**
 * The git hooks' entry point, `dist/commit-hook.js` (what the scripts
 * `aiprov install` writes start when a commit has AI lines). It only loads
 * the hook code, `dist/commit-hook-main.js` (the hook command alone, not the
 * whole CLI), with its compiled code kept on disk between commits: through
 * Node's own compile cache (`module.enableCompileCache`, Node 22.1 and
 * later, in the OS temp folder), else through V8's code cache in a
 * per-user folder (measured on Node 20: about 10 to 15 ms less per start).
 * Anything wrong with the cache only costs a normal load.
 */
const MAIN = path.join(__dirname, 'commit-hook-main.js');
const withCache = Module as unknown as { enableCompileCache?: () => unknown };

if (withCache.enableCompileCache) {
  withCache.enableCompileCache();
  Module.createRequire(__filename)(MAIN);
} else {
  const run = compileWithCodeCache();
  if (run) run();
  else Module.createRequire(__filename)(MAIN);
}

/** Compiles MAIN as a CommonJS module with V8's code cache; undefined when that cannot be done. */
function compileWithCodeCache(): (() => void) | undefined {
  try {
    const st = fs.statSync(MAIN);
    const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ai-provenance', 'code-cache');
    const file = path.join(dir, `commit-hook-${process.version}-${process.arch}-${st.size}-${Math.trunc(st.mtimeMs)}.bin`);
    let cached: Buffer | undefined;
    try {
      cached = fs.readFileSync(file);
    } catch {
      cached = undefined;
    }
    const script = new vm.Script(Module.wrap(fs.readFileSync(MAIN, 'utf8')), { filename: MAIN, cachedData: cached });
    if (!cached || script.cachedDataRejected) {
      // Written at exit, after the hook ran: the functions it compiled are in the cache too.
      process.once('exit', () => saveCache(dir, file, script));
    }
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
    const m = new Module(MAIN, module);
    m.filename = MAIN;
    return () => wrapper.call(m.exports, m.exports, Module.createRequire(MAIN), m, MAIN, path.dirname(MAIN));
  } catch {
    return undefined;
  }
}

function saveCache(dir: string, file: string, script: vm.Script): void {
  try {
    // Private to the user: code read from here is run.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    /* no cache this time */
  }
}
