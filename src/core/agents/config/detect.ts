import * as fs from 'fs';
import * as path from 'path';
import { AGENT_IDS, AGENT_INFO, type AgentId } from '../types';
import { configFile, hooksInstalled } from './install';
import { HOOK_SPECS } from './specs';

/** What we know of one agent on this machine and in this repository. */
export interface AgentStatus {
  agent: AgentId;
  displayName: string;
  /** Its config folder exists (project or home) or its program is on PATH. */
  detected: boolean;
  /** Our hooks are in the project's config / in the user's config. */
  connected: { project: boolean; global: boolean };
  projectFile: string;
  globalFile: string;
}

function onPath(names: readonly string[], envPath: string): boolean {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    for (const n of names) {
      try {
        fs.accessSync(path.join(dir, n), fs.constants.X_OK);
        return true;
      } catch {
        /* not here */
      }
    }
  }
  return false;
}

/** The status of every agent we can connect, for `aiprov agents list` and VS Code's quick pick. */
export function agentStatuses(root: string, home: string, envPath = process.env.PATH ?? ''): AgentStatus[] {
  return AGENT_IDS.map((agent) => {
    const spec = HOOK_SPECS[agent];
    const project = { agent, global: false, root, home };
    const global = { agent, global: true, root, home };
    const marker = spec.markers.some((m) => fs.existsSync(path.join(root, m)) || fs.existsSync(path.join(home, m)));
    return {
      agent,
      displayName: AGENT_INFO[agent].displayName,
      detected: marker || onPath(spec.binaries, envPath),
      connected: { project: hooksInstalled(project), global: hooksInstalled(global) },
      projectFile: configFile(project),
      globalFile: configFile(global),
    };
  });
}
