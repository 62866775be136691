// `scim-workbench`: argument dispatch and output only; the work happens in src/core and src/sandbox.
import { commands } from './commandList';
import { EXIT, UsageError, type CliIO } from './command';
import { version } from './version';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = [
    `scim-workbench ${version}: SCIM 2.0 tooling (lint payloads and registries, filters, sandbox, send, explain, probe and cleanup)`,
    '',
    'Usage: scim-workbench <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h      show this help (or `scim-workbench <command> --help`)',
    '  --version, -v   print the version',
  ];
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? topic.usage + '\n' : helpText());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.stderr(`scim-workbench: unknown command '${first}'. Run 'scim-workbench --help' for the list.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`scim-workbench ${command.name}: ${err.message}\n${command.usage}\n`);
      return EXIT.usage;
    }
    // parseArgs reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS_* code.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`scim-workbench ${command.name}: ${(err as Error).message}\n${command.usage}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
