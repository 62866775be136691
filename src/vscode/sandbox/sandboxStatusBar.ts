// The status bar item shown while the sandbox runs; clicking it opens a menu to copy a base URL or the token,
// show the sandbox registry, or stop the sandbox.
import * as vscode from 'vscode';
import { credentialNoun } from '../../sandbox/registryAuth';
import { SANDBOX_REGISTRY_KEY, type SandboxController } from './sandboxController';
import { transientRegistries } from '../registry/transientRegistry';
import type { WorkbenchContext } from '../shared/workbenchContext';

export const SANDBOX_MENU_COMMAND = 'scimWorkbench.sandboxMenu';

interface MenuItem extends vscode.QuickPickItem { run?: () => Promise<unknown> }

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function registerSandboxStatusBar(ctx: WorkbenchContext, controller: SandboxController): void {
  const item = ctx.track(vscode.window.createStatusBarItem('scimWorkbench.sandbox', vscode.StatusBarAlignment.Left, 50));
  item.name = 'SCIM Sandbox';
  item.command = SANDBOX_MENU_COMMAND;
  const update = (): void => {
    const s = controller.summary;
    if (!s) {
      item.hide();
      return;
    }
    item.text = `$(vm-running) SCIM sandbox :${s.port}`;
    item.tooltip = new vscode.MarkdownString(
      `**SCIM sandbox running** at \`${s.url}\`\n\n${s.apps.map((a) => `- \`${a.id}\`: ${a.baseUrl}`).join('\n')}\n\n` +
      `${capitalised(credentialNoun(s.authType))}: the secret \`${s.tokenSecret}\`. Click for actions.`,
    );
    item.show();
  };
  ctx.track(controller.onDidChange(update));
  update();

  ctx.track(vscode.commands.registerCommand(SANDBOX_MENU_COMMAND, async () => {
    const s = controller.summary;
    if (!s) {
      const start = await vscode.window.showInformationMessage('The SCIM sandbox is not running.', 'Start Sandbox');
      if (start) await vscode.commands.executeCommand('scimWorkbench.startSandbox');
      return;
    }
    const items: MenuItem[] = [
      ...s.apps.map((a): MenuItem => ({
        label: `$(copy) Copy base URL: ${a.id}`,
        description: a.baseUrl,
        run: async () => {
          await vscode.env.clipboard.writeText(a.baseUrl);
          void vscode.window.setStatusBarMessage(`Copied ${a.baseUrl}`, 3000);
        },
      })),
      {
        label: `$(key) Copy ${s.authType === 'bearer' ? 'token' : credentialNoun(s.authType)}`,
        description: `the ${credentialNoun(s.authType)} of every app (secret "${s.tokenSecret}")`,
        run: async () => {
          const token = controller.token;
          if (token) await vscode.env.clipboard.writeText(token);
          void vscode.window.setStatusBarMessage(`Copied the sandbox ${credentialNoun(s.authType)}`, 3000);
        },
      },
      {
        label: '$(list-tree) Show in Registry view',
        run: async () => {
          const entry = transientRegistries.list().find((t) => t.key === SANDBOX_REGISTRY_KEY);
          if (entry) await vscode.commands.executeCommand('scimWorkbench.registry.revealApplication', entry.file.uri.toString(), 0);
        },
      },
      { label: '$(debug-stop) Stop sandbox', run: () => controller.stop() },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `SCIM sandbox · ${s.url}`, matchOnDescription: true });
    await picked?.run?.();
  }));
}
