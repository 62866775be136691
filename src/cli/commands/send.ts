// `scim-workbench send <registry> --app <id> <METHOD> <path-or-url>`: one request through the HTTP engine, with
// the application's auth, rate limit and retries; prints the response and, for an error, the inspector's
// explanation. Secrets come from SCIM_SECRET_<NAME> and never appear in the output or the transcript.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { closeHttpConnections, createScimClient, ScimConfigError, type ExchangeEvent, type SendResult } from '../../core/http';
import { explainResult } from '../../core/inspect';
import { envSecretSource } from '../../core/registry';
import { EXIT, UsageError, jsonErrors, type CliCommand, type CliIO } from '../command';
import { loadApplication, parseHeaders, readInput } from '../cliInputs';
import { formatExplanation } from '../explanationText';

const usage = `Usage: scim-workbench send <registry> --app <id> <METHOD> <path-or-url> [options]

Sends one request to a registry application, with its auth (secrets from SCIM_SECRET_<NAME>), its rate limit and
retries (429/503 wait for Retry-After; other 5xx and resets are retried for GET, PUT and DELETE only).
  --data @file|-|'<json>'  request body: a file, standard input, or JSON text
  --header 'K: V'          extra header (repeatable)
  --query k=v              query parameter, URL-encoded for you (repeatable)
  --secondary              authenticate with auth.rotation.secondarySecret (prove the new secret works)
  --json                   print {"exchange": {...}, "explanation": {...} | null} instead (usage and
                           configuration errors as {"errors": [{"code", "message"}]})
  --transcript FILE        also write the redacted exchange to FILE (JSON)
  --ca-file FILE           trust the certificate authorities in this PEM file too
  --timeout SECONDS        give up after this long, retries and waits included (default 60)
HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.
Exit: 0 for a 2xx/3xx answer, 1 for any other status or a transport failure, 2 for usage or configuration errors.`;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

async function bodyOf(data: string | undefined, io: CliIO): Promise<string | undefined> {
  if (data === undefined) return undefined;
  const text = data === '-' ? await readInput('-', io, 'body') : data.startsWith('@') ? await readInput(data.slice(1), io, 'body file') : data;
  try {
    JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--data is not JSON: ${(err as Error).message}`);
  }
  return text;
}

function queryOf(values: readonly string[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--query '${v}' is not k=v`);
    (out[v.slice(0, eq)] ??= []).push(v.slice(eq + 1));
  }
  return out;
}

function progress(io: CliIO): (e: ExchangeEvent) => void {
  return (e) => {
    if (e.type === 'retry') io.stderr(`scim-workbench send: ${e.reason}; attempt ${e.nextAttempt} in ${(e.waitMs / 1000).toFixed(1)} s\n`);
    else if (e.type === 'rateLimitWait') io.stderr(`scim-workbench send: waiting ${(e.waitMs / 1000).toFixed(1)} s for the ${e.source === 'server' ? 'server\'s Retry-After' : 'application\'s rate limit'}\n`);
    else if (e.type === 'redirect' && !e.followed) io.stderr(`scim-workbench send: redirect ${e.status} to ${e.location} not followed (another origin)\n`);
  };
}

function printResponse(result: SendResult, io: CliIO): void {
  const ex = result.exchange;
  const res = ex.response;
  const retries = ex.retries > 0 ? ` · ${ex.retries} ${ex.retries === 1 ? 'retry' : 'retries'} (waited ${(ex.timings.waitedMs / 1000).toFixed(1)} s)` : '';
  io.stdout(`${ex.request.line}\n`);
  if (!res) {
    io.stdout(`No response (${ex.error?.kind ?? 'failure'}) · ${ex.timings.totalMs} ms${retries}\n${ex.error?.message ?? ''}\n`);
    return;
  }
  io.stdout(`HTTP ${res.status} ${res.statusText} · ${ex.timings.totalMs} ms${retries}\n`);
  for (const [k, v] of Object.entries(res.headers)) io.stdout(`${k}: ${v}\n`);
  io.stdout('\n');
  if (res.body.kind === 'empty') io.stdout('(empty body)\n');
  else if (result.json !== undefined) io.stdout(JSON.stringify(result.json, null, 2) + '\n');
  else io.stdout(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
  if (res.body.truncated) io.stdout(`(body cut at ${res.body.size} bytes)\n`);
  if (res.body.parseError) io.stdout(`(not valid JSON: ${res.body.parseError})\n`);
  if (res.body.encodingError) io.stdout(`(${res.body.encodingError})\n`);
  for (const r of ex.redirects.filter((x) => !x.followed)) io.stdout(`(redirect to ${r.location} not followed: ${r.reason ?? ''})\n`);
  if (ex.error) io.stdout(`(${ex.error.kind}: ${ex.error.message})\n`);
}

export const sendCommand: CliCommand = {
  name: 'send',
  jsonOnStdout: true,
  summary: 'send one request to a registry application and explain an error answer',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    // undici parses HTTP with WebAssembly. V8 compiles it a second time, optimised, on a background thread, and
    // Node waits for that compile before the process may exit: about 250 ms after the answer is printed (strace and
    // a CPU profile of a send process, issue 14). One request gains nothing from the optimised code.
    setFlagsFromString('--liftoff-only');
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        app: { type: 'string' }, data: { type: 'string' }, header: { type: 'string', multiple: true }, query: { type: 'string', multiple: true },
        secondary: { type: 'boolean' }, json: { type: 'boolean' }, transcript: { type: 'string' }, 'ca-file': { type: 'string' }, timeout: { type: 'string' },
      },
    });
    const [registryFile, rawMethod, target, ...extra] = positionals;
    if (!registryFile || !rawMethod || !target) throw new UsageError('expected <registry> <METHOD> <path-or-url>');
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}' (quote a URL that contains spaces or &)`);
    if (!values.app) throw new UsageError('--app <id> is required');
    const method = rawMethod.toUpperCase();
    if (!METHODS.has(method)) throw new UsageError(`'${rawMethod}' is not an HTTP method (${[...METHODS].join(', ')})`);
    let deadlineMs: number | undefined;
    if (values.timeout !== undefined) {
      if (!/^\d+(\.\d+)?$/.test(values.timeout) || Number(values.timeout) <= 0) throw new UsageError('--timeout must be a positive number of seconds');
      deadlineMs = Number(values.timeout) * 1000;
    }
    const app = await loadApplication(registryFile, values.app, io);
    const body = await bodyOf(values.data, io);
    const client = createScimClient(app, {
      secrets: envSecretSource(io.env),
      env: io.env,
      ...(values['ca-file'] ? { caFile: resolve(io.cwd, values['ca-file']) } : {}),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
    let result: SendResult;
    try {
      result = await client.send(
        { method, path: target, query: queryOf(values.query), headers: parseHeaders(values.header), ...(body !== undefined ? { body } : {}) },
        { signal: io.signal, onEvent: progress(io), secondary: values.secondary === true },
      );
    } catch (err) {
      if (err instanceof ScimConfigError) {
        io.stderr(`scim-workbench send: ${err.message}\n`);
        if (values.json) io.stdout(jsonErrors([{ code: 'configuration', message: err.message }]));
        return EXIT.usage;
      }
      throw err;
    } finally {
      await closeHttpConnections();
    }
    const status = result.exchange.response?.status;
    const isError = status === undefined || status >= 400;
    const explanation = status !== undefined && status >= 400 ? explainResult(result, app) : null;
    if (values.transcript) await writeFile(resolve(io.cwd, values.transcript), JSON.stringify(result.exchange, null, 2) + '\n');
    if (values.json) {
      io.stdout(JSON.stringify({ exchange: result.exchange, explanation }, null, 2) + '\n');
    } else {
      printResponse(result, io);
      if (explanation) io.stdout('\n' + formatExplanation(explanation, registryFile));
    }
    return isError || result.exchange.error ? EXIT.findings : EXIT.ok;
  },
};
