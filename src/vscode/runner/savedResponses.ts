// Responses saved from the runner as `*.response.scim.json` files remember where they came from in the
// workspace state (a sidecar: the file stays the plain body), keyed by the file's URI and following renames:
// the application (so the hover shows the registry's matching `errors` and `knownIssues`), the HTTP status and
// the response headers (so checks such as the status mismatch and a missing Retry-After work on the file).
// A payload file can also name its application itself in a leading `// @app <id>` comment (JSONC).
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../shared/workbenchContext';

const KEY = 'scimWorkbench.savedResponses';

export interface SavedResponseInfo {
  appId: string;
  status?: number;
  headers?: Record<string, string>;
  savedAt: string;
}

type Stored = Record<string, SavedResponseInfo>;

function all(ctx: WorkbenchContext): Stored {
  return ctx.extension.workspaceState.get<Stored>(KEY, {});
}

export function savedResponseInfo(ctx: WorkbenchContext, uri: vscode.Uri): SavedResponseInfo | undefined {
  return all(ctx)[uri.toString()];
}

export async function rememberSavedResponse(ctx: WorkbenchContext, uri: vscode.Uri, info: SavedResponseInfo): Promise<void> {
  await ctx.extension.workspaceState.update(KEY, { ...all(ctx), [uri.toString()]: info });
}

const APP_COMMENT = /^\s*(?:\/\/|#)\s*@app\s+([A-Za-z0-9._-]+)\s*$/m;

/** The application a payload document names in a leading `// @app <id>` comment (first 5 lines). */
export function appComment(text: string): string | undefined {
  const head = text.split(/\r?\n/, 5).join('\n');
  return APP_COMMENT.exec(head)?.[1];
}

/** Keeps the sidecar with its file when the file is renamed or moved, and drops it when the file is deleted. */
export function registerSavedResponseTracking(ctx: WorkbenchContext): void {
  ctx.track(vscode.workspace.onDidRenameFiles(async (e) => {
    const stored = all(ctx);
    let changed = false;
    for (const { oldUri, newUri } of e.files) {
      const info = stored[oldUri.toString()];
      if (!info) continue;
      delete stored[oldUri.toString()];
      stored[newUri.toString()] = info;
      changed = true;
    }
    if (changed) await ctx.extension.workspaceState.update(KEY, stored);
  }));
  ctx.track(vscode.workspace.onDidDeleteFiles(async (e) => {
    const stored = all(ctx);
    const before = Object.keys(stored).length;
    for (const uri of e.files) delete stored[uri.toString()];
    if (Object.keys(stored).length !== before) await ctx.extension.workspaceState.update(KEY, stored);
  }));
}
