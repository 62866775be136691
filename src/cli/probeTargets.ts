// What `probe` and `cleanup` work on: the registry's applications picked by --app or --all, each with a client
// whose secrets come from SCIM_SECRET_<NAME> (checked before anything is sent) and its cleanup journal file.
import { resolve } from 'node:path';
import { createScimClient, ScimConfigError, type ScimClient } from '../core/http';
import { CleanupJournal, defaultJournalPath, fileJournalStore, type JournalStore } from '../core/probes';
import { envSecretSource, type Application, type ParsedRegistry } from '../core/registry';
import { UsageError, type CliIO } from './command';
import { pickApplication, readRegistry } from './cliInputs';

export interface Target {
  app: Application;
  client: ScimClient;
  journal: CleanupJournal;
}

export { defaultJournalPath };

/**
 * The applications named by --app (each must exist), or with --all those that opt in: every application with a
 * `probe` block (probe settings are the consent to be probed).
 */
export function selectApplications(parsed: ParsedRegistry, file: string, ids: readonly string[], all: boolean, io: CliIO): Application[] {
  if (all && ids.length) throw new UsageError('use --app or --all, not both');
  if (!all && !ids.length) throw new UsageError('name an application with --app <id> (repeatable), or use --all');
  if (!all) return [...new Set(ids)].map((id) => pickApplication(parsed, file, id));
  const apps = parsed.applications.map((a) => a.app).filter((a) => typeof a.id === 'string' && typeof a.baseUrl === 'string');
  const chosen = apps.filter((a) => a.probe && typeof a.probe === 'object');
  const left = apps.filter((a) => !chosen.includes(a));
  if (left.length) io.stderr(`scim-workbench: --all leaves out ${left.map((a) => a.id).join(', ')} (no "probe" settings: add "probe": {} to opt in)\n`);
  if (!chosen.length) throw new UsageError(`no application in ${file} has "probe" settings; --all probes only those`);
  return chosen;
}

export interface TargetOptions {
  registryFile: string;
  /** One journal file for every application (--journal); default a file per application. */
  journalFile?: string;
  caFile?: string;
}

/** Clients and journals; configuration problems (a missing secret names its variable) are collected, not thrown. */
export async function prepareTargets(apps: readonly Application[], opts: TargetOptions, io: CliIO): Promise<{ targets: Target[]; problems: string[] }> {
  const targets: Target[] = [];
  const problems: string[] = [];
  const stores = new Map<string, JournalStore>();
  const storeFor = (path: string): JournalStore => {
    const known = stores.get(path);
    if (known) return known;
    const store = fileJournalStore(path);
    stores.set(path, store);
    return store;
  };
  for (const app of apps) {
    const client = createScimClient(app, {
      secrets: envSecretSource(io.env),
      env: io.env,
      ...(opts.caFile ? { caFile: resolve(io.cwd, opts.caFile) } : {}),
    });
    try {
      await client.checkConfig();
    } catch (err) {
      if (!(err instanceof ScimConfigError)) throw err;
      problems.push(err.message);
      continue;
    }
    const path = opts.journalFile ? resolve(io.cwd, opts.journalFile) : defaultJournalPath(resolve(io.cwd, opts.registryFile), app.id);
    targets.push({ app, client, journal: new CleanupJournal(storeFor(path), app.id, app.baseUrl) });
  }
  return { targets, problems };
}

/** Reads a journal's pending entries, turning a damaged file into a usage error with its location. */
export function pendingEntries(target: Target): ReturnType<CleanupJournal['pending']> {
  try {
    return target.journal.pending();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The options `probe` and `cleanup` share (for parseArgs). */
export const TARGET_OPTIONS = {
  app: { type: 'string', multiple: true }, all: { type: 'boolean' }, journal: { type: 'string' }, 'ca-file': { type: 'string' },
} as const;

export interface LoadedTargets {
  registryFile: string;
  registry: { text: string; parsed: ParsedRegistry };
  targets: Target[];
}

/**
 * `<registry>` and the applications to work on, ready to send; undefined (after printing why) when a secret or
 * the auth of one of them is missing, so nothing is sent to any.
 */
export async function loadTargets(
  command: string, positionals: readonly string[], values: { app?: string[] | undefined; all?: boolean | undefined; journal?: string | undefined; 'ca-file'?: string | undefined }, io: CliIO,
): Promise<LoadedTargets | undefined> {
  const [registryFile, ...extra] = positionals;
  if (!registryFile) throw new UsageError('expected <registry>');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const registry = await readRegistry(registryFile, io);
  const apps = selectApplications(registry.parsed, registryFile, values.app ?? [], values.all === true, io);
  const { targets, problems } = await prepareTargets(apps, { registryFile, ...(values.journal ? { journalFile: values.journal } : {}), ...(values['ca-file'] ? { caFile: values['ca-file'] } : {}) }, io);
  for (const p of problems) io.stderr(`scim-workbench ${command}: ${p}\n`);
  return problems.length ? undefined : { registryFile, registry, targets };
}
