// Which registry application a request goes to: the `# @app <id>` above it, else the file's first `@app`, else
// the application chosen for this file before (workspace state), else a quick pick once, remembered per file.
// The runner's Send calls `applicationForRequest`; `SCIM: Choose Application for Request File` changes the memory.
import * as vscode from 'vscode';
import { appDirectiveFor, type ParsedRequest, type RequestFile } from '../../core/requestFile';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { requestFileApps, type RegistryApplication } from './requestFileApps';
import { isRequestFileDocument, requestFileModels } from './requestFileDocuments';

const MEMORY_KEY = 'scimWorkbench.requestFiles.application';

export type ApplicationSource = 'directive' | 'file' | 'remembered' | 'picked';

export interface ChosenApplication extends RegistryApplication {
  /** Why this application: its own `# @app`, the file's first `@app`, the file's remembered choice, or the pick just made. */
  source: ApplicationSource;
}

export type ApplicationChoice =
  | { ok: true; chosen: ChosenApplication }
  | { ok: false; reason: 'unknown' | 'cancelled' | 'none'; message: string };

function memory(ctx: WorkbenchContext): Record<string, string> {
  return ctx.extension.workspaceState.get<Record<string, string>>(MEMORY_KEY, {});
}

export function rememberedApplication(ctx: WorkbenchContext, uri: vscode.Uri): string | undefined {
  return memory(ctx)[uri.toString()];
}

export async function rememberApplication(ctx: WorkbenchContext, uri: vscode.Uri, id: string | undefined): Promise<void> {
  const next = { ...memory(ctx) };
  if (id === undefined) delete next[uri.toString()];
  else next[uri.toString()] = id;
  await ctx.extension.workspaceState.update(MEMORY_KEY, next);
}

interface AppPick extends vscode.QuickPickItem { app: RegistryApplication }

/** Asks which application a file's requests go to; undefined when dismissed. */
export async function pickApplication(ctx: WorkbenchContext, uri: vscode.Uri, current?: string): Promise<RegistryApplication | undefined> {
  const apps = await requestFileApps(ctx).list();
  if (apps.length === 0) {
    void vscode.window.showWarningMessage('No registry application to send to: add one to a scim-registry.jsonc (SCIM: New Registry) or start the sandbox.');
    return undefined;
  }
  const items: AppPick[] = apps.map((a) => ({
    label: a.info.id,
    description: [a.info.name, a.info.id.toLowerCase() === current?.toLowerCase() ? '(current)' : undefined].filter(Boolean).join(' '),
    detail: `${a.info.baseUrl ?? 'no baseUrl'} · ${a.info.source ?? ''}`,
    app: a,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Application for ${vscode.workspace.asRelativePath(uri)}`,
    placeHolder: 'Which registry application do the requests of this file go to? (remembered for this file)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.app;
}

/**
 * The application `request` (of `file`, the document at `uri`) goes to. With `pick` (the default) and nothing in
 * the file or the memory, asks once and remembers the answer for the file.
 */
export async function applicationForRequest(ctx: WorkbenchContext, uri: vscode.Uri, file: RequestFile, request: ParsedRequest | undefined, opts: { pick?: boolean } = {}): Promise<ApplicationChoice> {
  const apps = requestFileApps(ctx);
  const directive = request ? appDirectiveFor(file, request) : file.apps[0];
  if (directive) {
    const found = await apps.find(directive.id);
    if (!found) return { ok: false, reason: 'unknown', message: `No registry in this workspace defines the application "${directive.id}" named by @app.` };
    return { ok: true, chosen: { ...found, source: directive === request?.app ? 'directive' : 'file' } };
  }
  const remembered = rememberedApplication(ctx, uri);
  if (remembered !== undefined) {
    const found = await apps.find(remembered);
    if (found) return { ok: true, chosen: { ...found, source: 'remembered' } };
  }
  if (opts.pick === false) return { ok: false, reason: 'none', message: 'This file names no application (# @app <id>) and none was chosen for it yet.' };
  const picked = await pickApplication(ctx, uri, remembered);
  if (!picked) return { ok: false, reason: 'cancelled', message: 'No application chosen.' };
  await rememberApplication(ctx, uri, picked.info.id);
  return { ok: true, chosen: { ...picked, source: 'picked' } };
}

/**
 * `SCIM: Choose Application for Request File` (arguments: the file URI and an application id, both optional).
 * Returns the id chosen, or undefined.
 */
export function registerChooseApplicationCommand(ctx: WorkbenchContext): void {
  ctx.track(vscode.commands.registerCommand('scimWorkbench.chooseRequestFileApp', async (target?: vscode.Uri | string, id?: string) => {
    const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target ?? vscode.window.activeTextEditor?.document.uri;
    const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
    if (!uri || (doc && !isRequestFileDocument(doc))) {
      void vscode.window.showInformationMessage('Open a SCIM request file (*.scim) first.');
      return undefined;
    }
    let chosen: string | undefined;
    if (typeof id === 'string') {
      const found = await requestFileApps(ctx).find(id);
      if (!found) {
        void vscode.window.showErrorMessage(`No registry in this workspace defines the application "${id}".`);
        return undefined;
      }
      chosen = found.info.id;
    } else {
      chosen = (await pickApplication(ctx, uri, rememberedApplication(ctx, uri)))?.info.id;
    }
    if (chosen === undefined) return undefined;
    await rememberApplication(ctx, uri, chosen);
    const directive = doc ? requestFileModels(ctx).parsed(doc).apps[0] : undefined;
    if (directive) void vscode.window.showInformationMessage(`Remembered "${chosen}" for this file, but its "# @app ${directive.id}" line takes precedence.`);
    return chosen;
  }));
}
