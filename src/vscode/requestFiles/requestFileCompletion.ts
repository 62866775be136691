// Completion in request files: converts the core's items (src/core/requestFile/completion.ts) to VS Code's.
import * as vscode from 'vscode';
import { requestFileCompletions } from '../../core/requestFile';
import { toCompletionItem } from '../payload/payloadCompletion';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { rememberedApplication } from './requestFileApplication';
import { REQUEST_FILE_SELECTOR, type RequestFileModels } from './requestFileDocuments';

export function registerRequestFileCompletion(ctx: WorkbenchContext, models: RequestFileModels): void {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(doc, position) {
      // The first completion may come before the registries were read: `@app` ids need them.
      const apps = models.apps.known ?? (await models.apps.list()).map((a) => a.info);
      const items = requestFileCompletions(models.parsed(doc), doc.offsetAt(position), { apps, catalog: models.catalog.catalog, chosenAppId: rememberedApplication(ctx, doc.uri) });
      return items.map((c) => toCompletionItem(doc, c));
    },
  };
  // '{' opens references, ' ' the next word (path, filter operator, app id), '/' paths, '?'/'&' query names,
  // '=' query values, ':' header values, '"' '.' '[' inside bodies and filters.
  ctx.track(vscode.languages.registerCompletionItemProvider(REQUEST_FILE_SELECTOR, provider, '{', ' ', '/', '?', '&', '=', ':', '"', '.', '['));
}
