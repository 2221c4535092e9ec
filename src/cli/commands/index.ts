import { type Command } from '../command';
import { agentsCommand } from './agents';
import { hookCommand } from './hook';
import { installCommand } from './install';
import { statusCommand } from './status';

/**
 * Every `aiprov` sub-command. Add a command by adding its file under
 * commands/ and one line here.
 */
export const commands: readonly Command[] = [agentsCommand, hookCommand, installCommand, statusCommand];
