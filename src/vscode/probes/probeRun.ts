// One probe run from the editor: the trust gate, the secrets (first-use prompt), the cleanup journal, the run
// under withProgress in the notification area (current probe and counters, cancellable; each application in its
// own progress, several at once), then the report stored (redacted) and the views told.
import * as vscode from 'vscode';
import { ScimConfigError } from '../../core/http';
import { prepareForStorage, runVerdict, UNTRUSTED_PROBE_MESSAGE } from '../../core/probeResults';
import { runProbes, type ProbeName, type ProbeProgress, type ProbeReport } from '../../core/probes';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { probeRunStore } from './probeRunStore';
import { clientFor, journalFor, redactableSecrets, runSecrets, type ProbeTarget } from './probeTargets';

export type RunOutcome = { report: ProbeReport } | { report?: undefined; message: string };

/** Runs in progress, by application key, so a second run of the same application is refused and Cancel finds it. */
const running = new Map<string, AbortController>();

export function targetKey(target: ProbeTarget): string {
  return `${target.file.uri.toString()}#${target.app.id}`;
}

/** Cancels the runs of an application (any registry when none is given); true when one was running. */
export function cancelRuns(appId: string): boolean {
  let any = false;
  for (const [key, controller] of running) {
    if (key.toLowerCase().endsWith(`#${appId.toLowerCase()}`)) {
      controller.abort();
      any = true;
    }
  }
  return any;
}

export function isRunning(target: ProbeTarget): boolean {
  return running.has(targetKey(target));
}

/** Why nothing may be sent, or undefined. */
export function probeBlockedReason(): string | undefined {
  return vscode.workspace.isTrusted ? undefined : UNTRUSTED_PROBE_MESSAGE;
}

function progressText(p: ProbeProgress): string {
  const counter = p.done !== undefined ? ` (${p.done}${p.total !== undefined ? `/${p.total}` : ''})` : '';
  return `${p.probe ? `${p.probe}: ` : ''}${p.message}${counter}`;
}

export interface RunRequest {
  target: ProbeTarget;
  only: ProbeName[];
  allowWrites: boolean;
}

export async function executeRun(ctx: WorkbenchContext, req: RunRequest): Promise<RunOutcome> {
  const blocked = probeBlockedReason();
  if (blocked) return { message: blocked };
  const { target } = req;
  const key = targetKey(target);
  if (running.has(key)) return { message: `Probes are already running against "${target.app.id}"; wait for them or cancel them first.` };
  const secrets = runSecrets(ctx, target.app.id);
  const client = clientFor(target, secrets);
  try {
    await client.checkConfig();
  } catch (err) {
    if (err instanceof ScimConfigError) return { message: `Nothing was sent to "${target.app.id}": ${err.message}` };
    throw err;
  }
  const journal = journalFor(ctx, target);
  const controller = new AbortController();
  running.set(key, controller);
  const settings = vscode.workspace.getConfiguration('scimWorkbench.probes');
  ctx.log.info(`Probes: ${target.app.id} (${target.app.baseUrl}): ${req.only.join(', ')}${req.allowWrites ? ', writes allowed' : ', read-only'}`);
  try {
    const report = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: `Probing ${target.app.id}`,
      cancellable: true,
    }, async (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      let last = 0;
      return runProbes(target.app, {
        client, journal, signal: controller.signal, only: req.only, allowWrites: req.allowWrites,
        maxPages: settings.get<number>('maxPages', 2000), pageSize: settings.get<number>('pageSize', 100),
        onProgress: (p) => {
          // Counters tick per page; a notification redrawn a few times a second is enough.
          const now = Date.now();
          if (p.done !== undefined && now - last < 200) return;
          last = now;
          progress.report({ message: progressText(p) });
        },
      });
    });
    const { report: stored, droppedExchanges } = prepareForStorage(report, await redactableSecrets(target, secrets));
    await probeRunStore(ctx).add({
      registry: target.file.uri.toString(), appId: target.app.id,
      ...(typeof target.app.name === 'string' ? { appName: target.app.name } : {}),
      ...(typeof target.app.environment === 'string' ? { environment: target.app.environment } : {}),
      storedAt: new Date().toISOString(), report: stored, droppedExchanges,
    });
    ctx.log.info(`Probes: ${target.app.id} done: ${runVerdict(report)} (${report.probes.map((p) => `${p.probe} ${p.status}`).join(', ')}); cleanup ${report.cleanup.deleted}/${report.cleanup.created}`);
    return { report };
  } finally {
    running.delete(key);
  }
}
