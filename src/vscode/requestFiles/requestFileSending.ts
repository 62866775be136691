// Registers sending from request files: the Send / Send all code lenses, the result decorations, and the
// commands `scimWorkbench.sendRequest` (file URI, line), `scimWorkbench.sendAllRequests` (file URI) and
// `scimWorkbench.cancelRequest`. Without arguments they act on the active editor (and its cursor line).
import * as vscode from 'vscode';
import { requestAt } from '../../core/requestFile';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { registerRequestFileCodeLens } from './requestFileCodeLens';
import type { RequestFileModels } from './requestFileDocuments';
import { requestFileResults } from './requestFileResults';
import { RequestFileSender } from './requestFileSend';

function uriOf(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string') return target.includes(':') ? vscode.Uri.parse(target) : vscode.Uri.file(target);
  return vscode.window.activeTextEditor?.document.uri;
}

function lineOf(uri: vscode.Uri, line: unknown): number {
  if (typeof line === 'number' && Number.isInteger(line) && line >= 0) return line;
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active.line : 0;
}

export function registerRequestFileSending(ctx: WorkbenchContext, models: RequestFileModels): RequestFileSender {
  const results = requestFileResults(ctx, models);
  const sender = ctx.track(new RequestFileSender(ctx, models, results));
  registerRequestFileCodeLens(ctx, models, sender);
  const noFile = (): undefined => {
    void vscode.window.showInformationMessage('Open a SCIM request file (*.scim) first.');
    return undefined;
  };
  ctx.track(vscode.commands.registerCommand('scimWorkbench.sendRequest', async (target?: unknown, line?: unknown) => {
    const uri = uriOf(target);
    return uri ? sender.send(uri, lineOf(uri, line)) : noFile();
  }));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.sendAllRequests', async (target?: unknown) => {
    const uri = uriOf(target);
    return uri ? sender.sendAll(uri) : noFile();
  }));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.cancelRequest', async (target?: unknown, line?: unknown) => {
    const uri = uriOf(target);
    if (!uri) return;
    if (line === undefined) return sender.cancel(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const request = requestAt(models.parsed(doc), doc.offsetAt(new vscode.Position(lineOf(uri, line), 0)));
    if (request) sender.cancel(uri, request.index);
  }));
  // For tests and tools: what each request line shows now.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.internal.requestFileResults', async (target?: unknown) => {
    const uri = uriOf(target);
    return uri ? results.shown(await vscode.workspace.openTextDocument(uri)) : [];
  }));
  return sender;
}
