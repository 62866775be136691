// `scim-workbench sandbox`: serve the embedded SCIM sandbox on 127.0.0.1 until Ctrl-C / SIGTERM.
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command';
import { LineIndex } from '../../core/text';
import { secretEnvName } from '../../core/registry';
import {
  credentialLine, credentialNoun, parseSandboxConfig, presetNames, registryAuthFor, startSandbox, type AppSpec, type RunningSandbox, type WriteLogEntry,
} from '../../sandbox';

const usage = `Usage: scim-workbench sandbox [--port N] [--config FILE] [--profile NAME] [--users N] [--seed S] [--token T] [--write-log FILE]

Serves SCIM 2.0 applications on 127.0.0.1, each under /apps/<id>/scim/v2 with its own data and quirks.
  --config FILE    a *.scim-sandbox.jsonc file describing the apps
  --profile NAME   serve one app with this preset (${presetNames.join(', ')})
  --port N         port (default: the config's, else any free port)
  --users N        generated users per app (groups: a tenth of it, at least 1)
  --seed S         seed of generated data and injected faults (default 1)
  --token T        credential of every app without its own: its bearer token, Basic password or API key
                   (default: a random one, printed)
  --write-log FILE append every write the apps receive (Bulk operations included) to FILE, one JSON line each
Without --config or --profile, one app per preset. Stop with Ctrl-C.`;

/** Opens FILE for appending, or says why it cannot. */
async function openWriteLog(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  return stream;
}

async function closeWriteLog(stream: WriteStream | undefined): Promise<void> {
  if (!stream) return;
  await new Promise<void>((resolve) => stream.end(() => resolve()));
}

function intOption(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`--${name} must be an integer from 0 to ${max}`);
  return Number(value);
}

async function appsFromConfig(path: string, io: CliIO): Promise<{ apps: AppSpec[]; port?: number; token?: string; seed?: number } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    io.stderr(`scim-workbench sandbox: cannot read ${path}: ${(err as Error).message}\n`);
    return undefined;
  }
  const { config, findings } = parseSandboxConfig(text);
  const index = new LineIndex(text);
  for (const f of findings) {
    const p = index.positionAt(f.range.start);
    io.stderr(`${path}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.code}: ${f.message}\n`);
  }
  return config;
}

function describe(sb: RunningSandbox, writeLogPath: string | undefined): string {
  const lines = [`SCIM sandbox listening on ${sb.url}`, ''];
  for (const a of sb.apps) {
    lines.push(`${a.id} (profile ${a.profile})`, a.baseUrl, `  ${credentialLine(a.auth)}`);
    if (a.auth.type === 'bearer') lines.push(`  OAuth token URL: ${a.tokenUrl} (client_id ${a.clientId}, client_secret ${a.clientSecret})`);
    const { auth, secret } = registryAuthFor(a.id, a.auth, sb.token);
    lines.push(`  registry: "auth": ${JSON.stringify(auth, null, 1).replace(/\n\s*/g, ' ')} (set ${secretEnvName(secret.name)} to the ${credentialNoun(a.auth.type)})`, '');
  }
  if (writeLogPath !== undefined) lines.push(`Every write is appended to ${writeLogPath} (one JSON line each).`, '');
  lines.push('Press Ctrl-C to stop.');
  return lines.join('\n') + '\n';
}

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'run the embedded SCIM sandbox (vendor-quirk profiles) on 127.0.0.1',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        config: { type: 'string' },
        profile: { type: 'string' },
        users: { type: 'string' },
        seed: { type: 'string' },
        token: { type: 'string' },
        'write-log': { type: 'string' },
      },
    });
    if (values.config && values.profile) throw new UsageError('use either --config or --profile, not both');
    if (values.profile && !presetNames.includes(values.profile)) {
      throw new UsageError(`unknown profile '${values.profile}' (known: ${presetNames.join(', ')})`);
    }
    if (values.token !== undefined && values.token.trim() === '') throw new UsageError('--token must not be empty');
    const port = intOption(values.port, 'port', 65535);
    const users = intOption(values.users, 'users', 1_000_000);
    const seed = intOption(values.seed, 'seed', 4294967295);

    let apps: AppSpec[];
    let fromConfig: { port?: number; token?: string; seed?: number } = {};
    if (values.config) {
      const config = await appsFromConfig(resolve(io.cwd, values.config), io);
      if (!config) return EXIT.findings;
      apps = config.apps;
      fromConfig = config;
    } else if (values.profile) {
      apps = [{ id: values.profile, profile: values.profile }];
    } else {
      apps = presetNames.map((p) => ({ id: p, profile: p }));
    }
    if (users !== undefined) apps = apps.map((a) => ({ ...a, users, groups: Math.max(1, Math.floor(users / 10)) }));

    let writeLog: WriteStream | undefined;
    const writeLogPath = values['write-log'];
    if (writeLogPath !== undefined) {
      if (writeLogPath.trim() === '') throw new UsageError('--write-log needs a file name');
      try {
        writeLog = await openWriteLog(resolve(io.cwd, writeLogPath));
      } catch (err) {
        io.stderr(`scim-workbench sandbox: cannot write the write log ${writeLogPath}: ${(err as Error).message}\n`);
        return EXIT.findings;
      }
    }
    const onWrite = writeLog && ((app: string, entry: WriteLogEntry) => void writeLog.write(`${JSON.stringify({ app, ...entry })}\n`));

    let sb: RunningSandbox;
    try {
      sb = await startSandbox({ apps, port: port ?? fromConfig.port, token: values.token ?? fromConfig.token, seed: seed ?? fromConfig.seed ?? 1, onWrite });
    } catch (err) {
      io.stderr(`scim-workbench sandbox: cannot start: ${(err as Error).message}\n`);
      await closeWriteLog(writeLog);
      return EXIT.findings;
    }
    io.stdout(describe(sb, writeLogPath));
    await new Promise<void>((done) => {
      if (io.signal.aborted) done();
      else io.signal.addEventListener('abort', () => done(), { once: true });
    });
    await sb.stop();
    await closeWriteLog(writeLog);
    io.stdout('SCIM sandbox stopped.\n');
    return EXIT.ok;
  },
};
