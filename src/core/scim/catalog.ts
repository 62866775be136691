// The schema catalog: the RFC schemas plus whatever a server's /Schemas and /ResourceTypes (or workspace
// files) add. Lookups are case-insensitive and accept URN-prefixed paths, as RFC 7644 §3.10 requires.
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types';
import { COMMON_ATTRIBUTES, MESSAGE_SCHEMAS, STANDARD_RESOURCE_TYPES, STANDARD_SCHEMAS } from './schemas';
import { parseResourceTypeDocuments, parseSchemaDocuments, type CatalogProblem } from './catalogParse';
import { suggest } from './suggest';

export type { CatalogProblem } from './catalogParse';

export interface ResolvedAttribute {
  schemaUrn: string;
  attribute: AttributeDefinition;
  /** The complex attribute `attribute` is a sub-attribute of. */
  parent?: AttributeDefinition;
}

export interface AttributeContext {
  /** The document's `schemas` array (base schema and extensions); empty means "any resource schema". */
  schemas: readonly string[];
}

interface SchemaEntry {
  def: SchemaDefinition;
  byName: Map<string, AttributeDefinition>;
}

const MESSAGE_URNS = new Set(MESSAGE_SCHEMAS.map((s) => s.id.toLowerCase()));
const COMMON_BY_NAME = indexAttributes(COMMON_ATTRIBUTES);

function indexAttributes(attrs: readonly AttributeDefinition[]): Map<string, AttributeDefinition> {
  const m = new Map<string, AttributeDefinition>();
  for (const a of attrs) m.set(a.name.toLowerCase(), a);
  return m;
}

export function subAttribute(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return parent.subAttributes?.find((s) => s.name.toLowerCase() === lower);
}

let standardCatalog: SchemaCatalog | undefined;

export class SchemaCatalog {
  private readonly schemas = new Map<string, SchemaEntry>();
  private readonly resourceTypes: ResourceTypeDefinition[] = [];
  /** Problems met while adding server or workspace documents; the catalog keeps what it could read. */
  readonly problems: CatalogProblem[] = [];
  private frozen = false;

  private constructor() {}

  /** The RFC 7643/7644 schemas. Shared and immutable; extend a copy with `withServerDocuments` or `clone`. */
  static standard(): SchemaCatalog {
    if (!standardCatalog) {
      const c = new SchemaCatalog();
      for (const s of STANDARD_SCHEMAS) c.putSchema(s);
      c.resourceTypes.push(...STANDARD_RESOURCE_TYPES);
      c.frozen = true;
      standardCatalog = c;
    }
    return standardCatalog;
  }

  clone(): SchemaCatalog {
    const c = new SchemaCatalog();
    for (const [k, v] of this.schemas) c.schemas.set(k, v);
    c.resourceTypes.push(...this.resourceTypes);
    c.problems.push(...this.problems);
    return c;
  }

  /**
   * A copy of this catalog extended with a server's discovery documents: each may be a ListResponse, an array or
   * a single document. Never throws; what cannot be read is listed in `problems`.
   */
  withServerDocuments(docs: { schemas?: unknown; resourceTypes?: unknown }, source = 'server'): SchemaCatalog {
    const c = this.clone();
    if (docs.schemas !== undefined) c.addSchemaDocument(docs.schemas, source);
    if (docs.resourceTypes !== undefined) c.addResourceTypeDocument(docs.resourceTypes, source);
    return c;
  }

  /** Adds schema definitions from a /Schemas response or a single Schema document; returns the problems found. */
  addSchemaDocument(doc: unknown, source: string): CatalogProblem[] {
    if (this.frozen) return this.refuse(source);
    const { schemas, problems } = parseSchemaDocuments(doc, source);
    for (const s of schemas) this.putSchema(s);
    this.problems.push(...problems);
    return problems;
  }

  addResourceTypeDocument(doc: unknown, source: string): CatalogProblem[] {
    if (this.frozen) return this.refuse(source);
    const { resourceTypes, problems } = parseResourceTypeDocuments(doc, source);
    for (const rt of resourceTypes) {
      const i = this.resourceTypes.findIndex((r) => r.name.toLowerCase() === rt.name.toLowerCase());
      if (i >= 0) this.resourceTypes[i] = rt;
      else this.resourceTypes.push(rt);
    }
    this.problems.push(...problems);
    return problems;
  }

  private refuse(source: string): CatalogProblem[] {
    const p = { source, message: 'The standard catalog is shared and cannot be changed; extend a copy (clone or withServerDocuments).' };
    return [p];
  }

  private putSchema(def: SchemaDefinition): void {
    this.schemas.set(def.id.toLowerCase(), { def, byName: indexAttributes(def.attributes) });
  }

  getSchema(urn: string): SchemaDefinition | undefined {
    return this.schemas.get(urn.toLowerCase())?.def;
  }

  allSchemas(): SchemaDefinition[] {
    return [...this.schemas.values()].map((e) => e.def);
  }

  allResourceTypes(): readonly ResourceTypeDefinition[] {
    return this.resourceTypes;
  }

  isMessageSchema(urn: string): boolean {
    return MESSAGE_URNS.has(urn.toLowerCase());
  }

  /** The resource type whose base schema appears in `schemas` (case-insensitive). */
  resourceTypeFor(schemas: readonly string[]): ResourceTypeDefinition | undefined {
    const lower = new Set(schemas.map((s) => s.toLowerCase()));
    return this.resourceTypes.find((rt) => lower.has(rt.schema.toLowerCase()));
  }

  /** Extension URNs a resource of this type may carry (its resource type's, else every non-core schema). */
  extensionsFor(schemas: readonly string[]): string[] {
    const rt = this.resourceTypeFor(schemas);
    if (rt) return rt.schemaExtensions.map((e) => e.schema);
    return [];
  }

  /**
   * The longest known schema URN that prefixes `path` followed by ':' (an attribute) or the end (the URN itself),
   * compared case-insensitively.
   */
  schemaPrefixOf(path: string): { urn: string; rest: string } | undefined {
    const lower = path.toLowerCase();
    if (!lower.startsWith('urn:')) return undefined;
    let best: string | undefined;
    for (const [key, entry] of this.schemas) {
      if (lower.startsWith(key) && (lower.length === key.length || lower[key.length] === ':')) {
        if (!best || key.length > best.length) best = entry.def.id;
      }
    }
    if (best) return { urn: best, rest: path.slice(best.length + 1) };
    return undefined;
  }

  /**
   * Resolves `name`, `name.sub`, `urn:...:name` or `urn:...:name.sub` against the document's schemas.
   * Without a URN, the schemas in `context.schemas` are searched in order, then the common attributes (id,
   * externalId, meta); an empty context searches every resource schema.
   */
  resolveAttribute(path: string, context: AttributeContext = { schemas: [] }): ResolvedAttribute | undefined {
    let urn: string | undefined;
    let rest = path;
    if (path.toLowerCase().startsWith('urn:')) {
      const prefix = this.schemaPrefixOf(path);
      if (!prefix || prefix.rest === '') return undefined;
      urn = prefix.urn;
      rest = prefix.rest;
    }
    const dot = rest.indexOf('.');
    const name = dot < 0 ? rest : rest.slice(0, dot);
    const sub = dot < 0 ? undefined : rest.slice(dot + 1);
    const top = urn ? this.findIn([urn], name, true) : this.findTop(name, context);
    if (!top) return undefined;
    if (sub === undefined) return top;
    // SCIM paths have one level of sub-attributes, but the Schema schema nests deeper (attributes.subAttributes.name).
    let parent = top.attribute;
    let child: AttributeDefinition | undefined;
    for (const part of sub.split('.')) {
      if (child) parent = child;
      child = subAttribute(parent, part);
      if (!child) return undefined;
    }
    return child ? { schemaUrn: top.schemaUrn, attribute: child, parent } : undefined;
  }

  private contextSchemas(context: AttributeContext): string[] {
    if (context.schemas.length > 0) return [...context.schemas];
    return [...this.schemas.values()].filter((e) => !MESSAGE_URNS.has(e.def.id.toLowerCase())).map((e) => e.def.id);
  }

  private findTop(name: string, context: AttributeContext): ResolvedAttribute | undefined {
    return this.findIn(this.contextSchemas(context), name, true);
  }

  private findIn(urns: readonly string[], name: string, withCommon: boolean): ResolvedAttribute | undefined {
    const lower = name.toLowerCase();
    let resourceContext = false;
    for (const urn of urns) {
      const entry = this.schemas.get(urn.toLowerCase());
      if (!entry) continue;
      const a = entry.byName.get(lower);
      if (a) return { schemaUrn: entry.def.id, attribute: a };
      if (!MESSAGE_URNS.has(urn.toLowerCase())) resourceContext = true;
    }
    if (withCommon && resourceContext) {
      const common = COMMON_BY_NAME.get(lower);
      const base = urns.find((u) => !MESSAGE_URNS.has(u.toLowerCase()));
      if (common && base) return { schemaUrn: this.getSchema(base)?.id ?? base, attribute: common };
    }
    return undefined;
  }

  /**
   * Attributes available at a position, for completion: the top-level attributes of `schemaUrns` (with the common
   * ones for resource schemas) or the sub-attributes of `parentPath`.
   */
  attributesAt(schemaUrns: readonly string[], parentPath?: string): ResolvedAttribute[] {
    if (parentPath !== undefined && parentPath !== '') {
      const parent = this.resolveAttribute(parentPath, { schemas: schemaUrns });
      if (!parent) return [];
      return (parent.attribute.subAttributes ?? []).map((a) => ({ schemaUrn: parent.schemaUrn, attribute: a, parent: parent.attribute }));
    }
    const out: ResolvedAttribute[] = [];
    let base: string | undefined;
    for (const urn of schemaUrns) {
      const entry = this.schemas.get(urn.toLowerCase());
      if (!entry) continue;
      if (!base && !MESSAGE_URNS.has(entry.def.id.toLowerCase())) base = entry.def.id;
      for (const a of entry.def.attributes) out.push({ schemaUrn: entry.def.id, attribute: a });
    }
    if (base) {
      for (const a of COMMON_ATTRIBUTES) out.push({ schemaUrn: base, attribute: a });
    }
    return out;
  }

  /** Did-you-mean over attribute names (and sub-attribute names when `parentPath` is given). */
  suggest(name: string, candidates: Iterable<string>): string | undefined {
    return suggest(name, candidates);
  }
}
