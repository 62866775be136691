// A server's discovery documents saved in the workspace (a captured /Schemas or /ResourceTypes response, or single
// Schema and ResourceType documents, in `*.scim.json(c)` files) extend the payload catalog, so its custom
// attributes and extensions get diagnostics, completion and hover. Scanned the first time a SCIM payload is open
// (never at activation), then kept current by a file watcher.
import * as vscode from 'vscode';
import { discoveryDocumentsInText, mayHoldDiscoveryDocuments } from '../../core/scim/discoveryDocuments';
import { payloadCatalog } from './payloadCatalog';
import { isPayloadDocument } from './payloadDocuments';
import type { WorkbenchContext } from '../shared/workbenchContext';

const GLOB = '**/*.scim.{json,jsonc}';
const EXCLUDE = '{**/node_modules/**,**/.git/**}';
const MAX_FILES = 500;
const MAX_BYTES = 20 * 1024 * 1024;

export const workspaceSchemaSource = (uri: vscode.Uri): string => `workspace:${uri.toString()}`;

export function registerWorkspaceSchemas(ctx: WorkbenchContext): void {
  const catalog = payloadCatalog(ctx);
  let started = false;

  const load = async (uri: vscode.Uri): Promise<void> => {
    const source = workspaceSchemaSource(uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BYTES) return;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const docs = mayHoldDiscoveryDocuments(text) ? discoveryDocumentsInText(text) : undefined;
      if (!docs) {
        catalog.removeServerDocuments(source);
        return;
      }
      const problems = catalog.setServerDocuments(source, docs);
      ctx.log.info(`Schemas: ${docs.schemas?.length ?? 0} schema(s) and ${docs.resourceTypes?.length ?? 0} resource type(s) from ${vscode.workspace.asRelativePath(uri)}`);
      for (const p of problems) ctx.log.warn(`Schemas: ${vscode.workspace.asRelativePath(uri)}: ${p}`);
    } catch (err) {
      catalog.removeServerDocuments(source);
      ctx.log.warn(`Schemas: cannot read ${vscode.workspace.asRelativePath(uri)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const start = (): void => {
    if (started) return;
    started = true;
    const watcher = ctx.track(vscode.workspace.createFileSystemWatcher(GLOB));
    ctx.track(watcher.onDidCreate((uri) => void load(uri)));
    ctx.track(watcher.onDidChange((uri) => void load(uri)));
    ctx.track(watcher.onDidDelete((uri) => catalog.removeServerDocuments(workspaceSchemaSource(uri))));
    void vscode.workspace.findFiles(GLOB, EXCLUDE, MAX_FILES).then(async (uris) => {
      await Promise.all(uris.map(load));
    });
  };

  // Request files (language scim-request) carry payloads in their bodies: they need the schemas too.
  const consider = (doc: vscode.TextDocument): void => {
    if (!started && (isPayloadDocument(doc) || doc.languageId === 'scim-request')) start();
  };
  vscode.workspace.textDocuments.forEach(consider);
  ctx.track(vscode.workspace.onDidOpenTextDocument(consider));
}
