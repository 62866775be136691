// The runner panel's HTML shell, without `vscode` so a unit test can render it: a strict CSP whose only scripts
// are those carrying this render's nonce (18 bytes from crypto.randomBytes: 144 bits, new each render), styles
// and fonts only from the extension (webview.cspSource), and no data in the markup: everything the panel shows
// arrives by postMessage and is rendered as text.
import { randomBytes } from 'node:crypto';

export interface ShellSources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** The webview URIs of dist/webview.js and media/runner.css. */
  script: string;
  style: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function runnerShellHtml(sources: ShellSources, nonce = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${sources.cspSource}`,
    `font-src ${sources.cspSource}`,
    `img-src ${sources.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${sources.style}">
<title>SCIM Request Runner</title>
</head>
<body>
<main id="runner" aria-busy="true"><p class="loading">Loading the request runner…</p></main>
<script nonce="${nonce}" src="${sources.script}"></script>
</body>
</html>`;
}
