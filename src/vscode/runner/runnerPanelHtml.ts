// What the runner panel may load, and its HTML: the shell of runnerShellHtml.ts with this webview's sources.
import * as vscode from 'vscode';
import { runnerShellHtml } from './runnerShellHtml';

export const RUNNER_VIEW_TYPE = 'scimWorkbench.runner';

/** What the panel may load: the bundles and the panel CSS, nothing else in the extension. */
export function runnerResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function runnerWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: runnerResourceRoots(extensionUri) };
}

export function runnerHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return runnerShellHtml({
    cspSource: webview.cspSource,
    script: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    style: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'runner.css')).toString(),
  });
}
