// SCIM: New Registry — writes a starter `scim-registry.jsonc` (it lints clean; an extension-host test checks)
// into a workspace folder and opens it. Arguments (folder URI, file name) let tests run it without UI.
import * as vscode from 'vscode';
import { isRegistryFileName } from '../../core/registry';
import type { WorkbenchContext } from '../shared/workbenchContext';

export const REGISTRY_TEMPLATE = `// SCIM Workbench integration registry: one entry per application that receives SCIM provisioning.
// It records how each application's SCIM really behaves; probes write what they observe into "observed".
// Secrets are named here, never stored: run "SCIM: Set Secret" (the CLI reads SCIM_SECRET_<NAME>).
{
  "applications": [
    {
      // Served by the embedded sandbox: run "SCIM: Start Sandbox" (it stores the secret "sandbox-token").
      "id": "sandbox-strict",
      "name": "Sandbox (RFC 7644 reference)",
      "owner": "iam-team@example.com",
      "environment": "sandbox",
      "baseUrl": "http://127.0.0.1:4780/apps/strict/scim/v2",
      "auth": { "type": "bearer", "secret": "sandbox-token" },
      // Other auth types:
      //   { "type": "apiKey", "header": "X-Api-Key", "secret": "my-app-api-key" }
      //   { "type": "basic", "username": "scim-bot", "secret": "my-app-password" }
      //   { "type": "oauth2ClientCredentials", "tokenUrl": "https://login.example.com/oauth2/token",
      //     "clientId": "scim-provisioning", "secret": "my-app-client-secret", "scope": "scim" }
      //   { "type": "none" }
      "endpoints": { "users": true, "groups": true, "bulk": true, "search": true },
      "filters": [
        { "expression": "userName eq \\"{{userName}}\\"", "status": "untested" }
      ],
      "pagination": { "startIndexBase": 1 },
      // immediate | delayed (with delaySeconds) | locked-only | deleted
      "deactivation": { "contract": "immediate" },
      "probe": { "allowWrites": true, "testUserPrefix": "scimwb-probe-", "idpProfile": "rfc" }
    }
  ]
}
`;

async function targetFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('SCIM: New Registry needs an open folder to create scim-registry.jsonc in.');
    return undefined;
  }
  if (folders.length === 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create the registry in which folder?' }))?.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function chooseName(folder: vscode.Uri): Promise<string | undefined> {
  if (!(await exists(vscode.Uri.joinPath(folder, 'scim-registry.jsonc')))) return 'scim-registry.jsonc';
  return vscode.window.showInputBox({
    title: 'SCIM: New Registry',
    prompt: 'scim-registry.jsonc already exists here. Name the new registry (it must end in .scim-registry.jsonc).',
    value: 'team.scim-registry.jsonc',
    validateInput: (v) => (isRegistryFileName(v) && !v.includes('/') ? undefined : 'Use a name like team.scim-registry.jsonc'),
  });
}

export function registerNewRegistryCommand(ctx: WorkbenchContext): void {
  ctx.track(vscode.commands.registerCommand('scimWorkbench.newRegistry', async (folderArg?: unknown, nameArg?: unknown) => {
    const folder = folderArg instanceof vscode.Uri ? folderArg : typeof folderArg === 'string' ? vscode.Uri.parse(folderArg) : await targetFolder();
    if (!folder) return undefined;
    const name = typeof nameArg === 'string' ? nameArg : await chooseName(folder);
    if (!name) return undefined;
    if (!isRegistryFileName(name)) {
      void vscode.window.showErrorMessage(`"${name}" is not a registry file name: use scim-registry.jsonc or <name>.scim-registry.jsonc.`);
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder, name);
    if (await exists(uri)) {
      // Never overwrite: a registry is hand-curated history.
      void vscode.window.showWarningMessage(`${name} already exists; opening it instead.`);
    } else {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(REGISTRY_TEMPLATE));
      ctx.log.info(`Created ${uri.fsPath} from the registry template.`);
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    return uri.toString();
  }));
}
