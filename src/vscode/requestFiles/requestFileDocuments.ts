// Request files (language `scim-request`: `*.scim`, `*.scim.http`), parsed and analysed once per document version
// and shared by diagnostics, code actions, completion, hover, and the runner's Send (which resolves from the same
// parse).
import type * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { analyzeRequestFile, parseRequestFile, type RequestFile } from '../../core/requestFile';
import { payloadCatalog, type PayloadCatalog } from '../payload/payloadCatalog';
import { perContext } from '../shared/workbenchContext';
import { requestFileApps, type RequestFileApps } from './requestFileApps';

export const REQUEST_FILE_LANGUAGE = 'scim-request';
export const REQUEST_FILE_SELECTOR: vscode.DocumentSelector = [{ language: REQUEST_FILE_LANGUAGE }];

export function isRequestFileDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === REQUEST_FILE_LANGUAGE;
}

export class RequestFileModels {
  private readonly parsedCache = new WeakMap<vscode.TextDocument, { version: number; file: RequestFile }>();
  private readonly findingsCache = new WeakMap<vscode.TextDocument, { version: number; generation: number; findings: Finding[] }>();
  private generation = 0;

  constructor(readonly apps: RequestFileApps, readonly catalog: PayloadCatalog) {
    apps.onDidChange(() => { this.generation++; });
    catalog.onDidChange(() => { this.generation++; });
  }

  /** The document parsed at its current version. */
  parsed(doc: vscode.TextDocument): RequestFile {
    const hit = this.parsedCache.get(doc);
    if (hit && hit.version === doc.version) return hit.file;
    const file = parseRequestFile(doc.getText());
    this.parsedCache.set(doc, { version: doc.version, file });
    return file;
  }

  /** Every finding at the current version; `@app` ids are checked once the application list has loaded. */
  findings(doc: vscode.TextDocument): Finding[] {
    const hit = this.findingsCache.get(doc);
    if (hit && hit.version === doc.version && hit.generation === this.generation) return hit.findings;
    const findings = analyzeRequestFile(this.parsed(doc), { apps: this.apps.known, catalog: this.catalog.catalog });
    this.findingsCache.set(doc, { version: doc.version, generation: this.generation, findings });
    return findings;
  }
}

/** One model cache per extension context; the runner's Send reads parses from here too. */
export const requestFileModels = perContext((ctx): RequestFileModels => new RequestFileModels(requestFileApps(ctx), payloadCatalog(ctx)));
