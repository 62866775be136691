// Write observations back into the registry: each probe's `observed` block (and a registry filter's status and
// testedAt) at once; promoting observed values into declared fields only after a diff preview and a confirmation.
// Edits are the registry write-back's minimal edits, applied to the document (undoable) and saved.
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomicWrite';
import { minimalEdit } from '../../core/findings';
import { writeBackReport } from '../../core/probes';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { editOf } from './driftCodeActions';
import { probeRunStore } from './probeRunStore';
import { resultNode } from './probeResultsView';

const PREVIEW_SCHEME = 'scim-probe-preview';
const previews = new Map<string, string>();

export interface WriteBackArgs {
  registry: string;
  app: string;
  runId?: string;
  /** true: promote after the preview without asking; false: never promote; absent: ask. */
  promote?: boolean;
}

export interface WriteBackSummary {
  applied: string[];
  problems: string[];
  drift: number;
  promoted: string[];
}

/**
 * Writes the change: into the file when the document has no unsaved edits (an open editor follows the disk), as an
 * edit of the document otherwise, so unsaved work is neither lost nor saved behind the user's back. A local file is
 * replaced in one step (temporary file, then rename), so an editor or a watcher that reloads it mid-write cannot
 * read an empty or half-written registry (and, say, a probe run started then find no applications in it).
 */
export async function replaceText(doc: vscode.TextDocument, after: string): Promise<string | undefined> {
  const edit = minimalEdit(doc.getText(), after);
  if (!edit) return undefined;
  if (doc.isDirty) {
    return (await vscode.workspace.applyEdit(editOf(doc, [edit]))) ? undefined : `the edit to ${doc.uri.fsPath} was refused`;
  }
  if (doc.uri.scheme === 'file') await writeFileAtomic(doc.uri.fsPath, after);
  else await vscode.workspace.fs.writeFile(doc.uri, new TextEncoder().encode(after));
  return undefined;
}

function argsOf(arg: unknown): WriteBackArgs | undefined {
  const node = resultNode(arg);
  if (node?.ref.runId) return { registry: node.ref.registry, app: node.ref.appId, runId: node.ref.runId };
  const a = arg as Partial<WriteBackArgs> | undefined;
  return typeof a?.registry === 'string' && typeof a.app === 'string' ? (a as WriteBackArgs) : undefined;
}

export async function writeBack(ctx: WorkbenchContext, arg: unknown): Promise<WriteBackSummary | undefined> {
  const args = argsOf(arg);
  if (!args) {
    void vscode.window.showInformationMessage('Pick a run in the Probe Results view to write its observations back.');
    return undefined;
  }
  const store = probeRunStore(ctx);
  const run = args.runId ? store.runs(args.registry, args.app).find((r) => r.report.runId === args.runId) : store.latest(args.registry, args.app);
  if (!run) throw new Error(`No stored run of "${args.app}"${args.runId ? ` with id ${args.runId}` : ''}.`);
  const uri = vscode.Uri.parse(run.registry);
  if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') {
    void vscode.window.showInformationMessage(`The registry of "${args.app}" is generated (the running sandbox): copy the entry into your own registry to record observations.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const outcome = writeBackReport(doc.getText(), run.report);
  const failed = await replaceText(doc, outcome.text);
  if (failed) throw new Error(`Write-back of ${args.app}: ${failed}.`);
  const summary: WriteBackSummary = { applied: outcome.applied, problems: outcome.problems, drift: outcome.drift.length, promoted: [] };
  for (const p of outcome.problems) ctx.log.warn(`Write-back ${args.app}: ${p}`);
  ctx.log.info(`Write-back ${args.app}: ${outcome.applied.join('; ') || 'nothing to change'}`);
  if (outcome.problems.length) void vscode.window.showWarningMessage(`Write-back of ${args.app}: ${outcome.problems.join(' ')}`);
  if (outcome.drift.length === 0 || args.promote === false) return summary;

  const promoted = writeBackReport(doc.getText(), run.report, { promote: true });
  if (promoted.text === doc.getText()) return summary;
  if (args.promote === undefined) {
    const preview = 'Preview Promotion';
    const choice = await vscode.window.showInformationMessage(
      `Observations of ${args.app} recorded. ${outcome.drift.length} declared field(s) differ from what was observed.`, preview);
    if (choice !== preview) return summary;
  }
  const previewUri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: uri.path, query: `run=${run.report.runId}` });
  previews.set(previewUri.toString(), promoted.text);
  await vscode.commands.executeCommand('vscode.diff', uri, previewUri, `${args.app}: declared ↔ observed values promoted (run ${run.report.runId})`);
  if (args.promote === undefined) {
    const go = 'Promote';
    const fields = promoted.applied.filter((a) => !a.startsWith('observed.'));
    const choice = await vscode.window.showWarningMessage(`Write ${fields.length} observed value(s) into the declared fields of ${args.app}?`, { modal: true, detail: fields.join('\n') }, go);
    if (choice !== go) return summary;
  }
  const notPromoted = await replaceText(doc, writeBackReport(doc.getText(), run.report, { promote: true }).text);
  if (notPromoted) throw new Error(`Promotion into ${args.app}: ${notPromoted}.`);
  summary.promoted = promoted.applied.filter((a) => !a.startsWith('observed.'));
  ctx.log.info(`Promoted into ${args.app}: ${summary.promoted.join('; ')}`);
  return summary;
}

export function registerProbeWriteBack(ctx: WorkbenchContext): void {
  ctx.track(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
    provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '',
  }));
  ctx.track({ dispose: () => previews.clear() });
  ctx.track(vscode.commands.registerCommand('scimWorkbench.probes.writeBack', (arg?: unknown) => writeBack(ctx, arg)));
}
