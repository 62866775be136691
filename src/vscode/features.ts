// The features bundle (dist/features.js): everything the extension does, loaded by src/extension.ts the first
// time a SCIM file, view or command needs it (see shared/lazyFeatures.ts). A new feature registers here.
import { registerProbes } from './probes/probeFeatures';
import { registerRegistry } from './registry/registryFeatures';
import { registerSecrets } from './secrets/secretCommands';
import { registerSandbox } from './sandbox/sandboxCommands';
import { registerPayloadEditing } from './payload/payloadEditing';
import { registerRequestFiles } from './requestFiles/requestFileFeatures';
import type { WorkbenchContext } from './shared/workbenchContext';

export function activateFeatures(ctx: WorkbenchContext): void {
  registerSecrets(ctx);
  registerRegistry(ctx);
  registerProbes(ctx);
  registerSandbox(ctx);
  registerPayloadEditing(ctx);
  registerRequestFiles(ctx);
}
