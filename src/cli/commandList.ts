// Every subcommand, in the order `--help` lists them. Each lives in its own file under commands/ and is loaded
// only when it runs: `send` must not pay for the sandbox's express and scimmy, or the linter's schemas, at start
// (issue 14: `send` within 3x of curl, process start to exit).
import type { CliCommand } from './command';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

export const commands: CommandEntry[] = [
  { name: 'lint', summary: 'check SCIM payloads, registry files, sandbox configs and request files', load: async () => (await import('./commands/lint')).lintCommand },
  { name: 'filter', summary: 'parse a SCIM filter or PATCH path and print its canonical form', load: async () => (await import('./commands/filter')).filterCommand },
  { name: 'sandbox', summary: 'run the embedded SCIM sandbox (vendor-quirk profiles) on 127.0.0.1', load: async () => (await import('./commands/sandbox')).sandboxCommand },
  { name: 'send', summary: 'send one request to a registry application and explain an error answer', load: async () => (await import('./commands/send')).sendCommand },
  { name: 'explain', summary: 'explain a saved SCIM error response (vendor body, IdP log line, curl -i output)', load: async () => (await import('./commands/explain')).explainCommand },
  { name: 'probe', summary: 'find out how applications really behave (pagination, filters, errors...), with evidence', load: async () => (await import('./commands/probe')).probeCommand },
  { name: 'cleanup', summary: 'remove test resources a cancelled, failed or killed probe run left behind', load: async () => (await import('./commands/cleanup')).cleanupCommand },
];
