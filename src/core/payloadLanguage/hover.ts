// Hover in a SCIM JSON payload: attribute definitions on keys, schema descriptions on `schemas` URNs and
// extension keys, the parsed structure of filters and PATCH paths, and the meaning of an Error's scimType.
import { SchemaCatalog } from '../scim/catalog';
import { attributeMarkdown, schemaMarkdown, scimTypeMarkdown } from './attributeDocs';
import { resolveInFrame } from './candidates';
import { locateCursor } from './cursor';
import { frameAt } from './frame';
import { filterTreeMarkdown, patchPathMarkdown } from './filterTree';
import { decodeJsonString } from './jsonStringText';
import { stringRole } from './stringRole';
import type { PayloadHover, PayloadLanguageOptions } from './types';

/** Hover content at `offset`, or undefined. Never throws. */
export function payloadHover(text: string, offset: number, opts: PayloadLanguageOptions = {}): PayloadHover | undefined {
  const catalog = opts.catalog ?? SchemaCatalog.standard();
  try {
    const loc = locateCursor(text, offset);
    const node = loc.previousNode;
    if (!node || offset < node.offset || offset > node.offset + node.length) return undefined;
    const range = { start: node.offset, end: node.offset + node.length };
    if (loc.isAtPropertyKey) {
      const key = String(loc.path[loc.path.length - 1] ?? '');
      const schema = key.toLowerCase().startsWith('urn:') ? catalog.getSchema(key) : undefined;
      if (schema) return { range, markdown: schemaMarkdown(schema) };
      const frame = frameAt(text, loc.path, catalog, loc.members);
      const r = resolveInFrame(frame, catalog);
      if (!r) return undefined;
      // Exact-case standard keys at standard places are described by the JSON Schema's hover already.
      const standard = SchemaCatalog.standard().getSchema(r.schemaUrn) !== undefined && catalog.getSchema(r.schemaUrn)?.source !== 'server';
      if (opts.jsonSchemaCovered && !frame.openContent && standard && key === r.attribute.name) return undefined;
      const qualified = r.parent ? `${r.parent.name}.${r.attribute.name}` : r.attribute.name;
      return { range, markdown: attributeMarkdown(r.attribute, catalog.getSchema(r.schemaUrn), qualified) };
    }
    if (node.type !== 'string') return undefined;
    const value = decodeJsonString(text, node.offset).text;
    const role = stringRole(text, loc.path, catalog, loc.members);
    switch (role.kind) {
      case 'schemas': {
        const s = catalog.getSchema(value);
        return { range, markdown: s ? schemaMarkdown(s) : `\`${value}\` is not a schema this catalog knows.` };
      }
      case 'filter':
        return { range, markdown: filterTreeMarkdown(value) };
      case 'patchPath':
        return { range, markdown: patchPathMarkdown(value) };
      case 'scimType': {
        const md = scimTypeMarkdown(value);
        return { range, markdown: md ?? `\`${value}\` is not a scimType of RFC 7644 Table 9 (or the cursor-pagination additions).` };
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
