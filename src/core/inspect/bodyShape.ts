// Finds the error in a response body, whatever shape the vendor chose: an RFC 7644 Error, SCIM 1.1 `Errors`
// (object or array), a SCIM Error wrapped under `response`/`error` or encoded in a string, vendor envelopes
// (Okta's errorCode/errorSummary, OAuth's error/error_description, message/error/title), HTML from a gateway,
// plain text, and JSON pasted inside text (an IdP provisioning log: `StatusCode: 409 ... Web Response: {...}`).
import type { InspectBodyKind } from './types';

export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type Json = Record<string, unknown>;

export interface BodyShape {
  bodyKind: InspectBodyKind;
  bodySource: 'body' | 'embedded' | 'string-encoded';
  /** The object holding status/scimType/detail (the body itself, or the one nested inside it). */
  error?: Json;
  /** Where a SCIM Error sat inside another object (`response`, `error`...), when it did. */
  wrappedIn?: string;
  /** Whether `error` has the SCIM Error attributes (its fields are checked against RFC 7644 §3.12). */
  scimShaped: boolean;
  detail?: string;
  /** The body's own status value, as written (string or number). */
  bodyStatus?: unknown;
  vendorFields: Json;
  /** A status written in the text around embedded JSON (`StatusCode: 409`). */
  textStatus?: number;
  text?: string;
  parseError?: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property looked up case-insensitively (SCIM attribute names are case-insensitive). */
export function prop(o: Json, name: string): unknown {
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function keyOf(o: Json, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(o).find((k) => k.toLowerCase() === lower);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function listsErrorUrn(v: unknown): boolean {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return list.some((x) => typeof x === 'string' && x.trim().toLowerCase() === ERROR_URN.toLowerCase());
}

/** An object with the SCIM Error attributes: the Error URN (in `schemas` or a singular `schema`), or status with detail/scimType. */
export function isScimErrorObject(o: Json): boolean {
  if (listsErrorUrn(prop(o, 'schemas')) || listsErrorUrn(prop(o, 'schema'))) return true;
  const status = prop(o, 'status');
  const hasStatus = typeof status === 'string' || typeof status === 'number';
  return hasStatus && (prop(o, 'detail') !== undefined || prop(o, 'scimType') !== undefined);
}

const SCIM_FIELDS = new Set(['schemas', 'schema', 'status', 'scimtype', 'detail']);

function without(o: Json, drop: (key: string) => boolean): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (!drop(k)) out[k] = v;
  return out;
}

function scimError(o: Json, source: BodyShape['bodySource'], kind: InspectBodyKind, outer?: Json, wrappedIn?: string): BodyShape {
  const vendorFields = without(o, (k) => SCIM_FIELDS.has(k.toLowerCase()));
  if (outer && wrappedIn) Object.assign(vendorFields, without(outer, (k) => k === wrappedIn));
  const shape: BodyShape = { bodyKind: kind, bodySource: source, error: o, scimShaped: true, bodyStatus: prop(o, 'status'), vendorFields };
  const detail = str(prop(o, 'detail'));
  if (detail !== undefined) shape.detail = detail;
  if (wrappedIn) shape.wrappedIn = wrappedIn;
  return shape;
}

/** SCIM 1.1: `{"Errors": {"description", "code"}}` or `{"Errors": [{...}]}`. */
function scim11(o: Json, errorsKey: string, source: BodyShape['bodySource']): BodyShape {
  const errors = o[errorsKey];
  const first = Array.isArray(errors) ? errors.find(isObject) : isObject(errors) ? errors : undefined;
  const vendorFields = without(o, (k) => k === errorsKey);
  const shape: BodyShape = { bodyKind: 'scim-1.1-errors', bodySource: source, scimShaped: false, vendorFields };
  if (first) {
    shape.error = first;
    Object.assign(vendorFields, without(first, (k) => ['description', 'code'].includes(k.toLowerCase())));
    const description = str(prop(first, 'description'));
    if (description !== undefined) shape.detail = description;
    const code = prop(first, 'code');
    if (code !== undefined) shape.bodyStatus = code;
  }
  if (Array.isArray(errors) && errors.length > 1) vendorFields['moreErrors'] = errors.slice(1);
  return shape;
}

const WRAPPERS = ['response', 'error', 'errors', 'Error', 'body', 'data'];
const DETAIL_FIELDS = ['errorSummary', 'error_description', 'message', 'detail', 'title', 'description', 'errorMessage', 'error'];

function vendorDetail(o: Json): string | undefined {
  for (const f of DETAIL_FIELDS) {
    const v = prop(o, f);
    if (str(v) !== undefined) return v as string;
    if (isObject(v)) {
      const inner = str(prop(v, 'message')) ?? str(prop(v, 'description'));
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** What a parsed JSON value says. */
export function shapeOfJson(value: unknown, source: BodyShape['bodySource']): BodyShape {
  if (typeof value === 'string' && source === 'body') {
    const inner = tryParse(value.trim());
    if (inner.ok && (isObject(inner.value) || Array.isArray(inner.value))) return shapeOfJson(inner.value, 'string-encoded');
  }
  if (!isObject(value)) {
    const first = Array.isArray(value) ? value.find(isObject) : undefined;
    if (first && isScimErrorObject(first)) return scimError(first, source, 'vendor-json', undefined, '[0]');
    return { bodyKind: 'json', bodySource: source, scimShaped: false, vendorFields: {} };
  }
  if (isScimErrorObject(value)) return scimError(value, source, 'scim-error');
  const errorsKey = keyOf(value, 'Errors');
  if (errorsKey && (isObject(value[errorsKey]) || Array.isArray(value[errorsKey]))) {
    const errors = value[errorsKey];
    const first = Array.isArray(errors) ? errors.find(isObject) : errors;
    // `errors: [ <SCIM Error> ]` is a wrapper, `Errors: [{description, code}]` is SCIM 1.1.
    if (!(isObject(first) && isScimErrorObject(first))) return scim11(value, errorsKey, source);
  }
  for (const w of WRAPPERS) {
    const key = keyOf(value, w);
    if (!key) continue;
    let inner = value[key];
    if (typeof inner === 'string') {
      const parsed = tryParse(inner.trim());
      if (parsed.ok) inner = parsed.value;
    }
    const candidate = Array.isArray(inner) ? inner.find(isObject) : inner;
    if (isObject(candidate) && isScimErrorObject(candidate)) return scimError(candidate, source, 'vendor-json', value, key);
  }
  const detail = vendorDetail(value);
  const recognised = detail !== undefined || prop(value, 'errorCode') !== undefined || prop(value, 'code') !== undefined;
  const shape: BodyShape = { bodyKind: recognised ? 'vendor-json' : 'json', bodySource: source, scimShaped: false, vendorFields: without(value, (k) => k.toLowerCase() === 'schemas') };
  if (recognised) shape.error = value;
  if (detail !== undefined) shape.detail = detail;
  const status = prop(value, 'status') ?? prop(value, 'statusCode');
  if (typeof status === 'number' || (typeof status === 'string' && /^\d{3}$/.test(status))) shape.bodyStatus = status;
  return shape;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** The first `{...}` inside text that parses as a JSON object (balanced braces, strings respected). */
export function embeddedJson(text: string): { value: Json; start: number } | undefined {
  for (let start = text.indexOf('{'); start >= 0 && start < text.length; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        const parsed = tryParse(text.slice(start, i + 1));
        if (parsed.ok && isObject(parsed.value)) return { value: parsed.value, start };
        break;
      }
    }
  }
  return undefined;
}

function htmlText(html: string): string | undefined {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const t = title?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

/** What a body (text as received, or an already parsed value) holds. */
export function shapeOfBody(body: unknown, contentType: string | undefined): BodyShape {
  if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) {
    return { bodyKind: 'empty', bodySource: 'body', scimShaped: false, vendorFields: {} };
  }
  if (typeof body !== 'string') return shapeOfJson(body, 'body');
  const text = body.replace(/^\uFEFF/, '');
  const trimmed = text.trim();
  const html = /^\s*(text\/html|application\/xhtml)/i.test(contentType ?? '') || /^<(!doctype\s+html|html|head|body)\b/i.test(trimmed);
  if (!html && /^[[{"]/.test(trimmed)) {
    const parsed = tryParse(trimmed);
    if (parsed.ok) return shapeOfJson(parsed.value, 'body');
    const shape = textShape(text, 'text');
    shape.parseError = parsed.error;
    return shape;
  }
  return textShape(text, html ? 'html' : 'text');
}

function textShape(text: string, kind: 'text' | 'html'): BodyShape {
  const embedded = kind === 'text' ? embeddedJson(text) : undefined;
  if (embedded) {
    const shape = shapeOfJson(embedded.value, 'embedded');
    const status = /(?:StatusCode|status|HTTP(?:\/\d(?:\.\d)?)?)\s*[:=]?\s*"?(\d{3})\b/i.exec(text.slice(0, embedded.start))?.[1];
    if (status) shape.textStatus = Number(status);
    if (shape.bodyKind !== 'json') return shape;
  }
  const shape: BodyShape = { bodyKind: kind, bodySource: 'body', scimShaped: false, vendorFields: {}, text };
  const detail = kind === 'html' ? htmlText(text) : text.trim().slice(0, 500);
  if (detail) shape.detail = detail;
  return shape;
}
