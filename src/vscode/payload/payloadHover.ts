// Hover in SCIM payloads: converts the core's hover (src/core/payloadLanguage) to VS Code's, and adds the
// inspector's explanation over an error body's status/scimType/detail (src/vscode/runner/errorExplanation.ts).
import * as vscode from 'vscode';
import { payloadHover } from '../../core/payloadLanguage';
import type { PayloadCatalog } from './payloadCatalog';
import { PAYLOAD_SELECTOR, isPayloadDocument, jsonSchemaCovers } from './payloadDocuments';
import { errorHover } from '../runner/errorExplanation';
import { toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';

export function registerPayloadHover(ctx: WorkbenchContext, catalog: PayloadCatalog): void {
  ctx.track(vscode.languages.registerHoverProvider(PAYLOAD_SELECTOR, {
    provideHover(doc, position) {
      if (!isPayloadDocument(doc)) return undefined;
      const h = payloadHover(doc.getText(), doc.offsetAt(position), { catalog: catalog.catalog, jsonSchemaCovered: jsonSchemaCovers(doc) });
      const explained = errorHover(ctx, doc, position);
      if (!h && !explained) return undefined;
      const contents = [...(h ? [new vscode.MarkdownString(h.markdown)] : []), ...(explained ? [explained] : [])];
      return new vscode.Hover(contents, h ? toRange(doc, h.range) : undefined);
    },
  }));
}
