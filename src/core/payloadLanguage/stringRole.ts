// What a JSON value at a path means to SCIM: a `schemas` URN, a filter, a PATCH path, a scimType, or the value
// of an attribute. Completion and hover both ask.
import type { OffsetRange } from '../text';
import type { SchemaCatalog } from '../scim/catalog';
import type { AttributeDefinition } from '../scim/types';
import { URN } from '../scim/types';
import { resolveInFrame } from './candidates';
import { allResourceSchemas, frameAt, frameSchemas, type Frame } from './frame';

export type StringRole =
  | { kind: 'schemas'; frame: Frame; attribute?: undefined }
  | { kind: 'filter' | 'patchPath'; frame: Frame; resourceSchemas: string[]; attribute?: AttributeDefinition }
  | { kind: 'scimType'; frame: Frame; attribute?: AttributeDefinition }
  | { kind: 'attribute'; frame: Frame; attribute?: AttributeDefinition; schemaUrn?: string };

/** `path` is the value's path (jsonc-parser getLocation: the member key last, or an array index). */
export function stringRole(text: string, path: readonly (string | number)[], catalog: SchemaCatalog, known?: ReadonlyMap<string, OffsetRange>): StringRole {
  const withoutIndex = typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
  const frame = frameAt(text, withoutIndex, catalog, known);
  const attrPath = frame.attrPath.map((s) => s.toLowerCase()).join('.');
  if (attrPath === 'schemas') return { kind: 'schemas', frame };
  const r = resolveInFrame(frame, catalog);
  if (frame.kind === 'message') {
    const msg = frame.schemas[0];
    if (msg === URN.searchRequest && attrPath === 'filter') return { kind: 'filter', frame, resourceSchemas: allResourceSchemas(catalog), attribute: r?.attribute };
    if (msg === URN.patchOp && attrPath === 'operations.path') return { kind: 'patchPath', frame, resourceSchemas: allResourceSchemas(catalog), attribute: r?.attribute };
    if (msg === URN.error && attrPath === 'scimtype') return { kind: 'scimType', frame, attribute: r?.attribute };
  }
  return { kind: 'attribute', frame, attribute: r?.attribute, schemaUrn: r?.schemaUrn ?? frameSchemas(frame)[0] };
}
