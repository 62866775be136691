// The panel's only HTML: a static shell with a strict CSP. Scripts run only with this load's nonce (from
// crypto.randomBytes), styles and fonts come only from the extension (webview.cspSource), and no data is ever
// written into the markup: everything the panel shows arrives by postMessage and is rendered as text.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export const RUNNER_VIEW_TYPE = 'scimWorkbench.runner';

/** What the panel may load: the bundles and the panel CSS, nothing else in the extension. */
export function runnerResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function runnerWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: runnerResourceRoots(extensionUri) };
}

export function runnerHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'runner.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>SCIM Request Runner</title>
</head>
<body>
<main id="runner" aria-busy="true"><p class="loading">Loading the request runner…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
