// Registry secrets in VS Code: values live in SecretStorage (the OS keychain), never in settings, files or logs.
// `resolveSecret` is what the runner and the probes call: the stored value, else the SCIM_SECRET_* variable the
// CLI would read, else one password prompt (shared by concurrent callers) whose answer is stored.
import * as vscode from 'vscode';
import { SECRET_NAME_PATTERN, chainSecretSources, envSecretSource, secretEnvName, type SecretSource } from '../../core/registry';
import type { WorkbenchContext } from '../shared/workbenchContext';

const KEY_PREFIX = 'scimWorkbench.secret:';
/** Names stored through this extension, so Clear Secret can offer them (SecretStorage cannot list keys). */
const INDEX_KEY = 'scimWorkbench.secretNames';

export class SecretStore {
  private readonly prompts = new Map<string, Promise<string | undefined>>();
  /** Prompts the user dismissed in this session: asking again on every request would be nagging. */
  private readonly declined = new Set<string>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: WorkbenchContext) {
    ctx.track(this.changed);
    ctx.track(ctx.extension.secrets.onDidChange((e) => {
      if (e.key.startsWith(KEY_PREFIX)) this.changed.fire(e.key.slice(KEY_PREFIX.length));
    }));
  }

  /** SecretStorage only. */
  readonly storage: SecretSource = {
    get: async (name) => (await this.ctx.extension.secrets.get(KEY_PREFIX + name)) ?? undefined,
  };

  /** What the runner and probes read without prompting: SecretStorage, then SCIM_SECRET_<NAME>. */
  readonly source: SecretSource = chainSecretSources(this.storage, envSecretSource());

  async set(name: string, value: string): Promise<void> {
    assertName(name);
    if (value === '') throw new Error('A secret value cannot be empty; use SCIM: Clear Secret to remove one.');
    await this.ctx.extension.secrets.store(KEY_PREFIX + name, value);
    this.declined.delete(name);
    await this.remember(name, true);
    // The name is not secret; the value never reaches the log.
    this.ctx.log.info(`Secret "${name}" stored in SecretStorage (${value.length} characters).`);
  }

  async clear(name: string): Promise<boolean> {
    const had = (await this.storage.get(name)) !== undefined;
    await this.ctx.extension.secrets.delete(KEY_PREFIX + name);
    await this.remember(name, false);
    this.ctx.log.info(had ? `Secret "${name}" removed from SecretStorage.` : `Secret "${name}" was not stored; nothing to clear.`);
    return had;
  }

  /** Names stored through this extension, sorted. */
  storedNames(): string[] {
    return [...(this.ctx.extension.globalState.get<string[]>(INDEX_KEY) ?? [])].sort();
  }

  async has(name: string): Promise<boolean> {
    return (await this.storage.get(name)) !== undefined;
  }

  async resolve(name: string, opts: { prompt?: boolean; purpose?: string } = {}): Promise<string | undefined> {
    const known = await this.source.get(name);
    if (known !== undefined || opts.prompt === false || this.declined.has(name)) return known;
    let pending = this.prompts.get(name);
    if (!pending) {
      pending = this.ask(name, opts.purpose).finally(() => this.prompts.delete(name));
      this.prompts.set(name, pending);
    }
    return pending;
  }

  private async ask(name: string, purpose: string | undefined): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: `SCIM secret "${name}"`,
      prompt: `${purpose ? `${purpose} needs` : 'Enter'} the value of the secret "${name}". It is kept in SecretStorage (your OS keychain); the CLI reads ${secretEnvName(name)}.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' ? 'Enter a value, or press Escape to skip.' : undefined),
    });
    if (value === undefined || value === '') {
      this.declined.add(name);
      this.ctx.log.info(`Secret "${name}" was not entered; run "SCIM: Set Secret" to provide it.`);
      return undefined;
    }
    await this.set(name, value);
    return value;
  }

  private async remember(name: string, stored: boolean): Promise<void> {
    const names = new Set(this.ctx.extension.globalState.get<string[]>(INDEX_KEY) ?? []);
    if (stored) names.add(name);
    else names.delete(name);
    await this.ctx.extension.globalState.update(INDEX_KEY, [...names]);
  }
}

export function assertName(name: string): void {
  if (!SECRET_NAME_PATTERN.test(name)) {
    throw new Error(`"${name}" is not a valid secret name: use letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  }
}

let store: SecretStore | undefined;

/** The extension's secret store; created by registerSecrets. */
export function secretStore(ctx: WorkbenchContext): SecretStore {
  if (!store) {
    store = new SecretStore(ctx);
    ctx.track({ dispose: () => { store = undefined; } });
  }
  return store;
}

/**
 * The value of a registry secret for the runner and the probes: SecretStorage, then SCIM_SECRET_<NAME>, else
 * one password prompt (unless `prompt: false`). Undefined when the user skips it or secrets are not set up.
 */
export async function resolveSecret(name: string, opts: { prompt?: boolean; purpose?: string } = {}): Promise<string | undefined> {
  return store?.resolve(name, opts);
}

/** The non-prompting SecretSource (SecretStorage, then environment), for code that must not block on a user. */
export function workbenchSecretSource(): SecretSource {
  return { get: async (name) => store?.source.get(name) };
}
