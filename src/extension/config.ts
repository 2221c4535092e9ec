import * as vscode from 'vscode';

/** Every setting of the extension, typed. Keys mirror package.json. */
export interface AiProvenanceConfig {
  /** `aiProvenance.enabled` */
  readonly enabled: boolean;
}

export const CONFIG_SECTION = 'aiProvenance';

export function readConfig(scope?: vscode.ConfigurationScope): AiProvenanceConfig {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  return {
    enabled: c.get<boolean>('enabled', true),
  };
}
