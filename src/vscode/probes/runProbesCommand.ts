// SCIM: Run Probes... (`scimWorkbench.runProbes`): pick the application (every registry of the workspace and the
// running sandbox) and the probes (read-only ones preselected, writing ones offered only where probe.allowWrites
// is true), confirm writes in a modal naming the application, its base URL and environment (production: a second
// confirmation), run. With arguments `{ registry?, app, probes?, confirmWrites? }` it asks nothing but the
// production confirmation and returns the report. Also the per-application and per-registry entry points used by
// the code lens and the Registry view.
import * as vscode from 'vscode';
import { decideRun, probeChoices, productionConfirmationText, runVerdict, writeConfirmationText } from '../../core/probeResults';
import type { ProbeName, ProbeReport } from '../../core/probes';
import { appLabel, type RegistryFile } from '../registry/registryFiles';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { executeRun, probeBlockedReason, type RunOutcome } from './probeRun';
import { allTargets, findTarget, isTransient, type ProbeTarget } from './probeTargets';

export interface RunProbesArgs {
  registry?: vscode.Uri | string;
  app: string;
  probes?: string[];
  confirmWrites?: boolean;
}

function isArgs(v: unknown): v is RunProbesArgs {
  return typeof v === 'object' && v !== null && typeof (v as { app?: unknown }).app === 'string';
}

interface TargetPick extends vscode.QuickPickItem { target?: ProbeTarget }

async function pickTarget(ctx: WorkbenchContext): Promise<ProbeTarget | undefined> {
  const targets = await allTargets(ctx);
  if (!targets.length) {
    void vscode.window.showInformationMessage('No application to probe: add one to a scim-registry.jsonc, or start the sandbox (SCIM: Start Sandbox).');
    return undefined;
  }
  const items: TargetPick[] = [];
  let last: RegistryFile | undefined;
  for (const t of targets) {
    if (t.file !== last) {
      items.push({ label: isTransient(t.file) ? 'Sandbox (running)' : vscode.workspace.asRelativePath(t.file.uri), kind: vscode.QuickPickItemKind.Separator });
      last = t.file;
    }
    items.push({
      label: appLabel(t.parsed),
      description: `${String(t.app.baseUrl)}${t.app.environment ? ` · ${t.app.environment}` : ''}`,
      detail: t.app.probe?.allowWrites === true ? 'writes allowed (probe.allowWrites)' : 'read-only',
      target: t,
    });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Run probes: application', placeHolder: 'Which application?', matchOnDescription: true });
  return picked?.target;
}

interface ProbePick extends vscode.QuickPickItem { probe: ProbeName }

async function pickProbes(target: ProbeTarget, preselect?: readonly ProbeName[]): Promise<ProbeName[] | undefined> {
  const items: ProbePick[] = probeChoices(target.app).map((c) => ({
    label: c.name,
    description: c.writes === 'never' ? c.title : `${c.title} · ${c.writes === 'always' ? 'writes' : 'some checks write'}`,
    picked: preselect ? preselect.includes(c.name) : c.picked,
    probe: c.name,
  }));
  const allowed = target.app.probe?.allowWrites === true;
  const picked = await vscode.window.showQuickPick(items, {
    title: `Run probes against ${target.app.id}`,
    placeHolder: allowed ? 'Read-only probes are checked; writing probes create and delete test users and groups' : 'Writing probes are offered only where "probe": { "allowWrites": true }',
    canPickMany: true,
  });
  if (!picked) return undefined;
  if (!picked.length) {
    void vscode.window.showInformationMessage('No probe was picked; nothing was run.');
    return undefined;
  }
  return picked.map((p) => p.probe);
}

/** The modal(s) before a run that writes; false when the user declined. */
export async function confirmWrites(target: ProbeTarget, plan: readonly ProbeName[], confirmations: 0 | 1 | 2, alreadyConfirmed: boolean): Promise<boolean> {
  if (confirmations === 0) return true;
  if (!alreadyConfirmed) {
    const go = 'Run and Write';
    const answer = await vscode.window.showWarningMessage(writeConfirmationText(target.app, plan), { modal: true }, go);
    if (answer !== go) return false;
  }
  if (confirmations === 2) {
    const go = 'Write to Production';
    const answer = await vscode.window.showWarningMessage(productionConfirmationText(target.app), { modal: true }, go);
    if (answer !== go) return false;
  }
  return true;
}

/** After a run the user started: a summary with the next steps; not awaited (the command returns the report). */
function announce(target: ProbeTarget, outcome: RunOutcome): void {
  if (!outcome.report) {
    void vscode.window.showErrorMessage(outcome.message);
    return;
  }
  const r = outcome.report;
  const findings = r.probes.flatMap((p) => p.findings);
  const text = `Probes on ${target.app.id}: ${runVerdict(r)} · ${findings.length} finding(s)${r.cleanup.failed.length ? ` · ${r.cleanup.failed.length} test resource(s) NOT removed` : ''}`;
  const actions = ['Show Results', ...(isTransient(target.file) ? [] : ['Write Back'])];
  void vscode.window.showInformationMessage(text, ...actions).then((choice) => {
    if (choice === 'Show Results') void vscode.commands.executeCommand('scimWorkbench.probes.focus');
    if (choice === 'Write Back') void vscode.commands.executeCommand('scimWorkbench.probes.writeBack', { registry: target.file.uri.toString(), app: target.app.id, runId: r.runId });
  });
}

/** Interactive run of one application: probe picker (unless given), confirmations, run, summary. */
export async function runInteractively(ctx: WorkbenchContext, target: ProbeTarget, probes?: readonly ProbeName[], ask = true): Promise<ProbeReport | undefined> {
  const blocked = probeBlockedReason();
  if (blocked) {
    void vscode.window.showErrorMessage(blocked);
    return undefined;
  }
  const only = ask ? await pickProbes(target, probes) : [...(probes ?? [])];
  if (!only) return undefined;
  const decision = decideRun(target.app, only);
  const confirmed = await confirmWrites(target, decision.plan, decision.confirmations, false);
  if (!confirmed) {
    void vscode.window.showInformationMessage(`Nothing was run against ${target.app.id}: writing was not confirmed.`);
    return undefined;
  }
  const outcome = await executeRun(ctx, { target, only: decision.plan, allowWrites: decision.writes });
  announce(target, outcome);
  return outcome.report;
}

/** The argument form: no pickers; writes only with confirmWrites (and, for production, the second modal). */
async function runWithArgs(ctx: WorkbenchContext, args: RunProbesArgs): Promise<ProbeReport | undefined> {
  const blocked = probeBlockedReason();
  if (blocked) {
    void vscode.window.showErrorMessage(blocked);
    return undefined;
  }
  const target = await findTarget(ctx, args.app, args.registry);
  if (!target) throw new Error(`No application "${args.app}" in ${args.registry ? String(args.registry) : 'the workspace registries or the running sandbox'}.`);
  const only = args.probes ?? probeChoices(target.app).filter((c) => c.picked).map((c) => c.name);
  const decision = decideRun(target.app, only);
  let allowWrites = false;
  if (decision.writes && args.confirmWrites === true) {
    allowWrites = await confirmWrites(target, decision.plan, decision.confirmations, true);
  }
  if (decision.writes && !allowWrites) ctx.log.info(`Probes: ${target.app.id}: writes not confirmed, so writing checks are skipped.`);
  const outcome = await executeRun(ctx, { target, only: decision.plan, allowWrites });
  if (!outcome.report) throw new Error(outcome.message);
  return outcome.report;
}

export async function runProbesCommand(ctx: WorkbenchContext, args?: unknown): Promise<ProbeReport | undefined> {
  if (isArgs(args)) return runWithArgs(ctx, args);
  const target = await pickTarget(ctx);
  return target ? runInteractively(ctx, target) : undefined;
}

/** Run all probes for this registry: every application, each in its own progress, at once. */
export async function runRegistry(ctx: WorkbenchContext, file: RegistryFile): Promise<(ProbeReport | undefined)[]> {
  const blocked = probeBlockedReason();
  if (blocked) {
    void vscode.window.showErrorMessage(blocked);
    return [];
  }
  const targets = file.parsed.applications
    .filter((a) => typeof a.app.id === 'string' && typeof a.app.baseUrl === 'string')
    .map((parsed): ProbeTarget => ({ file, parsed, app: parsed.app }));
  const runs: { target: ProbeTarget; only: ProbeName[]; allowWrites: boolean }[] = [];
  for (const target of targets) {
    const decision = decideRun(target.app, probeChoices(target.app).map((c) => c.name));
    const allowWrites = decision.writes && (await confirmWrites(target, decision.plan, decision.confirmations, false));
    runs.push({ target, only: decision.plan, allowWrites });
  }
  return Promise.all(runs.map(async (r) => {
    const outcome = await executeRun(ctx, r);
    announce(r.target, outcome);
    return outcome.report;
  }));
}
