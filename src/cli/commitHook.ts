import * as nodeModule from 'module';

/**
 * The git hooks' entry point, `dist/commit-hook.js` (what the scripts
 * `aiprov install` writes start when a commit has AI lines). It is only
 * this: Node 22.1 and later can keep the compiled code of the modules loaded
 * after `enableCompileCache()` (in the OS temp folder, keyed by content), so
 * the hook code itself, `dist/commit-hook-main.js` (the hook command alone,
 * not the whole CLI), is loaded only after the call. Older Node lacks the
 * call and compiles as before.
 */
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
nodeModule.createRequire(__filename)('./commit-hook-main.js');
