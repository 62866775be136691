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

export function filterLookup(catalog: SchemaCatalog, schemas: readonly string[]): AttributeLookup {
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
