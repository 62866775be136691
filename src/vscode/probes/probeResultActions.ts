// Context actions of the Probe Results view: re-run, export evidence (Markdown / JSON / JUnit, as the CLI writes
// them), add a finding to the application's knownIssues, reveal a finding's registry field, open a code's README
// entry, cancel a run. Each also takes plain arguments (tests, other extensions).
import * as vscode from 'vscode';
import { addKnownIssue, knownIssueFor, type ResultNode } from '../../core/probeResults';
import { reportsToJunit, reportToJson, reportToMarkdown, type ProbeName } from '../../core/probes';
import { parseRegistry, type JsonPath } from '../../core/registry';
import { revealRange } from '../registry/registryView';
import { findingCodeTarget } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { cancelRuns } from './probeRun';
import { probeRunStore } from './probeRunStore';
import { resultNode } from './probeResultsView';
import { findTarget } from './probeTargets';
import { replaceText } from './probeWriteBack';
import { runInteractively } from './runProbesCommand';

type ExportFormat = 'markdown' | 'json' | 'junit';
const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', json: 'json', junit: 'xml' };

function runOf(ctx: WorkbenchContext, node: ResultNode | undefined) {
  if (!node) return undefined;
  const store = probeRunStore(ctx);
  return node.ref.runId ? store.find(node.ref.key, node.ref.runId) : store.runs(node.ref.registry, node.ref.appId)[0];
}

async function rerun(ctx: WorkbenchContext, arg: unknown): Promise<unknown> {
  const node = resultNode(arg);
  if (!node) return undefined;
  const target = await findTarget(ctx, node.ref.appId, node.ref.registry);
  if (!target) {
    void vscode.window.showErrorMessage(`"${node.ref.appId}" is no longer in ${node.ref.registry}.`);
    return undefined;
  }
  if (node.ref.probe) return runInteractively(ctx, target, [node.ref.probe], false);
  const run = runOf(ctx, node);
  if (node.kind === 'run' && run) return runInteractively(ctx, target, run.report.probes.filter((p) => p.status !== 'skipped').map((p) => p.probe as ProbeName), false);
  return runInteractively(ctx, target);
}

async function exportEvidence(ctx: WorkbenchContext, arg: unknown, format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
  const run = runOf(ctx, resultNode(arg));
  if (!run) return undefined;
  let fmt = typeof format === 'string' && format in EXTENSIONS ? (format as ExportFormat) : undefined;
  fmt ??= (await vscode.window.showQuickPick([
    { label: 'Markdown', description: 'evidence an auditor can read', fmt: 'markdown' as const },
    { label: 'JSON', description: 'the report, with the redacted transcript', fmt: 'json' as const },
    { label: 'JUnit XML', description: 'a test case per check, for CI', fmt: 'junit' as const },
  ], { title: `Export evidence of ${run.appId} (run ${run.report.runId})` }))?.fmt;
  if (!fmt) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${run.appId}-probe-${run.report.runId}.${EXTENSIONS[fmt]}`;
  const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target)
    : await vscode.window.showSaveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}), title: 'Export probe evidence' });
  if (!uri) return undefined;
  const text = fmt === 'markdown' ? reportToMarkdown(run.report) : fmt === 'json' ? reportToJson(run.report) : reportsToJunit([run.report]);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Exported the evidence of ${run.appId} to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}

async function addFindingToKnownIssues(ctx: WorkbenchContext, arg: unknown, summary?: unknown): Promise<boolean> {
  const node = resultNode(arg);
  const run = runOf(ctx, node);
  const finding = node?.ref.probe !== undefined && node.ref.finding !== undefined
    ? run?.report.probes.find((p) => p.probe === node.ref.probe)?.findings[node.ref.finding] : undefined;
  if (!node || !run || !finding) return false;
  const uri = vscode.Uri.parse(run.registry);
  if (uri.scheme !== 'file' && uri.scheme !== 'vscode-remote') {
    void vscode.window.showInformationMessage('The sandbox registry is generated: copy the entry into your own registry to record known issues.');
    return false;
  }
  const issue = knownIssueFor(finding, run.report.startedAt);
  const text = typeof summary === 'string' ? summary : await vscode.window.showInputBox({ title: `Known issue of ${run.appId} (${finding.code})`, value: issue.summary, prompt: 'A short summary for the registry' });
  if (!text) return false;
  issue.summary = text;
  const doc = await vscode.workspace.openTextDocument(uri);
  const result = addKnownIssue(doc.getText(), run.appId, issue);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Could not add the known issue: ${result.error}`);
    return false;
  }
  const failed = await replaceText(doc, result.text);
  if (failed) {
    void vscode.window.showErrorMessage(`Could not add the known issue: ${failed}`);
    return false;
  }
  const parsed = parseRegistry(result.text);
  const app = parsed.applications.find((a) => a.app.id === run.appId);
  const list = app ? parsed.rangeOf(['applications', app.index, 'knownIssues']) : undefined;
  if (list) await revealRange(uri, list.start, list.end);
  return true;
}

async function revealField(ctx: WorkbenchContext, registry: unknown, appId: unknown, field: unknown): Promise<boolean> {
  if (typeof registry !== 'string' || typeof appId !== 'string' || !Array.isArray(field)) return false;
  const target = await findTarget(ctx, appId, registry);
  if (!target) return false;
  const path = field as JsonPath;
  // The deepest part of the path the file has (an observed field may not be declared yet).
  for (let n = path.length; n >= 0; n--) {
    const range = target.file.parsed.rangeOf(['applications', target.parsed.index, ...path.slice(0, n)], n === path.length ? 'value' : 'property');
    if (range) {
      await revealRange(target.file.uri, range.start, range.end);
      return true;
    }
  }
  return false;
}

export function registerProbeResultActions(ctx: WorkbenchContext): void {
  const cmd = (id: string, fn: (...args: unknown[]) => unknown): void => { ctx.track(vscode.commands.registerCommand(id, fn)); };
  cmd('scimWorkbench.probes.rerun', (arg) => rerun(ctx, arg));
  cmd('scimWorkbench.probes.exportEvidence', (arg, format, target) => exportEvidence(ctx, arg, format, target));
  cmd('scimWorkbench.probes.addKnownIssue', (arg, summary) => addFindingToKnownIssues(ctx, arg, summary));
  cmd('scimWorkbench.probes.revealField', (registry, appId, field) => revealField(ctx, registry, appId, field));
  cmd('scimWorkbench.probes.cleanUp', (arg) => vscode.commands.executeCommand('scimWorkbench.cleanUpProbeResources', resultNode(arg) ?? arg));
  cmd('scimWorkbench.probes.openCodeDocs', async (arg) => {
    const code = resultNode(arg)?.ref.code;
    if (!code) return;
    const uri = findingCodeTarget(ctx.extension.extensionUri, code);
    await vscode.commands.executeCommand('markdown.showPreview', uri.with({ fragment: '' })).then(undefined, () => vscode.window.showTextDocument(uri.with({ fragment: '' })));
  });
  cmd('scimWorkbench.cancelProbeRun', (arg) => {
    const appId = typeof arg === 'string' ? arg : resultNode(arg)?.ref.appId;
    return appId ? cancelRuns(appId) : false;
  });
}
