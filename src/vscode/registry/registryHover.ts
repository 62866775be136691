// Hover in registry files from the core's hoverAt, plus the SecretStorage state of a secret name.
//
// With VS Code's JSON language service present, hovering a key or an enum value already shows the schema's
// markdown (generated from the same field docs), so repeating it would stack the same text twice. Then we hover
// only what the schema cannot explain: finding codes, scimType values, extension URNs and secret names.
import * as vscode from 'vscode';
import { hoverAt, locationAt, registrySpec, secretEnvName, specAt } from '../../core/registry';
import { REGISTRY_GLOB } from './registryFiles';
import { jsonServicePresent } from './registryCompletion';
import { toRange } from '../shared/findingLinks';
import { secretStore } from '../secrets/secretStore';
import type { WorkbenchContext } from '../shared/workbenchContext';

export class RegistryHoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: WorkbenchContext) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const location = locationAt(text, offset);
    if (!location) return undefined; // nested too deep to read: the REGISTRY_JSON_TOO_DEEP diagnostic says so
    const node = location.previousNode;
    const onValue = !location.isAtPropertyKey && node !== undefined && node.offset <= offset && offset <= node.offset + node.length;
    const spec = onValue ? specAt(registrySpec, location.path) : undefined;
    if (spec?.secretName && node?.type === 'string' && typeof node.value === 'string') {
      const range = new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length));
      return new vscode.Hover(await this.secretHover(node.value), range);
    }
    if (jsonServicePresent() && !spec?.suggestions) return undefined;
    const hover = hoverAt(text, offset);
    if (!hover) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(doc, hover.range));
  }

  private async secretHover(name: string): Promise<vscode.MarkdownString> {
    const stored = await secretStore(this.ctx).has(name);
    const args = encodeURIComponent(JSON.stringify([name]));
    const md = new vscode.MarkdownString(
      `**Secret name** \`${name}\`\n\n` +
      (stored ? '$(pass-filled) Stored in SecretStorage.' : '$(circle-large-outline) Not stored in SecretStorage yet: you are asked for it on first use.') +
      `\n\nThe CLI reads the environment variable \`${secretEnvName(name)}\`.\n\n` +
      `[Set secret](command:scimWorkbench.setSecret?${args})` + (stored ? ` · [Clear secret](command:scimWorkbench.clearSecret?${args})` : ''),
      true,
    );
    md.isTrusted = { enabledCommands: ['scimWorkbench.setSecret', 'scimWorkbench.clearSecret'] };
    return md;
  }
}

export function registerRegistryHover(ctx: WorkbenchContext): void {
  ctx.track(vscode.languages.registerHoverProvider({ pattern: REGISTRY_GLOB }, new RegistryHoverProvider(ctx)));
}
