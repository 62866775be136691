// Hover in SCIM payloads: converts the core's hover (src/core/payloadLanguage) to VS Code's.
import * as vscode from 'vscode';
import { payloadHover } from '../../core/payloadLanguage';
import type { PayloadCatalog } from './payloadCatalog';
import { PAYLOAD_SELECTOR, isPayloadDocument, jsonSchemaCovers } from './payloadDocuments';
import { toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';

export function registerPayloadHover(ctx: WorkbenchContext, catalog: PayloadCatalog): void {
  ctx.track(vscode.languages.registerHoverProvider(PAYLOAD_SELECTOR, {
    provideHover(doc, position) {
      if (!isPayloadDocument(doc)) return undefined;
      const h = payloadHover(doc.getText(), doc.offsetAt(position), { catalog: catalog.catalog, jsonSchemaCovered: jsonSchemaCovers(doc) });
      if (!h) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(h.markdown), toRange(doc, h.range));
    },
  }));
}
