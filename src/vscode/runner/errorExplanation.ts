// Vendor errors explained inline in payload files: an error body (an RFC 7644 Error, SCIM 1.1 `Errors`, a vendor
// envelope) gets the inspector's explanation on hover over its status/scimType/detail, and the inspector's
// deviations as diagnostics with the codes `scim-workbench explain` prints. A deviation the payload rules already
// report for the same fault is left to them (one problem, one squiggle). The application (for registry matches)
// comes from the saved-response sidecar or a leading `// @app <id>` comment; the HTTP status and headers, when
// known, from the sidecar.
import { findNodeAtLocation, getLocation, parse, parseTree, type Node } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { explainResponse, type Explanation } from '../../core/inspect';
import type { Application } from '../../core/registry';
import { requestFileApps } from '../requestFiles/requestFileApps';
import { findingDiagnostic } from '../shared/documentDiagnostics';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { appendExplanation } from './explanationMarkdown';
import { appComment, savedResponseInfo } from './savedResponses';

const MAX_CHARS = 256 * 1024;
const LOOKS_LIKE_ERROR = /"(status|scimType|detail|Errors|errorCode|errorSummary|error_description)"\s*:/i;
const HOVER_KEYS = new Set(['status', 'scimtype', 'detail', 'description', 'code', 'errorcode', 'errorsummary', 'error_description', 'message']);

interface ErrorDocument {
  explanation: Explanation;
  tree: Node | undefined;
  /** Where the error object sits in the document (`[]`, `['response']`, `['Errors', 0]`). */
  prefix: (string | number)[];
  app?: Application;
  registryLabel?: string;
}

const cache = new WeakMap<vscode.TextDocument, { version: number; generation: number; value: ErrorDocument | undefined }>();
let generation = 0;
let watching = false;
const refreshers = new Set<() => void>();

/**
 * Calls the refreshers (diagnostics) when what explanations depend on changes: the registries, the sandbox.
 * Subscribes the first time a document names an application, not at activation.
 */
function watchApplications(ctx: WorkbenchContext): void {
  if (watching) return;
  watching = true;
  ctx.track(requestFileApps(ctx).onDidChange(() => {
    generation++;
    for (const r of refreshers) r();
  }));
  ctx.track({ dispose: () => { watching = false; refreshers.clear(); } });
}

function errorDocument(ctx: WorkbenchContext, doc: vscode.TextDocument): ErrorDocument | undefined {
  const hit = cache.get(doc);
  if (hit && hit.version === doc.version && hit.generation === generation) return hit.value;
  const value = computeErrorDocument(ctx, doc);
  cache.set(doc, { version: doc.version, generation, value });
  return value;
}

function computeErrorDocument(ctx: WorkbenchContext, doc: vscode.TextDocument): ErrorDocument | undefined {
  if (doc.getText().length > MAX_CHARS) return undefined;
  const text = doc.getText();
  if (!LOOKS_LIKE_ERROR.test(text.slice(0, 4096))) return undefined;
  const value: unknown = parse(text, [], { allowTrailingComma: true });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const saved = savedResponseInfo(ctx, doc.uri);
  const appId = saved?.appId ?? appComment(text);
  let app: Application | undefined;
  let registryLabel: string | undefined;
  if (appId !== undefined) {
    watchApplications(ctx);
    const apps = requestFileApps(ctx);
    if (apps.loaded === undefined) void apps.list().catch(() => undefined); // its arrival re-runs this
    const found = apps.loaded?.find((a) => a.info.id.toLowerCase() === appId.toLowerCase());
    if (found) {
      app = found.app.app;
      registryLabel = found.info.source;
    }
  }
  const explanation = explainResponse(saved?.status ?? null, saved?.headers, value, app);
  if (!isErrorExplanation(explanation, value as Record<string, unknown>)) return undefined;
  const out: ErrorDocument = { explanation, tree: parseTree(text, [], { allowTrailingComma: true }), prefix: prefixOf(value as Record<string, unknown>, explanation) };
  if (app) out.app = app;
  if (registryLabel) out.registryLabel = registryLabel;
  return out;
}

/** An error, not a resource or a list that happens to have a `description` or `status`. */
function isErrorExplanation(x: Explanation, value: Record<string, unknown>): boolean {
  if (x.status !== null && x.status < 400) return false;
  if (x.bodyKind === 'scim-error' || x.bodyKind === 'scim-1.1-errors') return true;
  if (x.bodyKind !== 'vendor-json') return false;
  const keys = Object.keys(value).map((k) => k.toLowerCase());
  return !keys.includes('schemas') && !keys.includes('id');
}

function prefixOf(value: Record<string, unknown>, x: Explanation): (string | number)[] {
  const keys = Object.keys(value);
  const key = (name: string): string | undefined => keys.find((k) => k.toLowerCase() === name.toLowerCase());
  if (x.bodyKind === 'scim-1.1-errors') {
    const errors = key('Errors');
    if (errors === undefined) return [];
    return Array.isArray(value[errors]) ? [errors, 0] : [errors];
  }
  if (x.bodyKind === 'vendor-json') {
    for (const w of ['response', 'error', 'errors', 'Error', 'body', 'data']) {
      const k = key(w);
      const inner = k !== undefined ? value[k] : undefined;
      if (inner && typeof inner === 'object') return Array.isArray(inner) ? [k as string, 0] : [k as string];
    }
  }
  return [];
}

function member(tree: Node | undefined, path: (string | number)[], name: string): Node | undefined {
  const obj = tree ? (path.length ? findNodeAtLocation(tree, path) : tree) : undefined;
  if (obj?.type !== 'object') return undefined;
  const prop = obj.children?.find((p) => typeof p.children?.[0]?.value === 'string' && (p.children[0].value as string).toLowerCase() === name.toLowerCase());
  return prop;
}

/** Where a deviation is underlined: the member it is about, else the error object's first key. */
function deviationRange(e: ErrorDocument, code: string): { start: number; end: number } {
  const valueOf = (name: string): Node | undefined => member(e.tree, e.prefix, name)?.children?.[1];
  const keyOf = (name: string): Node | undefined => member(e.tree, e.prefix, name)?.children?.[0];
  let node: Node | undefined;
  if (code.startsWith('ERROR_STATUS') || code === 'RETRY_AFTER_MISSING') node = valueOf('status') ?? valueOf('code');
  else if (code.startsWith('ERROR_SCIMTYPE')) node = valueOf('scimType') ?? valueOf('status');
  else if (code === 'SCHEMAS_MISSING') node = keyOf('schema') ?? keyOf('schemas');
  else if (code === 'ERROR_BODY_NOT_SCIM' && e.prefix.length > 0) node = (e.tree?.children?.find((p) => p.children?.[0]?.value === e.prefix[0]))?.children?.[0];
  const first = e.tree?.type === 'object' ? e.tree.children?.[0]?.children?.[0] : undefined;
  node ??= (e.prefix.length ? findNodeAtLocation(e.tree as Node, e.prefix)?.children?.[0]?.children?.[0] : undefined) ?? first;
  return node ? { start: node.offset, end: node.offset + node.length } : { start: 0, end: 1 };
}

/** The same fault reported by the payload rules under another code. */
const SAME_FAULT: Record<string, string> = { ERROR_STATUS_MISSING: 'REQUIRED_MISSING' };

/**
 * The inspector's deviations of an error body as diagnostics, except those the payload rules report themselves
 * (`shown`: the payload findings the editor shows for the document).
 */
export function errorDeviationDiagnostics(ctx: WorkbenchContext, doc: vscode.TextDocument, shown: readonly Finding[], source: string, refresh: () => void): vscode.Diagnostic[] {
  refreshers.add(refresh);
  const e = errorDocument(ctx, doc);
  if (!e) return [];
  const out: vscode.Diagnostic[] = [];
  const seen = new Set<string>();
  for (const d of e.explanation.deviations) {
    const range = deviationRange(e, d.code);
    const twin = SAME_FAULT[d.code];
    if (shown.some((f) => f.code === d.code || (twin !== undefined && f.code === twin && f.range.start <= range.end + 2 && f.range.end >= range.start - 2))) continue;
    if (seen.has(d.code)) continue;
    seen.add(d.code);
    const finding: Finding = { code: d.code, severity: 'warning', message: `${d.message} (as scim-workbench explain reports it)`, range };
    out.push(findingDiagnostic(doc, finding, ctx.extension.extensionUri, source));
  }
  return out;
}

/** The explanation, when the position is on the error's status, scimType or detail (key or value). */
export function errorHover(ctx: WorkbenchContext, doc: vscode.TextDocument, position: vscode.Position): vscode.MarkdownString | undefined {
  const e = errorDocument(ctx, doc);
  if (!e) return undefined;
  const location = getLocation(doc.getText(), doc.offsetAt(position));
  const path = location.path;
  const last = path[path.length - 1];
  if (typeof last !== 'string' || path.length !== e.prefix.length + 1 || !HOVER_KEYS.has(last.toLowerCase())) return undefined;
  if (!e.prefix.every((p, i) => p === path[i])) return undefined;
  const md = new vscode.MarkdownString();
  appendExplanation(md, e.explanation, { extensionUri: ctx.extension.extensionUri, ...(e.app ? { app: e.app } : {}), ...(e.registryLabel ? { registryLabel: e.registryLabel } : {}) });
  return md;
}
