import { type Command } from '../command';
import { agentsCommand } from './agents';
import { blameCommand } from './blame';
import { checkCommand } from './check';
import { checkpointCommand } from './checkpoint';
import { hookCommand } from './hook';
import { installCommand } from './install';
import { notesCommand } from './notes';
import { reviewCommand } from './review';
import { statsCommand } from './stats';
import { statusCommand } from './status';
import { verifyCommand } from './verify';

/**
 * Every `aiprov` sub-command. Add a command by adding its file under
 * commands/ and one line here.
 */
export const commands: readonly Command[] = [agentsCommand, blameCommand, checkCommand, checkpointCommand, hookCommand, installCommand, notesCommand, reviewCommand, statsCommand, statusCommand, verifyCommand];
