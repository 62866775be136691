// What payload rules produce before anything is located: findings and fixes addressed by JSON path. The
// analyzer locates all addressed paths in one scan, then turns these into Findings with offsets.
import type { Severity } from '../findings';
import type { OffsetRange } from '../text';
import type { SchemaCatalog } from './catalog';
import type { JsonPath } from './payloadLocate';

export type PayloadKind =
  | 'user'
  | 'enterpriseUser'
  | 'group'
  | 'resource'
  | 'patchOp'
  | 'bulkRequest'
  | 'bulkResponse'
  | 'listResponse'
  | 'searchRequest'
  | 'error'
  | 'serviceProviderConfig'
  | 'resourceType'
  | 'schema'
  | 'unknown';

export type Direction = 'request' | 'response' | 'unknown';

export interface PayloadOptions {
  catalog?: SchemaCatalog;
  /** How the document travels. `unknown` guesses per document: see `guessDirection`. */
  direction?: Direction;
  target?: { supportsFilteredPatchPaths?: boolean };
}

/** Where a finding points: a member's key, its value, its whole member, the container's opening character, or characters inside a string value. */
export type Target =
  | { path: JsonPath; part: 'key' | 'value' | 'member' | 'open' }
  | { path: JsonPath; part: 'inner'; inner: OffsetRange };

export type FixOp =
  | { op: 'replace'; at: Target; text: string }
  | { op: 'removeMember'; path: JsonPath }
  | { op: 'insertMember'; object: JsonPath; key: string; value: string | { copyOf: JsonPath }; position: 'start' | 'end' }
  | { op: 'appendElement'; array: JsonPath; value: string }
  /** `"a.b": v` becomes `"outer": {"inner": v}` in place. */
  | { op: 'wrapMember'; path: JsonPath; outerKey: string; innerKey: string }
  | { op: 'wrapValue'; path: JsonPath; before: string; after: string };

export interface PendingFix {
  title: string;
  preferred?: boolean;
  ops: FixOp[];
}

export interface PendingFinding {
  code: string;
  severity: Severity;
  message: string;
  at: Target;
  fixes?: PendingFix[];
  /** Findings computed elsewhere (filter module) with ranges relative to a string value's decoded text. */
}

/** Shared by every rule while one document is analysed. */
export class RuleContext {
  readonly findings: PendingFinding[] = [];
  /** Findings whose ranges are relative to the decoded value of the string at `path` (filter and path checks). */
  readonly inner: { path: JsonPath; findings: import('../findings').Finding[] }[] = [];

  /** Per-document memo for lookups that repeat across the thousands of resources of a ListResponse. */
  readonly memo = new Map<string, unknown>();

  constructor(
    readonly catalog: SchemaCatalog,
    readonly options: PayloadOptions,
  ) {}

  private readonly prefixes = new Map<string, { urn: string; rest: string } | undefined>();

  /** catalog.schemaPrefixOf, memoised: the same URN keys repeat in every resource of a list. */
  schemaPrefix(key: string): { urn: string; rest: string } | undefined {
    if (this.prefixes.has(key)) return this.prefixes.get(key);
    const p = this.catalog.schemaPrefixOf(key);
    this.prefixes.set(key, p);
    return p;
  }

  private lastUrns: string[] | undefined;

  /** The URN array remembered last, when `doc`'s `schemas` lists exactly those strings (no allocation). */
  sameUrnsAsLast(doc: JsonObject): string[] | undefined {
    const last = this.lastUrns;
    if (!last) return undefined;
    const schemas = doc.schemas;
    if (!Array.isArray(schemas) || schemas.length !== last.length) return undefined;
    for (let i = 0; i < last.length; i++) if (schemas[i] !== last[i]) return undefined;
    return last;
  }

  rememberUrns(urns: string[]): string[] {
    this.lastUrns = urns;
    return urns;
  }

  cached<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = make();
    this.memo.set(key, v);
    return v;
  }

  report(code: string, severity: Severity, message: string, at: Target, fixes?: PendingFix[]): void {
    const f: PendingFinding = { code, severity, message, at };
    if (fixes && fixes.length > 0) f.fixes = fixes;
    this.findings.push(f);
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The actual key of `obj` matching `name` case-insensitively (SCIM attribute names are case-insensitive). */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const k in obj) if (k.toLowerCase() === lower) return k;
  return undefined;
}

export function member(obj: JsonObject, name: string): { key: string; value: Json } | undefined {
  const key = findKey(obj, name);
  return key === undefined ? undefined : { key, value: obj[key] as Json };
}

export function describeType(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string`;
  return `a ${typeof v}`;
}

export function jsonText(v: unknown): string {
  return JSON.stringify(v);
}
