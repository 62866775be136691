// Hover on a declared registry field (e.g. `deactivation.contract`): what the latest probe run observed of it.
import * as vscode from 'vscode';
import { getLocation } from 'jsonc-parser';
import { observationMarkdown, observationsAt } from '../../core/probeResults';
import { REGISTRY_GLOB, registryWorkspace } from '../registry/registryFiles';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { probeRunStore } from './probeRunStore';

export function registerObservationHover(ctx: WorkbenchContext): void {
  const store = probeRunStore(ctx);
  ctx.track(vscode.languages.registerHoverProvider({ pattern: REGISTRY_GLOB }, {
    provideHover(doc, position) {
      const location = getLocation(doc.getText(), doc.offsetAt(position));
      const registry = doc.uri.toString();
      const notes = observationsAt(registryWorkspace(ctx).fromDocument(doc).parsed, location.path, (appId) => store.latest(registry, appId));
      if (!notes.length) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(observationMarkdown(notes)));
    },
  }));
}
