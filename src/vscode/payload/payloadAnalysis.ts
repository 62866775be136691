// One analysis per document version, shared by diagnostics and code actions (which must offer the fixes of the
// very findings the diagnostics show).
import type * as vscode from 'vscode';
import { analyzePayload, type PayloadOptions } from '../../core/scim/payloadRules';
import type { Finding } from '../../core/findings';
import type { PayloadCatalog } from './payloadCatalog';
import { payloadDirection } from './payloadDocuments';

/**
 * Findings the editor does not show: VS Code's JSON language support already reports syntax errors in every
 * JSON/JSONC document, so showing the core's SCIM_JSON_SYNTAX too would underline one mistake twice.
 */
const LEFT_TO_JSON_SUPPORT = new Set(['SCIM_JSON_SYNTAX']);

export class PayloadAnalyses {
  private readonly cache = new Map<string, { version: number; catalogGeneration: number; findings: Finding[] }>();
  private generation = 0;

  constructor(private readonly catalog: PayloadCatalog) {
    catalog.onDidChange(() => { this.generation++; });
  }

  findings(doc: vscode.TextDocument): Finding[] {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.catalogGeneration === this.generation) return hit.findings;
    const { findings } = analyzePayload(doc.getText(), this.optionsFor(doc));
    const shown = findings.filter((f) => !LEFT_TO_JSON_SUPPORT.has(f.code));
    this.cache.set(key, { version: doc.version, catalogGeneration: this.generation, findings: shown });
    return shown;
  }

  /** The options the document is analysed with (fix-all re-analyses with the same). */
  optionsFor(doc: vscode.TextDocument): PayloadOptions {
    return { catalog: this.catalog.catalog, direction: payloadDirection(doc) };
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }
}
