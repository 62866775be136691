// Completion in SCIM payloads: converts the core's items (src/core/payloadLanguage) to VS Code's.
import * as vscode from 'vscode';
import { payloadCompletions, type CompletionKind, type PayloadCompletionItem } from '../../core/payloadLanguage';
import type { PayloadCatalog } from './payloadCatalog';
import { PAYLOAD_SELECTOR, isPayloadDocument, jsonSchemaCovers } from './payloadDocuments';
import { toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';

const kinds: Record<CompletionKind, vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  schema: vscode.CompletionItemKind.Module,
  operator: vscode.CompletionItemKind.Operator,
  keyword: vscode.CompletionItemKind.Keyword,
  snippet: vscode.CompletionItemKind.Snippet,
  enum: vscode.CompletionItemKind.EnumMember,
};

export function toCompletionItem(doc: vscode.TextDocument, c: PayloadCompletionItem): vscode.CompletionItem {
  const item = new vscode.CompletionItem(c.label, kinds[c.kind]);
  item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
  item.range = toRange(doc, c.range);
  if (c.detail !== undefined) item.detail = c.detail;
  if (c.documentation !== undefined) item.documentation = new vscode.MarkdownString(c.documentation);
  if (c.filterText !== undefined) item.filterText = c.filterText;
  if (c.sortText !== undefined) item.sortText = c.sortText;
  return item;
}

export function registerPayloadCompletion(ctx: WorkbenchContext, catalog: PayloadCatalog): void {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(doc, position) {
      if (!isPayloadDocument(doc)) return undefined;
      const items = payloadCompletions(doc.getText(), doc.offsetAt(position), { catalog: catalog.catalog, jsonSchemaCovered: jsonSchemaCovers(doc) });
      return items.map((c) => toCompletionItem(doc, c));
    },
  };
  // `"` opens keys and values, ':' a value, ' ' the next filter word, '[' and '.' value filters and sub-attributes.
  ctx.track(vscode.languages.registerCompletionItemProvider(PAYLOAD_SELECTOR, provider, '"', ':', ' ', '[', '.'));
}
