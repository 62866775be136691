// Every subcommand, in the order `--help` lists them. Each lives in its own file under commands/.
import type { CliCommand } from './command';
import { filterCommand } from './commands/filter';
import { lintCommand } from './commands/lint';
import { sandboxCommand } from './commands/sandbox';
import { sendCommand } from './commands/send';
import { explainCommand } from './commands/explain';
import { probeCommand } from './commands/probe';
import { cleanupCommand } from './commands/cleanup';

export const commands: CliCommand[] = [lintCommand, filterCommand, sandboxCommand, sendCommand, explainCommand, probeCommand, cleanupCommand];
