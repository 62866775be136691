// The schema catalog the payload editor uses: the RFC schemas plus whatever later code adds from a server's
// discovered /Schemas and /ResourceTypes (e.g. after a registry entry's discovery). One per extension context.
import * as vscode from 'vscode';
import { SchemaCatalog } from '../../core/scim/catalog';
import { perContext } from '../shared/workbenchContext';

export interface ServerSchemaDocuments {
  /** A /Schemas response (ListResponse, array or one Schema document). */
  schemas?: unknown;
  /** A /ResourceTypes response. */
  resourceTypes?: unknown;
}

export class PayloadCatalog implements vscode.Disposable {
  private readonly sources = new Map<string, ServerSchemaDocuments>();
  private current: SchemaCatalog | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when server schemas are added or removed; diagnostics re-run on it. */
  readonly onDidChange = this.changed.event;

  get catalog(): SchemaCatalog {
    if (!this.current) {
      let c = SchemaCatalog.standard();
      for (const [source, docs] of this.sources) c = c.withServerDocuments(docs, source);
      this.current = c;
    }
    return this.current;
  }

  /**
   * Adds (or replaces) one server's discovery documents, keyed by a stable source id such as a registry entry
   * id. Returns the problems met while reading them; what could be read is used.
   */
  setServerDocuments(source: string, docs: ServerSchemaDocuments): string[] {
    this.sources.set(source, docs);
    this.current = undefined;
    const problems = this.catalog.problems.filter((p) => p.source === source).map((p) => p.message);
    this.changed.fire();
    return problems;
  }

  removeServerDocuments(source: string): void {
    if (this.sources.delete(source)) {
      this.current = undefined;
      this.changed.fire();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The payload editor's catalog for this context; later features call `setServerDocuments` on it. */
export const payloadCatalog = perContext((ctx): PayloadCatalog => ctx.track(new PayloadCatalog()));
