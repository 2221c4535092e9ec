import { type Command } from '../command';
import { agentsCommand } from './agents';
import { statusCommand } from './status';

/**
 * Every `aiprov` sub-command. Add a command by adding its file under
 * commands/ and one line here.
 */
export const commands: readonly Command[] = [agentsCommand, statusCommand];
