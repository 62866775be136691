// Registers every payload-editing feature: diagnostics, completion, hover, quick fixes, `SCIM: New Payload...`, and
// the server schemas saved in the workspace.
// Cheap at activation: nothing is analysed until a JSON document is open, and detection reads 4 KB at most.
import { PayloadAnalyses } from './payloadAnalysis';
import { payloadCatalog } from './payloadCatalog';
import { registerPayloadCodeActions } from './payloadCodeActions';
import { registerPayloadCompletion } from './payloadCompletion';
import { registerPayloadDiagnostics } from './payloadDiagnostics';
import { registerPayloadHover } from './payloadHover';
import { registerNewPayloadCommand } from './newPayloadCommand';
import { registerWorkspaceSchemas } from './workspaceSchemas';
import type { WorkbenchContext } from '../shared/workbenchContext';

export function registerPayloadEditing(ctx: WorkbenchContext): void {
  const catalog = payloadCatalog(ctx);
  const analyses = ctx.track(new PayloadAnalyses(catalog));
  registerPayloadDiagnostics(ctx, analyses, catalog.onDidChange);
  registerPayloadCompletion(ctx, catalog);
  registerPayloadHover(ctx, catalog);
  registerPayloadCodeActions(ctx, analyses);
  registerNewPayloadCommand(ctx);
  registerWorkspaceSchemas(ctx);
}
