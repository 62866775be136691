// SCIM: Set Secret / SCIM: Clear Secret. Both take optional arguments (name, value) so tests, code lenses and
// other commands can call them without UI; users get a quick pick of the names their registries use and a
// password input box.
import * as vscode from 'vscode';
import { secretNamesOf } from '../../core/registry';
import { allRegistryFiles, appLabel } from '../registry/registryFiles';
import { assertName, secretStore, type SecretStore } from './secretStore';
import type { WorkbenchContext } from '../shared/workbenchContext';

export interface SecretStatus {
  name: string;
  stored: boolean;
  /** "app-id (auth.secret)" for every registry application that uses the name. */
  usedBy: string[];
}

/** Every secret name the registries use or SecretStorage holds, with whether it is stored. Never values. */
export async function secretStatuses(ctx: WorkbenchContext, store: SecretStore): Promise<SecretStatus[]> {
  const byName = new Map<string, SecretStatus>();
  const add = (name: string, usedBy?: string): void => {
    const entry = byName.get(name) ?? { name, stored: false, usedBy: [] };
    if (usedBy && !entry.usedBy.includes(usedBy)) entry.usedBy.push(usedBy);
    byName.set(name, entry);
  };
  const files = await allRegistryFiles(ctx);
  for (const file of files) {
    for (const app of file.parsed.applications) {
      for (const ref of secretNamesOf(app.app)) add(ref.name, `${appLabel(app)} · ${ref.field}`);
    }
  }
  for (const name of store.storedNames()) add(name);
  for (const entry of byName.values()) entry.stored = await store.has(entry.name);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

interface NamePick extends vscode.QuickPickItem { secretName?: string }

async function pickName(ctx: WorkbenchContext, store: SecretStore, mode: 'set' | 'clear'): Promise<string | undefined> {
  const statuses = (await secretStatuses(ctx, store)).filter((s) => mode === 'set' || s.stored);
  const items: NamePick[] = statuses.map((s) => ({
    label: s.name,
    secretName: s.name,
    description: s.stored ? '$(pass-filled) stored' : '$(circle-large-outline) not set',
    detail: s.usedBy.length ? `Used by ${s.usedBy.join(', ')}` : 'Not referenced by a registry in this workspace',
  }));
  if (mode === 'set') items.push({ label: '$(edit) Enter another name…', alwaysShow: true });
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No SCIM secrets are stored.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: mode === 'set' ? 'SCIM: Set Secret' : 'SCIM: Clear Secret',
    placeHolder: mode === 'set' ? 'Which secret? (names come from auth.secret in your registries)' : 'Which secret to remove from SecretStorage?',
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.secretName) return picked.secretName;
  return vscode.window.showInputBox({
    title: 'SCIM: Set Secret',
    prompt: 'Secret name, as written in the registry\'s auth.secret (e.g. acme-token)',
    validateInput: (v) => {
      try {
        assertName(v);
        return undefined;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    },
  });
}

export function registerSecrets(ctx: WorkbenchContext): void {
  const store = secretStore(ctx);
  ctx.track(vscode.commands.registerCommand('scimWorkbench.setSecret', async (name?: unknown, value?: unknown): Promise<boolean> => {
    const secretName = typeof name === 'string' ? name : await pickName(ctx, store, 'set');
    if (!secretName) return false;
    try {
      assertName(secretName);
      const secretValue = typeof value === 'string' ? value : await vscode.window.showInputBox({
        title: `SCIM: Set Secret "${secretName}"`,
        prompt: 'The value is kept in SecretStorage (your OS keychain), never in the registry file.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v === '' ? 'Enter a value (Escape cancels).' : undefined),
      });
      if (secretValue === undefined) return false;
      await store.set(secretName, secretValue);
      if (typeof value !== 'string') void vscode.window.showInformationMessage(`Secret "${secretName}" stored.`);
      return true;
    } catch (err) {
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
      return false;
    }
  }));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.clearSecret', async (name?: unknown): Promise<boolean> => {
    const secretName = typeof name === 'string' ? name : await pickName(ctx, store, 'clear');
    if (!secretName) return false;
    const had = await store.clear(secretName);
    if (typeof name !== 'string') void vscode.window.showInformationMessage(had ? `Secret "${secretName}" removed.` : `Secret "${secretName}" was not stored.`);
    return had;
  }));
  // Not in the palette: names and whether each is stored (never values), for tests and other features.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.secrets.status', () => secretStatuses(ctx, store)));
  // Not in the palette: makes sure a secret is available (prompting once if needed) and answers whether it is;
  // never the value. For features outside this bundle and for tests of the first-use prompt.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.secrets.ensure', async (name?: unknown, purpose?: unknown): Promise<boolean> => {
    if (typeof name !== 'string') return false;
    return (await store.resolve(name, typeof purpose === 'string' ? { purpose } : {})) !== undefined;
  }));
  // Not in the palette: where this extension's log files live, so a test can prove no secret value reaches them.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.internal.logUri', () => ctx.extension.logUri.toString()));
}
