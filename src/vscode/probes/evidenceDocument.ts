// Evidence one click away: an exchange of a stored run as a read-only document (`scim-evidence:`), the request
// and the response as HTTP text, redacted. The URI names the run and the exchange; the store holds the content.
import * as vscode from 'vscode';
import { exchangeToHttp } from '../../core/probeResults';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { probeRunStore } from './probeRunStore';

export const EVIDENCE_SCHEME = 'scim-evidence';

export function evidenceUri(key: string, appId: string, runId: string, exchangeId: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: EVIDENCE_SCHEME,
    path: `/${appId.replace(/[^A-Za-z0-9._-]/g, '_')}/${runId}/${exchangeId}.http`,
    query: new URLSearchParams({ key, run: runId, exchange: exchangeId }).toString(),
  });
}

export function registerEvidenceDocuments(ctx: WorkbenchContext): void {
  const store = probeRunStore(ctx);
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent(uri) {
      const q = new URLSearchParams(uri.query);
      const run = store.find(q.get('key') ?? '', q.get('run') ?? '');
      const exchange = run?.report.transcript.find((x) => x.id === q.get('exchange'));
      if (!exchange) return `# This exchange is no longer stored (run ${q.get('run') ?? '?'}: older runs are dropped past scimWorkbench.probes.keepRuns).\n`;
      return exchangeToHttp(exchange);
    },
  };
  ctx.track(vscode.workspace.registerTextDocumentContentProvider(EVIDENCE_SCHEME, provider));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.probes.openExchange', async (key: unknown, appId: unknown, runId: unknown, exchangeId: unknown) => {
    if (typeof key !== 'string' || typeof appId !== 'string' || typeof runId !== 'string' || typeof exchangeId !== 'string') return undefined;
    const doc = await vscode.workspace.openTextDocument(evidenceUri(key, appId, runId, exchangeId));
    return vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
  }));
}
