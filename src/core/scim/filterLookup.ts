// Adapts the catalog to the filter module's AttributeLookup, so filter and PATCH-path checks see the same
// schemas (server extensions included) as the payload rules.
import type { AttrPath, AttributeInfo, AttributeLookup } from '../filter';
import type { SchemaCatalog } from './catalog';
import type { AttributeDefinition } from './types';

function info(a: AttributeDefinition): AttributeInfo {
  const i: AttributeInfo = { type: a.type, caseExact: a.caseExact, multiValued: a.multiValued };
  if (a.subAttributes) i.subAttributes = a.subAttributes;
  return i;
}

function text(p: AttrPath): string {
  return `${p.uri ? `${p.uri}:` : ''}${p.name}${p.subAttr !== undefined ? `.${p.subAttr}` : ''}`;
}

/**
 * The catalog as an AttributeLookup for these schemas. Answers are kept per path node (and parent node): an
 * evaluator asks about the same nodes for every record it tests, and resolving through the catalog each time
 * cost more than the comparison itself.
 */
export function filterLookup(catalog: SchemaCatalog, schemas: readonly string[]): AttributeLookup {
  const resolve = uncachedLookup(catalog, schemas);
  const cache = new WeakMap<AttrPath, Map<AttrPath | undefined, AttributeInfo | undefined>>();
  return (path, parent) => {
    let byParent = cache.get(path);
    if (!byParent) cache.set(path, (byParent = new Map()));
    if (byParent.has(parent)) return byParent.get(parent);
    const answer = resolve(path, parent);
    byParent.set(parent, answer);
    return answer;
  };
}

function uncachedLookup(catalog: SchemaCatalog, schemas: readonly string[]): AttributeLookup {
  const context = { schemas };
  return (path, parent) => {
    if (parent) {
      // Inside `emails[...]` the path names a sub-attribute of the parent (`type`), never a top-level attribute.
      const p = catalog.resolveAttribute(text(parent), context);
      if (!p || p.attribute.type !== 'complex') return undefined;
      const sub = p.attribute.subAttributes?.find((s) => s.name.toLowerCase() === path.name.toLowerCase());
      return sub ? info(sub) : undefined;
    }
    const r = catalog.resolveAttribute(text(path), context);
    return r ? info(r.attribute) : undefined;
  };
}

/** Candidate names for did-you-mean at a filter path (top-level names, or sub-attributes of the parent). */
export function filterSuggestions(catalog: SchemaCatalog, schemas: readonly string[]): (path: AttrPath, parent?: AttrPath) => string[] {
  return (path, parent) => {
    const parentPath = parent ? text(parent) : path.subAttr !== undefined ? `${path.uri ? `${path.uri}:` : ''}${path.name}` : undefined;
    const urns = path.uri && !parent ? [path.uri] : schemas;
    return catalog.attributesAt(urns, parentPath).map((r) => r.attribute.name);
  };
}
