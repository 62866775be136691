// Completion in registry files from the core's completionsAt, plus the secret names this workspace knows.
//
// VS Code's JSON language service already completes property names, enum values, booleans, defaults and
// examples from the contributed schema (jsonValidation). Offering the same labels again would show every
// suggestion twice, so while that service is present we add only what a JSON schema cannot express: finding
// codes, scimType values, extension URNs, and secret names. Without it, every core item is offered.
import * as vscode from 'vscode';
import { completionsAt, locationAt, registrySpec, secretNamesOf, specAt, type CompletionItem } from '../../core/registry';
import { REGISTRY_GLOB, registryWorkspace } from './registryFiles';
import { toRange } from '../shared/findingLinks';
import { secretStore } from '../secrets/secretStore';
import type { WorkbenchContext } from '../shared/workbenchContext';

export function jsonServicePresent(): boolean {
  return vscode.extensions.getExtension('vscode.json-language-features') !== undefined;
}

function toItem(doc: vscode.TextDocument, c: CompletionItem): vscode.CompletionItem {
  const item = new vscode.CompletionItem(c.label, c.kind === 'property' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.Value);
  item.insertText = c.isSnippet ? new vscode.SnippetString(c.insertText) : c.insertText;
  item.range = toRange(doc, c.range);
  // VS Code filters on the text the range replaces, which starts with a quote inside strings.
  const replaced = doc.getText(item.range);
  item.filterText = replaced.startsWith('"') ? JSON.stringify(c.label) : c.label;
  item.documentation = new vscode.MarkdownString(c.documentation);
  item.detail = c.detail;
  item.sortText = c.sortText;
  return item;
}

export class RegistryCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly ctx: WorkbenchContext) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const schemaCovered = jsonServicePresent();
    const location = locationAt(text, offset);
    if (!location) return []; // nested too deep to read: the REGISTRY_JSON_TOO_DEEP diagnostic says so
    const spec = location.isAtPropertyKey ? undefined : specAt(registrySpec, location.path);
    let items = completionsAt(text, offset);
    if (schemaCovered) {
      // Only open-ended suggestion lists are beyond the schema; the service proposes `examples` itself.
      const fromSchema = new Set((spec?.examples ?? []).map((e) => String(e)));
      items = spec?.suggestions ? items.filter((i) => i.kind === 'value' && !/^[[{]/.test(i.label) && !fromSchema.has(i.label)) : [];
    }
    const out = items.map((c) => toItem(doc, c));
    if (spec?.secretName) out.push(...(await this.secretNameItems(doc, offset, new Set(out.map((i) => String(i.label))))));
    return out;
  }

  /** Names already used in the registries or stored in SecretStorage, so one token can serve several apps. */
  private async secretNameItems(doc: vscode.TextDocument, offset: number, taken: Set<string>): Promise<vscode.CompletionItem[]> {
    const store = secretStore(this.ctx);
    const names = new Set(store.storedNames());
    for (const file of await registryWorkspace(this.ctx).list()) {
      for (const app of file.parsed.applications) for (const ref of secretNamesOf(app.app)) names.add(ref.name);
    }
    const node = locationAt(doc.getText(), offset)?.previousNode;
    const range = node?.type === 'string' && node.offset <= offset && offset <= node.offset + node.length
      ? new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length))
      : new vscode.Range(doc.positionAt(offset), doc.positionAt(offset));
    const items: vscode.CompletionItem[] = [];
    for (const name of [...names].sort()) {
      if (taken.has(name)) continue;
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Reference);
      item.insertText = JSON.stringify(name);
      item.filterText = JSON.stringify(name);
      item.range = range;
      item.detail = (await store.has(name)) ? 'secret name · stored in SecretStorage' : 'secret name · not set yet';
      items.push(item);
    }
    return items;
  }
}

export function registerRegistryCompletion(ctx: WorkbenchContext): void {
  ctx.track(vscode.languages.registerCompletionItemProvider({ pattern: REGISTRY_GLOB }, new RegistryCompletionProvider(ctx), '"', ':'));
}
