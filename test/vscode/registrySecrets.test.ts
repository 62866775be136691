import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SecretStatus } from '../../src/vscode/secrets/secretCommands';
import { activate, waitFor } from './registryHelpers';

const status = (): Thenable<SecretStatus[]> => vscode.commands.executeCommand<SecretStatus[]>('scimWorkbench.secrets.status');

async function logText(): Promise<string> {
  const dir = vscode.Uri.parse(await vscode.commands.executeCommand<string>('scimWorkbench.internal.logUri'));
  let text = '';
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    if (type === vscode.FileType.File) text += new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name)));
  }
  return text;
}

describe('registry secrets', () => {
  before(activate);

  it('lists the secret names the registries use, with whether each is stored', async () => {
    const all = await waitFor('registry secret names', async () => {
      const s = await status();
      return s.some((x) => x.name === 'acme-crm-client-secret') ? s : undefined;
    });
    const acme = all.find((x) => x.name === 'acme-crm-client-secret');
    assert.ok(acme?.usedBy.some((u) => u.includes('acme-crm') && u.includes('auth.secret')), JSON.stringify(acme));
    assert.ok(all.some((x) => x.name === 'sandbox-token-next' && x.usedBy.some((u) => u.includes('auth.rotation.secondarySecret'))));
    assert.ok(all.every((x) => !('value' in x)), 'no values in the status');
  });

  it('sets and clears a secret through SecretStorage without logging its value', async () => {
    const name = 'acme-crm-client-secret';
    const value = `s3cr3t-${Date.now()}-Zq9xW`;
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.setSecret', name, value), true);
    assert.equal((await status()).find((x) => x.name === name)?.stored, true);
    // The log line naming the secret proves the log file is the one written; the value must not be in it.
    const log = await waitFor('the log line about the stored secret', async () => {
      const t = await logText();
      return t.includes(`Secret "${name}" stored`) ? t : undefined;
    });
    assert.ok(!log.includes(value), 'the secret value is not in the log');
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.clearSecret', name), true);
    assert.equal((await status()).find((x) => x.name === name)?.stored, false);
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.clearSecret', name), false, 'clearing twice reports nothing to clear');
    assert.ok(!(await logText()).includes(value));
  });

  it('asks for a missing secret once on first use; a dismissed prompt is not repeated', async () => {
    const name = `first-use-${Date.now()}`;
    // Two features asking at once share one prompt.
    const first = vscode.commands.executeCommand<boolean>('scimWorkbench.secrets.ensure', name, 'A test');
    const second = vscode.commands.executeCommand<boolean>('scimWorkbench.secrets.ensure', name, 'A test');
    // Whether a request has been answered yet (polled by waitFor below; a miss only means poll again).
    const answeredWithinMs = 100;
    const settled = (p: Thenable<boolean>): Promise<boolean> =>
      Promise.race([Promise.resolve(p).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), answeredWithinMs))]);
    // Escape the password box as a user would (retrying until it has opened and closed).
    await waitFor('the prompt to be dismissed', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled(first);
    });
    assert.equal(await first, false);
    assert.equal(await second, false);
    // Dismissed once: later requests answer without a prompt (one would wait for the user, past the test's timeout).
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.secrets.ensure', name), false);
    // Set Secret provides it later.
    await vscode.commands.executeCommand('scimWorkbench.setSecret', name, 'later-value');
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.secrets.ensure', name), true);
    await vscode.commands.executeCommand('scimWorkbench.clearSecret', name);
  });

  it('rejects names that cannot be keychain keys or variables', async () => {
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.setSecret', 'payroll password', 'x'), false);
    assert.ok(!(await status()).some((x) => x.name === 'payroll password' && x.stored));
  });
});
