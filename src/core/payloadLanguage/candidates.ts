// The attribute names, paths and values the editor may offer at a place, from the schema catalog.
import type { SchemaCatalog, ResolvedAttribute } from '../scim/catalog';
import type { AttributeDefinition } from '../scim/types';
import { frameSchemas, isExtensionUrn, type Frame } from './frame';

export interface KeyCandidate {
  name: string;
  /** Absent for `schemas` and extension URN keys. */
  attribute?: AttributeDefinition;
  schemaUrn?: string;
  /** An extension URN key, whose value is an object of that extension's attributes. */
  extensionKey?: boolean;
}

function dedupe<T extends { name: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = i.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The attribute of the frame's attrPath, if it resolves. */
export function resolveInFrame(frame: Frame, catalog: SchemaCatalog): ResolvedAttribute | undefined {
  if (frame.attrPath.length === 0 || frame.attrPath.length > 2) return undefined;
  return catalog.resolveAttribute(frame.attrPath.join('.'), { schemas: frameSchemas(frame) });
}

/** Keys an object at this frame may have. */
export function keyCandidates(frame: Frame, catalog: SchemaCatalog): KeyCandidate[] {
  const schemas = frameSchemas(frame);
  if (frame.attrPath.length > 0) {
    return catalog.attributesAt(schemas, frame.attrPath.join('.')).map((r) => ({ name: r.attribute.name, attribute: r.attribute, schemaUrn: r.schemaUrn }));
  }
  const out: KeyCandidate[] = [];
  if (frame.extension !== undefined) {
    // Inside an extension object: that extension's own attributes, without `schemas` or the common id/meta.
    for (const a of catalog.getSchema(frame.extension)?.attributes ?? []) out.push({ name: a.name, attribute: a, schemaUrn: frame.extension });
    return out;
  }
  const atResourceRoot = frame.kind === 'resource' && frame.extension === undefined;
  if (!frame.anyResource || frame.kind === 'message') out.push({ name: 'schemas' });
  const bases = atResourceRoot ? frame.schemas.filter((s) => !isExtensionUrn(catalog, s)) : schemas;
  for (const r of catalog.attributesAt(bases)) out.push({ name: r.attribute.name, attribute: r.attribute, schemaUrn: r.schemaUrn });
  if (atResourceRoot) {
    const extensions = new Set<string>(frame.schemas.filter((s) => isExtensionUrn(catalog, s)));
    for (const e of catalog.extensionsFor(frame.schemas)) extensions.add(e);
    for (const e of extensions) out.push({ name: catalog.getSchema(e)?.id ?? e, extensionKey: true, schemaUrn: e });
  }
  return dedupe(out);
}

export interface PathCandidate {
  /** The path as written in a filter or PATCH path, URN-prefixed for extension attributes. */
  path: string;
  /** The short form shown as the label. */
  label: string;
  attribute: AttributeDefinition;
  schemaUrn: string;
  /** A sub-attribute path (`name.familyName`), offered after the top-level names. */
  nested: boolean;
}

/** Attribute paths for filters and PATCH paths over `schemas`: names, `name.sub`, and URN-prefixed extension paths. */
export function pathCandidates(schemas: readonly string[], catalog: SchemaCatalog): PathCandidate[] {
  const out: PathCandidate[] = [];
  const bases = schemas.filter((s) => !isExtensionUrn(catalog, s));
  const add = (r: ResolvedAttribute, prefix: string): void => {
    const a = r.attribute;
    out.push({ path: prefix + a.name, label: a.name, attribute: a, schemaUrn: r.schemaUrn, nested: false });
    for (const s of a.subAttributes ?? []) {
      out.push({ path: `${prefix}${a.name}.${s.name}`, label: `${a.name}.${s.name}`, attribute: s, schemaUrn: r.schemaUrn, nested: true });
    }
  };
  for (const r of catalog.attributesAt(bases)) add(r, '');
  for (const ext of schemas.filter((s) => isExtensionUrn(catalog, s))) {
    const id = catalog.getSchema(ext)?.id ?? ext;
    for (const r of catalog.attributesAt([id])) add(r, `${id}:`);
  }
  const seen = new Set<string>();
  return out.filter((c) => {
    const k = c.path.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Sub-attributes of the attribute named by `parentPath` (inside `emails[...]`). */
export function subAttributeCandidates(parentPath: string, schemas: readonly string[], catalog: SchemaCatalog): AttributeDefinition[] {
  const r = catalog.resolveAttribute(parentPath, { schemas });
  return r?.attribute.subAttributes ?? [];
}
