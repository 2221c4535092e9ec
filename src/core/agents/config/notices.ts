import * as fs from 'fs';
import * as path from 'path';
import { type AgentId } from '../types';
import { parseConfig } from './merge';
import { GEMINI_HOOK_NAME } from './specs';

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Gemini CLI runs hooks unless `hooksConfig.enabled` is false or the hook's
 * name is in `hooksConfig.disabled` (on by default since v0.27.0:
 * https://geminicli.com/docs/reference/configuration). The user chose that
 * setting, so we only say it, never change it.
 */
function geminiNotices(file: string): string[] {
  const text = readIfExists(file);
  if (text === undefined) return [];
  let cfg: unknown;
  try {
    cfg = parseConfig(text, file);
  } catch {
    return [];
  }
  const hc = (cfg as { hooksConfig?: { enabled?: unknown; disabled?: unknown } }).hooksConfig;
  if (hc?.enabled === false) return [`${file} switches Gemini CLI hooks off (hooksConfig.enabled: false): the checkpoint hook will not run until they are on`];
  if (Array.isArray(hc?.disabled) && hc.disabled.includes(GEMINI_HOOK_NAME)) return [`${file} lists ${GEMINI_HOOK_NAME} in hooksConfig.disabled: Gemini CLI will skip it`];
  return [];
}

/**
 * Codex reads `[features] hooks` (or the older `codex_hooks`) from the
 * config.toml beside hooks.json; hooks are on by default since 0.124.0
 * (https://developers.openai.com/codex/hooks). A line setting either to
 * false switches ours off. Read line by line: only the `[features]` table
 * matters, and a TOML parser is not worth a dependency for it.
 */
function codexNotices(configToml: string): string[] {
  const text = readIfExists(configToml);
  if (text === undefined) return [];
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) table = header[1].trim();
    else if (table === 'features' && /^(hooks|codex_hooks)\s*=\s*false$/.test(line)) return [`${configToml} switches Codex hooks off (${line}): the checkpoint hook will not run until they are on`];
  }
  return [];
}

/**
 * Settings of the agent, next to the config we wrote, that keep our hooks
 * from running; one sentence each, for the person installing them.
 */
export function hookNotices(agent: AgentId, configFile: string): string[] {
  if (agent === 'gemini') return geminiNotices(configFile);
  if (agent === 'codex') return codexNotices(path.join(path.dirname(configFile), 'config.toml'));
  return [];
}
