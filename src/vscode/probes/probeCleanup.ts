// SCIM: Clean Up Probe Resources: removes the test users and groups a cancelled, failed or killed run left, as its
// cleanup journal lists them (only names with the test prefix that the server still gives them). When the
// features load, applications whose journal still has entries are offered a cleanup.
import * as vscode from 'vscode';
import { ScimConfigError } from '../../core/http';
import { cleanUpJournal, DEFAULT_TEST_PREFIX, type CleanupSummary } from '../../core/probes';
import { appLabel } from '../registry/registryFiles';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { isRunning, probeBlockedReason } from './probeRun';
import { allTargets, clientFor, findTarget, journalFor, runSecrets, type ProbeTarget } from './probeTargets';

export interface PendingCleanup {
  registry: string;
  app: string;
  entries: number;
}

function pendingOf(ctx: WorkbenchContext, t: ProbeTarget): number {
  try {
    return journalFor(ctx, t).pending().length;
  } catch (err) {
    ctx.log.warn(`Probe cleanup: ${err instanceof Error ? err.message : String(err)}`);
    return 0;
  }
}

/** Applications whose journal lists resources a run did not remove (runs in progress left out). */
export async function pendingCleanups(ctx: WorkbenchContext): Promise<{ target: ProbeTarget; entries: number }[]> {
  return (await allTargets(ctx))
    .filter((t) => !isRunning(t))
    .map((target) => ({ target, entries: pendingOf(ctx, target) }))
    .filter((p) => p.entries > 0);
}

export async function cleanUpTarget(ctx: WorkbenchContext, target: ProbeTarget): Promise<CleanupSummary | undefined> {
  const blocked = probeBlockedReason();
  if (blocked) {
    void vscode.window.showErrorMessage(blocked);
    return undefined;
  }
  const client = clientFor(target, runSecrets(ctx, target.app.id));
  try {
    await client.checkConfig();
  } catch (err) {
    if (!(err instanceof ScimConfigError)) throw err;
    void vscode.window.showErrorMessage(`Nothing was cleaned up in "${target.app.id}": ${err.message}`);
    return undefined;
  }
  const journal = journalFor(ctx, target);
  const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Cleaning up ${target.app.id}`, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return cleanUpJournal(client, journal, {
      prefix: target.app.probe?.testUserPrefix || DEFAULT_TEST_PREFIX,
      signal: controller.signal,
      onProgress: (message, done, total) => progress.report({ message: `${message} (${done + 1}/${total})` }),
    });
  });
  ctx.log.info(`Probe cleanup ${target.app.id}: removed ${summary.deleted} of ${summary.created}${summary.failed.map((f) => `; NOT removed ${f.kind} ${f.name}: ${f.reason}`).join('')}`);
  if (summary.failed.length) {
    void vscode.window.showWarningMessage(`${target.app.id}: removed ${summary.deleted} of ${summary.created} test resource(s); ${summary.failed.length} could not be removed (see SCIM: Show Log).`);
  } else {
    void vscode.window.showInformationMessage(summary.created ? `${target.app.id}: removed ${summary.deleted} test resource(s).` : `${target.app.id}: nothing to clean up.`);
  }
  return summary;
}

interface CleanupPick extends vscode.QuickPickItem { target: ProbeTarget }

async function cleanUpCommand(ctx: WorkbenchContext, arg: unknown): Promise<CleanupSummary | undefined> {
  const a = arg as { app?: unknown; appId?: unknown; registry?: unknown; ref?: { appId?: string; registry?: string } } | undefined;
  const appId = typeof a?.app === 'string' ? a.app : typeof a?.appId === 'string' ? a.appId : a?.ref?.appId;
  const registry = typeof a?.registry === 'string' || a?.registry instanceof vscode.Uri ? a.registry : a?.ref?.registry;
  if (appId) {
    const target = await findTarget(ctx, appId, registry);
    if (!target) throw new Error(`No application "${appId}" to clean up.`);
    return cleanUpTarget(ctx, target);
  }
  const pending = await pendingCleanups(ctx);
  if (!pending.length) {
    void vscode.window.showInformationMessage('No probe run left test resources behind: every cleanup journal is empty.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(pending.map((p): CleanupPick => ({
    label: appLabel(p.target.parsed), description: `${p.entries} test resource(s) · ${String(p.target.app.baseUrl)}`, target: p.target,
  })), { title: 'Clean up probe resources', placeHolder: 'Which application?' });
  return picked ? cleanUpTarget(ctx, picked.target) : undefined;
}

/** On start: one offer per application whose journal still lists resources. */
async function offerCleanups(ctx: WorkbenchContext): Promise<void> {
  for (const { target, entries } of await pendingCleanups(ctx)) {
    const go = 'Clean Up';
    void vscode.window.showWarningMessage(
      `A probe run against "${target.app.id}" did not finish: its journal lists ${entries} test resource(s) that may still exist there.`, go,
    ).then((choice) => { if (choice === go) void cleanUpTarget(ctx, target); });
  }
}

export function registerProbeCleanup(ctx: WorkbenchContext): void {
  ctx.track(vscode.commands.registerCommand('scimWorkbench.cleanUpProbeResources', (arg?: unknown) => cleanUpCommand(ctx, arg)));
  // Not in the palette: what the start-up offer would list, for tests.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.probes.pendingCleanups', async (): Promise<PendingCleanup[]> =>
    (await pendingCleanups(ctx)).map((p) => ({ registry: p.target.file.uri.toString(), app: p.target.app.id, entries: p.entries }))));
  const offer = (): void => { offerCleanups(ctx).catch((err: unknown) => ctx.log.warn(`Probe cleanup offer: ${err instanceof Error ? err.message : String(err)}`)); };
  // Nothing is offered (nor sent) while the workspace is untrusted; trusted later in the session, the offer comes then.
  if (vscode.workspace.isTrusted) offer();
  else ctx.track(vscode.workspace.onDidGrantWorkspaceTrust(offer));
}
