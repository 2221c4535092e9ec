// Opening the real VS Code workbench (code-server) in headless Chromium.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH');
  return found;
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * The workbench URL for a folder, with the development-extension payload
 * (honoured because code-server runs with enable-smoke-test-driver).
 * `extensionPath` may be an array: the workbench loads each of them.
 */
export function workbenchUrl(port, folder, { extensionPath, testsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  // Several development extensions (ours plus test fixtures): one entry each.
  for (const p of [extensionPath].flat().filter(Boolean)) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** User settings for a test profile: quiet, deterministic, git on. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = `${userDataDir}/User`;
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'git.enabled': true,
    'git.autofetch': false,
    'git.openRepositoryInParentFolders': 'always',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    // The web workbench saves after a delay by default: saves at random
    // moments race a test's own save (document.save() then returns false)
    // and change what is on disk under `aiprov` and git.
    'files.autoSave': 'off',
    // The word-completion list hides inline suggestions (and our Tab binding
    // yields to it): tests that accept inline suggestions need it closed.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.wordBasedSuggestions': 'off',
    ...extra,
  };
  fs.writeFileSync(`${dir}/settings.json`, JSON.stringify(settings, null, 2));
}
