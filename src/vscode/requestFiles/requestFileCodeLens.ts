// `Send` above each request of a request file (`Cancel` while it is in flight), and `Send all` above the first.
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { REQUEST_FILE_SELECTOR, type RequestFileModels } from './requestFileDocuments';
import type { RequestFileSender } from './requestFileSend';

export function registerRequestFileCodeLens(ctx: WorkbenchContext, models: RequestFileModels, sender: RequestFileSender): void {
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: sender.onDidChange,
    provideCodeLenses(doc) {
      const file = models.parsed(doc);
      const lenses: vscode.CodeLens[] = [];
      for (const request of file.requests) {
        const start = doc.positionAt(request.requestLine.range.start);
        const range = new vscode.Range(start, start);
        const line = start.line;
        if (sender.isRunning(doc.uri, request.index)) {
          lenses.push(new vscode.CodeLens(range, { title: '$(sync~spin) Sending… Cancel', tooltip: 'Cancel this request', command: 'scimWorkbench.cancelRequest', arguments: [doc.uri, line] }));
        } else {
          lenses.push(new vscode.CodeLens(range, { title: '$(play) Send', tooltip: `Send ${request.requestLine.method} ${request.requestLine.target}`, command: 'scimWorkbench.sendRequest', arguments: [doc.uri, line] }));
        }
        if (request.index === 0 && file.requests.length > 1) {
          lenses.push(new vscode.CodeLens(range, { title: '$(run-all) Send all', tooltip: 'Send every request of this file in order (a later one reads the previous response)', command: 'scimWorkbench.sendAllRequests', arguments: [doc.uri] }));
        }
      }
      return lenses;
    },
  };
  ctx.track(vscode.languages.registerCodeLensProvider(REQUEST_FILE_SELECTOR, provider));
}
