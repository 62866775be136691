// Registers every request-file editor feature (language `scim-request`): diagnostics, quick fixes, completion,
// hover, choosing a file's application, and sending (code lenses, the Send commands, inline results).
import type { WorkbenchContext } from '../shared/workbenchContext';
import { registerChooseApplicationCommand } from './requestFileApplication';
import { registerRequestFileCodeActions } from './requestFileCodeActions';
import { registerRequestFileCompletion } from './requestFileCompletion';
import { registerRequestFileDiagnostics } from './requestFileDiagnostics';
import { requestFileModels } from './requestFileDocuments';
import { registerRequestFileHover } from './requestFileHover';
import { registerRequestFileSending } from './requestFileSending';

export function registerRequestFiles(ctx: WorkbenchContext): void {
  const models = requestFileModels(ctx);
  registerRequestFileDiagnostics(ctx, models);
  registerRequestFileCodeActions(ctx, models);
  registerRequestFileCompletion(ctx, models);
  registerRequestFileHover(ctx, models);
  registerChooseApplicationCommand(ctx);
  registerRequestFileSending(ctx, models);
}
