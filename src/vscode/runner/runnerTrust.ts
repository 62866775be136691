// When SCIM Workbench may send: never from an untrusted workspace (its registry could aim your stored
// credentials, or the sandbox token, at any server), and only with registries from the workspace's folders or the
// running sandbox (a registry opened from elsewhere was never trusted with the workspace).
import * as vscode from 'vscode';
import type { RegistryFile } from '../registry/registryFiles';
import { TRANSIENT_SCHEME } from '../registry/transientRegistry';

export const UNTRUSTED_MESSAGE = 'SCIM Workbench sends nothing from an untrusted workspace: its registry decides where requests go and which of your stored secrets they carry. Trust this workspace (Manage Workspace Trust) to send requests.';

/** Why nothing may be sent with this registry, or undefined when sending is allowed. */
export function sendBlockedReason(registry?: RegistryFile): string | undefined {
  if (!vscode.workspace.isTrusted) return UNTRUSTED_MESSAGE;
  if (registry && registry.uri.scheme !== TRANSIENT_SCHEME && !vscode.workspace.getWorkspaceFolder(registry.uri)) {
    return `The registry ${registry.uri.fsPath || registry.uri.toString()} is outside the workspace folders: SCIM Workbench sends only with registries of the (trusted) workspace or the running sandbox. Move it into the workspace to use it.`;
  }
  return undefined;
}
