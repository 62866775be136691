// Which schema applies at a JSON path: the document's own `schemas`, or those of a nested document (a
// ListResponse resource, a Bulk operation's data), or the resource a PATCH operation's value targets. Only the
// `schemas` (and PATCH `path`) members on the way are located, with the core's skip scan, never a full tree.
import { parse as parseJsonc } from 'jsonc-parser';
import { excessiveNestingAt } from '../jsonDepth';
import type { OffsetRange } from '../text';
import { parsePatchPath } from '../filter';
import type { SchemaCatalog } from '../scim/catalog';
import { locatePaths, pathKey, type JsonPath } from '../scim/payloadLocate';
import { URN } from '../scim/types';

export interface Frame {
  /** `message`: a ListResponse, PatchOp, Bulk, SearchRequest or Error body; `resource`: attributes of resources. */
  kind: 'resource' | 'message';
  /** The schemas in effect: the message URN, or the resource's base schema and extensions. */
  schemas: string[];
  /** Inside an extension object (`"urn:...:enterprise:2.0:User": {...}`): its URN. */
  extension?: string;
  /** Attribute names from the frame's root to the position, e.g. ['name'] inside `"name": {...}`. */
  attrPath: string[];
  /** A path-less PATCH value, or a place where the resource type is not known (all resource schemas apply). */
  anyResource?: boolean;
  /** The place lies inside a member the static JSON Schema leaves open (PATCH value, Bulk data, ...). */
  openContent?: boolean;
}

type Known = ReadonlyMap<string, OffsetRange> | undefined;

/** The value at `path`: from the ranges the cursor scan already met, else located with one skip scan. */
function valueAt(text: string, path: JsonPath, known: Known): unknown {
  const key = pathKey(path);
  const range = known?.get(key) ?? locatePaths(text, [path]).get(key)?.value;
  if (!range) return undefined;
  const slice = text.slice(range.start, range.end);
  return excessiveNestingAt(slice) < 0 ? parseJsonc(slice) : undefined; // parseJsonc recurses per level
}

function schemasAt(text: string, objectPath: JsonPath, known: Known): string[] {
  const v = valueAt(text, [...objectPath, 'schemas'], known);
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function messageUrn(schemas: readonly string[], catalog: SchemaCatalog): string | undefined {
  const m = schemas.find((s) => catalog.isMessageSchema(s));
  return m === undefined ? undefined : (catalog.getSchema(m)?.id ?? m);
}

/** Every resource type's base schema and extensions: the context when a document does not say which resource. */
export function allResourceSchemas(catalog: SchemaCatalog): string[] {
  const out: string[] = [];
  for (const rt of catalog.allResourceTypes()) {
    for (const u of [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)]) if (!out.includes(u)) out.push(u);
  }
  return out;
}

/** Extension schemas among `schemas` (or allowed for them), known because a resource type lists them. */
export function isExtensionUrn(catalog: SchemaCatalog, urn: string): boolean {
  const lower = urn.toLowerCase();
  return catalog.allResourceTypes().some((rt) => rt.schemaExtensions.some((e) => e.schema.toLowerCase() === lower));
}

function rootFrame(text: string, objectPath: JsonPath, catalog: SchemaCatalog, known: Known): Frame {
  const schemas = schemasAt(text, objectPath, known);
  const msg = messageUrn(schemas, catalog);
  if (msg) return { kind: 'message', schemas: [msg], attrPath: [] };
  const listed = schemas.filter((s) => catalog.getSchema(s));
  if (listed.length === 0) return { kind: 'resource', schemas: allResourceSchemas(catalog), attrPath: [], anyResource: true };
  return { kind: 'resource', schemas: listed, attrPath: [] };
}

/** Applies a PATCH path to a frame: `name` -> ['name'], `emails[type eq "work"].value` -> ['emails','value']. */
function patchTarget(frame: Frame, path: string, catalog: SchemaCatalog): void {
  const parsed = parsePatchPath(path).ast;
  if (!parsed) return;
  const a = parsed.attr;
  if (a.uri !== undefined) {
    const schema = catalog.getSchema(a.uri);
    if (schema && isExtensionUrn(catalog, schema.id)) frame.extension = schema.id;
  }
  frame.attrPath.push(a.name);
  const sub = a.subAttr ?? parsed.subAttr;
  if (sub !== undefined) frame.attrPath.push(sub);
}

/**
 * The frame for the value or object at `path` (`path` names the member, as jsonc-parser's getLocation gives it;
 * for a property key, the key is the last segment and is not part of the frame: pass `path.slice(0, -1)`).
 */
export function frameAt(text: string, path: readonly (string | number)[], catalog: SchemaCatalog, known?: ReadonlyMap<string, OffsetRange>): Frame {
  let frame = rootFrame(text, [], catalog, known);
  let i = 0;
  while (i < path.length) {
    const seg = path[i] as string | number;
    if (frame.kind === 'message') {
      const msg = frame.schemas[0];
      const next = path[i + 1];
      const third = path[i + 2];
      if (msg === URN.listResponse && seg === 'Resources' && typeof next === 'number') {
        frame = rootFrame(text, path.slice(0, i + 2), catalog, known);
        i += 2;
        continue;
      }
      if ((msg === URN.bulkRequest || msg === URN.bulkResponse) && seg === 'Operations' && typeof next === 'number' && (third === 'data' || third === 'response')) {
        frame = { ...rootFrame(text, path.slice(0, i + 3), catalog, known), openContent: true };
        i += 3;
        continue;
      }
      if (msg === URN.patchOp && seg === 'Operations' && typeof next === 'number' && third === 'value') {
        const opPath = valueAt(text, [...path.slice(0, i + 2), 'path'], known);
        frame = { kind: 'resource', schemas: allResourceSchemas(catalog), attrPath: [], anyResource: true, openContent: true };
        if (typeof opPath === 'string') patchTarget(frame, opPath, catalog);
        i += 3;
        continue;
      }
    }
    i++;
    if (typeof seg === 'number') continue;
    if (frame.kind === 'resource' && frame.attrPath.length === 0 && frame.extension === undefined && seg.toLowerCase().startsWith('urn:')) {
      const schema = catalog.getSchema(seg);
      if (schema) {
        frame.extension = schema.id;
        continue;
      }
      // A URN-prefixed attribute key, as path-less PATCH values carry: "urn:...:User:manager".
      const prefix = catalog.schemaPrefixOf(seg);
      if (prefix) {
        frame.extension = prefix.urn;
        frame.attrPath.push(...prefix.rest.split('.'));
        continue;
      }
    }
    if (frame.kind === 'resource' && frame.anyResource && frame.attrPath.length === 0 && seg.includes('.')) {
      frame.attrPath.push(...seg.split('.')); // a dotted key in a path-less PATCH value
      continue;
    }
    frame.attrPath.push(seg);
  }
  return frame;
}

/** The schemas attribute names resolve against in this frame. */
export function frameSchemas(frame: Frame): string[] {
  return frame.extension ? [frame.extension] : frame.schemas;
}
