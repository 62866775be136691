// One analysis per document version, shared by diagnostics and code actions (which must offer the fixes of the
// very findings the diagnostics show). Each analysed document keeps a core PayloadAnalysisSession and the edits
// made since its last analysis, so an edit inside one resource of a large ListResponse re-checks that resource
// alone (reading only its text back from the document); anything else re-runs the full pass.
import * as vscode from 'vscode';
import { PayloadAnalysisSession, type PayloadTextChange, type PayloadTextSource } from '../../core/scim/payloadIncremental';
import type { PayloadOptions } from '../../core/scim/payloadRules';
import type { Finding } from '../../core/findings';
import type { PayloadCatalog } from './payloadCatalog';
import { payloadDirection } from './payloadDocuments';

/**
 * Findings the editor does not show: VS Code's JSON language support already reports syntax errors in every
 * JSON/JSONC document, so showing the core's SCIM_JSON_SYNTAX too would underline one mistake twice.
 */
const LEFT_TO_JSON_SUPPORT = new Set(['SCIM_JSON_SYNTAX']);

interface Entry {
  session: PayloadAnalysisSession;
  options: PayloadOptions;
  catalogGeneration: number;
  /** The version the session's result belongs to. */
  version: number;
  findings: Finding[];
  /** Edits since `version`, in order; `seenVersion` is the version after the last of them. */
  pending: PayloadTextChange[];
  seenVersion: number;
}

function documentSource(doc: vscode.TextDocument): PayloadTextSource {
  return {
    slice: (start: number, end: number) => doc.getText(new vscode.Range(doc.positionAt(start), doc.positionAt(end))),
    all: () => doc.getText(),
  };
}

export class PayloadAnalyses implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly catalog: PayloadCatalog) {
    this.subscriptions.push(catalog.onDidChange(() => { this.generation++; }));
    this.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => this.record(e)));
  }

  private record(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.cache.get(e.document.uri.toString());
    if (!entry || e.contentChanges.length === 0) return;
    // A version we did not see in between (or a reload) leaves the edits incomplete: the next analysis is full.
    if (e.document.version !== entry.seenVersion + 1) {
      entry.seenVersion = Number.NaN;
      return;
    }
    for (const c of e.contentChanges) entry.pending.push({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text });
    entry.seenVersion = e.document.version;
  }

  findings(doc: vscode.TextDocument): Finding[] {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    const options = this.optionsFor(doc);
    const reusable = hit && hit.catalogGeneration === this.generation && hit.options.direction === options.direction && hit.options.catalog === options.catalog;
    if (reusable && hit.version === doc.version) return hit.findings;
    let entry: Entry;
    if (reusable && hit.seenVersion === doc.version && hit.pending.length > 0) {
      hit.session.update(hit.pending, documentSource(doc));
      entry = hit;
    } else {
      const session = new PayloadAnalysisSession(doc.getText(), options);
      entry = { session, options, catalogGeneration: this.generation, version: doc.version, findings: [], pending: [], seenVersion: doc.version };
    }
    entry.version = doc.version;
    entry.seenVersion = doc.version;
    entry.pending = [];
    entry.findings = entry.session.analysis.findings.filter((f) => !LEFT_TO_JSON_SUPPORT.has(f.code));
    this.cache.set(key, entry);
    return entry.findings;
  }

  /** The options the document is analysed with (fix-all re-analyses with the same). */
  optionsFor(doc: vscode.TextDocument): PayloadOptions {
    return { catalog: this.catalog.catalog, direction: payloadDirection(doc) };
  }

  forget(doc: vscode.TextDocument): void {
    this.cache.delete(doc.uri.toString());
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.cache.clear();
  }
}
