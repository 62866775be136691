import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'scim-workbench.scim-workbench';

describe('activation and contributions', () => {
  it('runs inside VS Code 1.100 or later', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok((major ?? 0) > 1 || (minor ?? 0) >= 100, `VS Code ${vscode.version}`);
  });

  it('is not activated by "*" and activates on its command', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, 'extension is loaded');
    const events: string[] = ext.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'no "*" activation');
    await vscode.commands.executeCommand('scimWorkbench.showLog');
    assert.equal(ext.isActive, true);
  });

  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('scimWorkbench.showLog'));
  });

  it('contributes the SCIM Workbench container with its views', () => {
    const ext = vscode.extensions.getExtension(extensionId);
    const pkg = ext?.packageJSON as { contributes: { viewsContainers: { activitybar: { id: string; title: string }[] }; views: Record<string, { id: string }[]> } };
    assert.deepEqual(pkg.contributes.viewsContainers.activitybar.map((c) => c.title), ['SCIM Workbench']);
    const ids = (pkg.contributes.views.scimWorkbench ?? []).map((v) => v.id);
    assert.ok(ids.includes('scimWorkbench.registry'));
    assert.ok(ids.includes('scimWorkbench.probes'));
  });

  it('opens the registry view by its focus command', async () => {
    await vscode.commands.executeCommand('scimWorkbench.probes.focus');
  });
});
