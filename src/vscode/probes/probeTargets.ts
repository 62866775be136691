// Which application a probe run or a cleanup works on, and what it needs to send: the registry entry (a workspace
// file or the running sandbox), a client whose secrets come from SecretStorage (with the first-use prompt), the
// cleanup journal (the CLI's file beside a registry file, so `scim-workbench cleanup` sees the same entries; the
// extension's storage for the sandbox), and the secret values to redact from what is stored.
import * as vscode from 'vscode';
import { createScimClient, issuedAccessTokens, type ScimClient } from '../../core/http';
import { CleanupJournal, defaultJournalPath, fileJournalStore } from '../../core/probes';
import { resolveSecrets, secretEnvName, type Application, type ParsedApplication, type RedactableSecret, type SecretSource } from '../../core/registry';
import { allRegistryFiles, registryWorkspace, type RegistryFile } from '../registry/registryFiles';
import { TRANSIENT_SCHEME } from '../registry/transientRegistry';
import { secretStore } from '../secrets/secretStore';
import type { WorkbenchContext } from '../shared/workbenchContext';

export interface ProbeTarget {
  file: RegistryFile;
  parsed: ParsedApplication;
  app: Application;
}

export function isTransient(file: RegistryFile): boolean {
  return file.uri.scheme === TRANSIENT_SCHEME;
}

/** An application by id, in the given registry or (without one) the first registry that has it. */
export async function findTarget(ctx: WorkbenchContext, appId: string, registry?: vscode.Uri | string): Promise<ProbeTarget | undefined> {
  const wanted = appId.toLowerCase();
  const uri = typeof registry === 'string' ? vscode.Uri.parse(registry) : registry;
  const files = uri
    ? [(await allRegistryFiles(ctx)).find((f) => f.uri.toString() === uri.toString()) ?? (await registryWorkspace(ctx).get(uri))].filter((f): f is RegistryFile => !!f)
    : await allRegistryFiles(ctx);
  for (const file of files) {
    const parsed = file.parsed.applications.find((a) => typeof a.app.id === 'string' && a.app.id.toLowerCase() === wanted);
    if (parsed) return { file, parsed, app: parsed.app };
  }
  return undefined;
}

/** Every application of every registry (the sandbox's first), for pickers. */
export async function allTargets(ctx: WorkbenchContext): Promise<ProbeTarget[]> {
  return (await allRegistryFiles(ctx)).flatMap((file) => file.parsed.applications
    .filter((a) => typeof a.app.id === 'string' && typeof a.app.baseUrl === 'string')
    .map((parsed) => ({ file, parsed, app: parsed.app })));
}

export function journalFor(ctx: WorkbenchContext, target: ProbeTarget): CleanupJournal {
  const path = isTransient(target.file)
    ? defaultJournalPath(vscode.Uri.joinPath(ctx.extension.storageUri ?? ctx.extension.globalStorageUri, 'sandbox.scim-registry.jsonc').fsPath, target.app.id)
    : defaultJournalPath(target.file.uri.fsPath, target.app.id);
  return new CleanupJournal(fileJournalStore(path), target.app.id, target.app.baseUrl);
}

/** Secrets for one run: asked at most once each (the first-use prompt), kept for the run only. */
export function runSecrets(ctx: WorkbenchContext, appId: string): SecretSource {
  const known = new Map<string, Promise<string | undefined>>();
  return {
    get(name) {
      let v = known.get(name);
      if (!v) {
        v = secretStore(ctx).resolve(name, { prompt: true, purpose: `Probing "${appId}"` });
        known.set(name, v);
      }
      return v;
    },
  };
}

export function clientFor(target: ProbeTarget, secrets: SecretSource): ScimClient {
  return createScimClient(target.app, {
    secrets,
    missingSecretHint: (name) => `run "SCIM: Set Secret" (or set ${secretEnvName(name)})`,
    transcriptBodyChars: 2048,
  });
}

/** The secret values to redact again from what is stored: the registry's, and the OAuth access tokens issued. */
export async function redactableSecrets(target: ProbeTarget, secrets: SecretSource): Promise<RedactableSecret[]> {
  const { values } = await resolveSecrets(target.app, secrets);
  const username = (target.app.auth as { username?: unknown } | undefined)?.username;
  return [
    ...[...values].map(([name, value]) => ({ name, value, ...(typeof username === 'string' ? { username } : {}) })),
    ...issuedAccessTokens(),
  ];
}
