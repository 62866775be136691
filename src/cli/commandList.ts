// Every subcommand, in the order `--help` lists them. Each lives in its own file under commands/.
import type { CliCommand } from './command';
import { filterCommand } from './commands/filter';

export const commands: CliCommand[] = [filterCommand];
