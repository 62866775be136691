// Every subcommand, in the order `--help` lists them. Each lives in its own file under commands/.
import type { CliCommand } from './command';
import { filterCommand } from './commands/filter';
import { lintCommand } from './commands/lint';
import { sandboxCommand } from './commands/sandbox';

export const commands: CliCommand[] = [lintCommand, filterCommand, sandboxCommand];
