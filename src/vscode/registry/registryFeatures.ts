// Wires every registry editor feature: diagnostics, quick fixes, completion, hover, code lenses, the Registry view and
// SCIM: New Registry. Each lives in its own file; this one only registers them.
import { registerRegistryCodeActions } from './registryCodeActions';
import { registerRegistryCodeLens } from './registryCodeLens';
import { registerRegistryCompletion } from './registryCompletion';
import { registerRegistryDiagnostics } from './registryDiagnostics';
import { registerRegistryHover } from './registryHover';
import { registerNewRegistryCommand } from './registryNewCommand';
import { registerRegistryView } from './registryView';
import type { WorkbenchContext } from '../shared/workbenchContext';

export function registerRegistry(ctx: WorkbenchContext): void {
  registerRegistryDiagnostics(ctx);
  registerRegistryCompletion(ctx);
  registerRegistryHover(ctx);
  registerRegistryCodeActions(ctx);
  registerRegistryCodeLens(ctx);
  registerRegistryView(ctx);
  registerNewRegistryCommand(ctx);
}
