import { type Command } from '../command';
import { agentsCommand } from './agents';
import { checkpointCommand } from './checkpoint';
import { hookCommand } from './hook';
import { installCommand } from './install';
import { notesCommand } from './notes';
import { reviewCommand } from './review';
import { statusCommand } from './status';
import { verifyCommand } from './verify';

/**
 * Every `aiprov` sub-command. Add a command by adding its file under
 * commands/ and one line here.
 */
export const commands: readonly Command[] = [agentsCommand, checkpointCommand, hookCommand, installCommand, notesCommand, reviewCommand, statusCommand, verifyCommand];
