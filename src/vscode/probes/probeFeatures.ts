// Wires the probes in VS Code (issue 13): the Probe Results view, the run command, evidence documents, drift
// diagnostics with their quick fixes, the observation hover, write-back, context actions, cleanup and the registry
// entry points. Each lives in its own file; this one only registers them.
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { registerDriftCodeActions } from './driftCodeActions';
import { registerDriftDiagnostics } from './driftDiagnostics';
import { registerEvidenceDocuments } from './evidenceDocument';
import { registerObservationHover } from './observationHover';
import { registerProbeCleanup } from './probeCleanup';
import { registerProbeRegistryActions } from './probeRegistryActions';
import { registerProbeResultActions } from './probeResultActions';
import { registerProbeResultsView } from './probeResultsView';
import { registerProbeWriteBack } from './probeWriteBack';
import { runProbesCommand } from './runProbesCommand';

export function registerProbes(ctx: WorkbenchContext): void {
  registerProbeResultsView(ctx);
  registerEvidenceDocuments(ctx);
  ctx.track(vscode.commands.registerCommand('scimWorkbench.runProbes', (args?: unknown) => runProbesCommand(ctx, args)));
  registerProbeRegistryActions(ctx);
  registerProbeResultActions(ctx);
  registerProbeWriteBack(ctx);
  registerDriftDiagnostics(ctx);
  registerDriftCodeActions(ctx);
  registerObservationHover(ctx);
  registerProbeCleanup(ctx);
}
