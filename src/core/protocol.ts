// The one message protocol between the request-runner panel (src/webview) and the extension
// (src/vscode/runner): discriminated unions, and a validator for each direction. Each side validates what it
// receives and drops what does not validate, so a bug or a hostile page on either side can neither crash the
// other nor make it act on half a message. Data only ever crosses by postMessage, never inside HTML.
import type { Exchange } from './http/types';
import type { Explanation } from './inspect/types';

/** The query fields the panel edits; empty strings are not sent. */
export const QUERY_FIELDS = ['filter', 'startIndex', 'count', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder'] as const;
export type QueryField = typeof QUERY_FIELDS[number];

/** A request as the panel's form holds it (and as history keeps it, for re-sending). */
export interface RunnerRequest {
  appId: string;
  method: string;
  /** `/Users`, `/Users/2819c223`, `/Users?x=y`, or an absolute URL on the application's origin. */
  path: string;
  query: Partial<Record<QueryField, string>>;
  headers: { name: string; value: string }[];
  /** JSON text; empty for no body. */
  body: string;
}

export interface RunnerApp {
  id: string;
  name?: string;
  baseUrl?: string;
  /** Where it is defined: a registry file's relative path, or "Sandbox (running)". */
  source: string;
}

/** A payload check of a successful response body (the core's payload rules), located in `RunnerResult.prettyBody`. */
export interface BodyCheck {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** 1-based line in the pretty body. */
  line: number;
}

export type ResultSource = { kind: 'panel' } | { kind: 'file'; file: string; line: number; name?: string };

/** One response, as the panel shows it and history keeps it (redacted; history keeps the head of big bodies). */
export interface RunnerResult {
  /** The exchange id. */
  id: string;
  appId: string;
  source: ResultSource;
  request: RunnerRequest;
  exchange: Exchange;
  /** For 4xx/5xx answers. */
  explanation: Explanation | null;
  /** For 2xx JSON answers. */
  checks: BodyCheck[];
  /** The response body for display: pretty JSON when it parsed, else the text as received. */
  prettyBody: string;
  /** Characters of the body left out of `prettyBody`. */
  omittedChars: number;
  /** The request carried a value typed at a password prompt (redacted here), so it cannot be re-sent from history. */
  hadPromptSecret: boolean;
}

export interface HistoryItem {
  id: string;
  appId: string;
  at: string;
  method: string;
  target: string;
  status: number | null;
  ok: boolean;
  durationMs: number;
  /** `409 uniqueness`, `200 OK`, `refused`... */
  outcome: string;
}

export type ToWebview =
  | { type: 'init'; apps: RunnerApp[]; history: HistoryItem[]; trusted: boolean; result?: RunnerResult; request?: RunnerRequest }
  | { type: 'apps'; apps: RunnerApp[] }
  | { type: 'history'; items: HistoryItem[] }
  | { type: 'sending'; sendId: string; label: string }
  | { type: 'progress'; sendId: string; text: string }
  | { type: 'result'; sendId?: string; result: RunnerResult }
  | { type: 'notSent'; sendId?: string; message: string }
  | { type: 'request'; request: RunnerRequest }
  | { type: 'body'; text: string; source: string }
  | { type: 'notice'; level: 'info' | 'error'; text: string };

export type ToExtension =
  | { type: 'ready'; resultId?: string }
  | { type: 'send'; request: RunnerRequest }
  | { type: 'cancel' }
  | { type: 'showHistory'; id: string }
  | { type: 'resend'; id: string }
  | { type: 'copyCurl'; id: string }
  | { type: 'saveResponse'; id: string }
  | { type: 'openRequestFile'; request: RunnerRequest }
  | { type: 'bodyFromEditor' }
  | { type: 'clearHistory'; appId: string };

// A small structural checker: enough to know every field a receiver reads has the type it expects.
type Check = (v: unknown) => boolean;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const nullable = (c: Check): Check => (v) => v === null || c(v);
const arrayOf = (c: Check): Check => (v) => Array.isArray(v) && v.every(c);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const recordOf = (c: Check): Check => (v) => isObj(v) && Object.values(v).every(c);
const any: Check = () => true;
/** Required fields, and optional ones (absent or undefined, else checked). */
function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  // Own properties only: a field inherited from a prototype is not one the sender set.
  const at = (v: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined);
  return (v) => isObj(v)
    && Object.entries(required).every(([k, c]) => c(at(v, k)))
    && Object.entries(optional).every(([k, c]) => at(v, k) === undefined || c(at(v, k)));
}

/** As `shape`, and no other own keys: what the extension acts on is exactly what the protocol declares. */
function exact(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  const loose = shape(required, optional);
  const known = new Set([...Object.keys(required), ...Object.keys(optional)]);
  return (v) => loose(v) && Object.keys(v as object).every((k) => known.has(k));
}

const requestFields = {
  appId: str, method: str, path: str, body: str,
  query: (v: unknown) => isObj(v) && Object.entries(v).every(([k, x]) => (QUERY_FIELDS as readonly string[]).includes(k) && (x === undefined || typeof x === 'string')),
};
const request = shape({ ...requestFields, headers: arrayOf(shape({ name: str, value: str })) });
/** A request from the page: nothing beyond the declared fields, at any level. */
const pageRequest = exact({ ...requestFields, headers: arrayOf(exact({ name: str, value: str })) });
const app = shape({ id: str, source: str }, { name: str, baseUrl: str });
const transcriptBody = shape({ kind: oneOf('json', 'text', 'html', 'empty'), size: num, text: str, truncated: bool, omittedBytes: num }, { contentType: str, parseError: str });
const exchange = shape({
  id: str, appId: str, startedAt: str,
  request: shape({ method: str, url: str, line: str, headers: recordOf(str) }, { body: transcriptBody }),
  timings: shape({ totalMs: num, waitedMs: num }),
  attempts: arrayOf(shape({ n: num, startedAt: str, durationMs: num, waitedMs: num, why: str }, { status: num, retryAfter: str, error: any, notRetried: str })),
  retries: num,
  redirects: arrayOf(shape({ status: num, location: str, followed: bool })),
  tokenRequests: arrayOf(any),
}, {
  response: shape({ status: num, statusText: str, headers: recordOf(str), body: transcriptBody }),
  error: shape({ kind: str, message: str }),
  secret: oneOf('primary', 'secondary'),
});
const explanation = shape({
  status: nullable(num), bodyKind: str, bodySource: str, category: str, scimType: nullable(str), detail: nullable(str), meaning: str,
  retryable: bool, retryAfterSeconds: nullable(num), deviations: arrayOf(shape({ code: str, message: str })), vendorFields: isObj,
  registryMatches: arrayOf(shape({ kind: oneOf('error', 'knownIssue'), index: num, meaning: nullable(str), workaround: nullable(str) })),
});
const source: Check = (v) => isObj(v) && (v.kind === 'panel' || (v.kind === 'file' && str(v.file) && num(v.line) && (v.name === undefined || str(v.name))));
const result = shape({
  id: str, appId: str, source, request, exchange, explanation: nullable(explanation),
  checks: arrayOf(shape({ code: str, severity: oneOf('error', 'warning', 'info', 'hint'), message: str, line: num })),
  prettyBody: str, omittedChars: num, hadPromptSecret: bool,
});
const historyItem = shape({ id: str, appId: str, at: str, method: str, target: str, status: nullable(num), ok: bool, durationMs: num, outcome: str });

const toWebview: Record<ToWebview['type'], Check> = {
  init: shape({ apps: arrayOf(app), history: arrayOf(historyItem), trusted: bool }, { result, request }),
  apps: shape({ apps: arrayOf(app) }),
  history: shape({ items: arrayOf(historyItem) }),
  sending: shape({ sendId: str, label: str }),
  progress: shape({ sendId: str, text: str }),
  result: shape({ result }, { sendId: str }),
  notSent: shape({ message: str }, { sendId: str }),
  request: shape({ request }),
  body: shape({ text: str, source: str }),
  notice: shape({ level: oneOf('info', 'error'), text: str }),
};

// The page's messages are held to the letter (no extra keys): whatever a compromised page adds is refused.
const fromPage = (required: Record<string, Check>, optional: Record<string, Check> = {}): Check => exact({ type: str, ...required }, optional);
const toExtension: Record<ToExtension['type'], Check> = {
  ready: fromPage({}, { resultId: str }),
  send: fromPage({ request: pageRequest }),
  cancel: fromPage({}),
  showHistory: fromPage({ id: str }),
  resend: fromPage({ id: str }),
  copyCurl: fromPage({ id: str }),
  saveResponse: fromPage({ id: str }),
  openRequestFile: fromPage({ request: pageRequest }),
  bodyFromEditor: fromPage({}),
  clearHistory: fromPage({ appId: str }),
};

function validate<T extends { type: string }>(checks: Record<string, Check>, message: unknown): T | undefined {
  const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
  if (!isObj(message) || !own(message, 'type') || typeof message.type !== 'string' || !own(checks, message.type)) return undefined;
  try {
    return (checks[message.type] as Check)(message) ? (message as unknown as T) : undefined;
  } catch {
    // A getter or proxy that throws (not from structured clone, but from a test or a future caller): not ours.
    return undefined;
  }
}

/** A message from the extension, or undefined when it is not one the webview understands. */
export function parseToWebview(message: unknown): ToWebview | undefined {
  return validate<ToWebview>(toWebview, message);
}

/** A message from the webview, or undefined when it is not one the extension understands. */
export function parseToExtension(message: unknown): ToExtension | undefined {
  return validate<ToExtension>(toExtension, message);
}

/**
 * `409 uniqueness`, `200 OK`, `refused`, `cancelled`, `429 rateLimited, cancelled` (cancelled while waiting to retry
 * after that answer): the outcome in a few words (decorations and history).
 */
export function outcomeText(exchange: Exchange, explanation: Explanation | null): string {
  const res = exchange.response;
  if (!res) return exchange.error?.kind === 'aborted' ? 'cancelled' : exchange.error?.kind ?? 'no response';
  const cancelled = exchange.error?.kind === 'aborted' ? ', cancelled' : '';
  if (explanation && res.status >= 400) return `${res.status} ${explanation.category}${cancelled}`;
  return `${res.status}${res.statusText ? ` ${res.statusText}` : ''}${cancelled}`;
}
