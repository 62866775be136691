// "Save response": the body as `responses/<app>-<status>-<time>.response.scim.json` in the workspace (a
// non-JSON body as `.response.txt`), opened beside the panel, where it gets payload diagnostics and, for an
// error, the inspector's explanation; the application, status and headers go to the saved-response sidecar.
import * as vscode from 'vscode';
import type { RunnerResult } from '../../core/protocol';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { rememberSavedResponse } from './savedResponses';

function stamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Writes the file and remembers its origin; the caller shows it (beside the panel). */
export async function saveResponse(ctx: WorkbenchContext, result: RunnerResult): Promise<vscode.Uri | undefined> {
  const res = result.exchange.response;
  if (!res) {
    void vscode.window.showWarningMessage('There is no response to save: the request failed before an answer came back.');
    return undefined;
  }
  const json = res.body.kind === 'json' && !res.body.parseError;
  const name = `${result.appId}-${res.status}-${stamp(result.exchange.startedAt)}.response.${json ? 'scim.json' : 'txt'}`;
  const folder = vscode.workspace.workspaceFolders?.[0];
  let uri: vscode.Uri | undefined;
  if (folder) uri = vscode.Uri.joinPath(folder.uri, 'responses', name);
  else uri = await vscode.window.showSaveDialog({ title: 'Save SCIM response', saveLabel: 'Save response', defaultUri: vscode.Uri.file(name) });
  if (!uri) return undefined;
  const text = result.prettyBody.endsWith('\n') ? result.prettyBody : `${result.prettyBody}\n`;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await rememberSavedResponse(ctx, uri, { appId: result.appId, status: res.status, headers: res.headers, savedAt: new Date().toISOString() });
  if (result.omittedChars > 0) void vscode.window.showWarningMessage(`Only the first ${result.prettyBody.length} characters of the body were kept (${result.omittedChars} more were left out).`);
  return uri;
}
