// `scim-workbench`: argument dispatch and output only; the work happens in src/core and src/sandbox.
import { commands } from './commandList';
import { EXIT, UsageError, jsonErrors, wantsJson, type CliIO } from './command';
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
    const entry = first === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    const topic = entry ? await entry.load() : undefined;
    io.stdout(topic ? topic.usage + '\n' : helpText());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version}\n`);
    return EXIT.ok;
  }
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    io.stderr(`scim-workbench: unknown command '${first}'. Run 'scim-workbench --help' for the list.\n`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return EXIT.ok;
  }
  // `probe --json FILE` writes its report to a file: only commands that print JSON answer failures in JSON.
  const json = command.jsonOnStdout === true && wantsJson(rest);
  try {
    return await command.run(rest, io);
  } catch (err) {
    // parseArgs reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS_* code.
    const code = (err as { code?: unknown }).code;
    if (err instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`scim-workbench ${command.name}: ${(err as Error).message}\n${command.usage}\n`);
      if (json) io.stdout(jsonErrors([{ code: err instanceof UsageError ? err.code : 'usage', message: (err as Error).message }]));
      return EXIT.usage;
    }
    if (json) io.stdout(jsonErrors([{ code: 'internal', message: `internal error: ${err instanceof Error ? err.message : String(err)}` }]));
    throw err;
  }
}
