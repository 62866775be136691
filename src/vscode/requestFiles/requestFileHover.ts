// Hover in request files: converts the core's hover (src/core/requestFile/hover.ts) to VS Code's.
import * as vscode from 'vscode';
import { requestFileHover } from '../../core/requestFile';
import { toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { rememberedApplication } from './requestFileApplication';
import { REQUEST_FILE_SELECTOR, type RequestFileModels } from './requestFileDocuments';

export function registerRequestFileHover(ctx: WorkbenchContext, models: RequestFileModels): void {
  ctx.track(vscode.languages.registerHoverProvider(REQUEST_FILE_SELECTOR, {
    async provideHover(doc, position) {
      const apps = models.apps.known ?? (await models.apps.list()).map((a) => a.info);
      const h = requestFileHover(models.parsed(doc), doc.offsetAt(position), { apps, catalog: models.catalog.catalog, chosenAppId: rememberedApplication(ctx, doc.uri) });
      return h ? new vscode.Hover(new vscode.MarkdownString(h.markdown), toRange(doc, h.range)) : undefined;
    },
  }));
}
