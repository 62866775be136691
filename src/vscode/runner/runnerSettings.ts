// What the HTTP engine needs from VS Code's settings: its proxy (`http.proxy`, `http.noProxy`), an extra CA file
// (`scimWorkbench.http.caFile`) and the total deadline (`scimWorkbench.http.timeoutSeconds`).
// `http.proxyStrictSSL: false` is not honoured on purpose: certificates are always verified (add the proxy's CA
// with the CA file instead), because a request carries the application's credentials.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScimClientOptions } from '../../core/http';

export type EngineSettings = Pick<ScimClientOptions, 'proxy' | 'noProxy' | 'caFile' | 'deadlineMs'>;

export function engineSettings(): EngineSettings {
  const http = vscode.workspace.getConfiguration('http');
  const ours = vscode.workspace.getConfiguration('scimWorkbench.http');
  const out: EngineSettings = {};
  const proxy = http.get<string>('proxy', '').trim();
  if (proxy) out.proxy = proxy;
  const noProxy = http.get<string[]>('noProxy', []);
  if (Array.isArray(noProxy) && noProxy.length > 0) out.noProxy = noProxy.join(',');
  const caFile = ours.get<string>('caFile', '').trim();
  if (caFile) out.caFile = resolveAgainstWorkspace(caFile);
  const timeout = ours.get<number>('timeoutSeconds', 60);
  if (typeof timeout === 'number' && timeout > 0) out.deadlineMs = Math.round(timeout * 1000);
  return out;
}

/** `~/x.pem` and workspace-relative paths, as users write them in settings. */
function resolveAgainstWorkspace(file: string): string {
  if (file.startsWith('~/')) return path.join(process.env.HOME ?? '', file.slice(2));
  if (path.isAbsolute(file)) return file;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, file) : file;
}
