// `scim-workbench explain <file|->`: explains a saved response body (a vendor sample, a line pasted from an IdP
// provisioning log, `curl -i` output, or a transcript written by `send --transcript`).
import { parseArgs } from 'node:util';
import { explainResponse } from '../../core/inspect';
import type { Application } from '../../core/registry';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command';
import { loadApplication, parseHeaders, readInput } from '../cliInputs';
import { formatExplanation } from '../explanationText';

const usage = `Usage: scim-workbench explain <file|-> [--status N] [--header 'K: V']... [--registry F --app ID] [--json]

Explains an error response: what it means, whether retrying can help, how it departs from RFC 7644, and what
the registry says about it. The file may hold a body, an IdP log line with the body inside, raw HTTP
(curl -i), or a transcript written by 'send --transcript'.
  --status N           the HTTP status (else taken from the file, or unknown)
  --header 'K: V'      a response header (repeatable; e.g. Retry-After, Content-Type)
  --registry F --app ID  also match the application's errors and knownIssues
  --json               print the explanation as JSON (usage errors as {"errors": [{"code", "message"}]})
Exit: 0 when explained (whatever the status), 2 for usage errors.`;

interface Response {
  status: number | null;
  headers?: Record<string, string>;
  body: string;
}

/** Raw HTTP (`HTTP/1.1 409 Conflict` + headers + body) or a saved exchange; otherwise the text is the body. */
export function responseIn(text: string): Response {
  const http = /^\s*HTTP\/\d(?:\.\d)?\s+(\d{3})[^\r\n]*\r?\n/.exec(text);
  if (http) {
    const rest = text.slice(http[0].length);
    const split = /\r?\n\r?\n/.exec(rest);
    const headerText = split ? rest.slice(0, split.index) : rest;
    const headers: Record<string, string> = {};
    for (const line of headerText.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { status: Number(http[1]), headers, body: split ? rest.slice(split.index + split[0].length) : '' };
  }
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const exchange = (parsed && typeof parsed === 'object' && 'exchange' in parsed ? parsed['exchange'] : parsed) as Record<string, unknown> | null;
    const response = exchange && typeof exchange === 'object' && typeof exchange['id'] === 'string' ? exchange['response'] as { status?: unknown; headers?: unknown; body?: { text?: unknown } } | undefined : undefined;
    if (response && typeof response.status === 'number' && typeof response.body?.text === 'string') {
      return { status: response.status, headers: (response.headers ?? {}) as Record<string, string>, body: response.body.text };
    }
  } catch {
    // Not JSON at all: explained as text below.
  }
  return { status: null, body: text };
}

export const explainCommand: CliCommand = {
  name: 'explain',
  jsonOnStdout: true,
  summary: 'explain a saved SCIM error response (vendor body, IdP log line, curl -i output)',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { status: { type: 'string' }, header: { type: 'string', multiple: true }, registry: { type: 'string' }, app: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('name one file (or - for standard input)');
    let status: number | undefined;
    if (values.status !== undefined) {
      if (!/^\d{3}$/.test(values.status) || Number(values.status) < 100 || Number(values.status) > 599) throw new UsageError('--status must be an HTTP status from 100 to 599');
      status = Number(values.status);
    }
    if ((values.registry === undefined) !== (values.app === undefined)) throw new UsageError('--registry and --app go together');
    let app: Application | undefined;
    if (values.registry && values.app) app = await loadApplication(values.registry, values.app, io);
    const response = responseIn(await readInput(positionals[0] as string, io, 'response'));
    const given = values.header ? parseHeaders(values.header) : undefined;
    const headers = given || response.headers ? { ...response.headers, ...given } : undefined;
    const explanation = explainResponse(status ?? response.status, headers, response.body, app);
    io.stdout(values.json ? JSON.stringify(explanation, null, 2) + '\n' : formatExplanation(explanation, values.registry));
    return EXIT.ok;
  },
};
