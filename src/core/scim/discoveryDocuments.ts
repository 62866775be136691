// A server's discovery documents saved as files (a captured `/Schemas` or `/ResourceTypes` response, a single
// Schema or ResourceType, or an array of them) teach the catalog custom attributes and extensions. The editor loads
// them from the workspace and the CLI from the files it lints (and `--schemas`).
import { parse, type ParseError } from 'jsonc-parser';
import { excessiveNestingAt } from '../jsonDepth';
import { URN } from './types';

export interface DiscoveryDocuments {
  /** Schema documents, as addSchemaDocument takes them. */
  schemas?: unknown[];
  /** ResourceType documents, as addResourceTypeDocument takes them. */
  resourceTypes?: unknown[];
}

/** Cheap check before parsing: only texts that name the Schema or ResourceType URN can hold such documents. */
export function mayHoldDiscoveryDocuments(text: string): boolean {
  return text.includes(URN.schema) || text.includes(URN.resourceType);
}

function schemasOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const s = (value as Record<string, unknown>).schemas;
  return Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string') : [];
}

/** The Schema and ResourceType documents in a parsed JSON value, or undefined when it holds none. */
export function discoveryDocumentsOf(value: unknown): DiscoveryDocuments | undefined {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (schemasOf(value).includes(URN.listResponse)) {
    const resources = (value as Record<string, unknown>).Resources;
    items = Array.isArray(resources) ? resources : [];
  } else items = [value];
  const schemas = items.filter((i) => schemasOf(i).includes(URN.schema));
  const resourceTypes = items.filter((i) => schemasOf(i).includes(URN.resourceType));
  if (schemas.length === 0 && resourceTypes.length === 0) return undefined;
  return {
    ...(schemas.length > 0 ? { schemas } : {}),
    ...(resourceTypes.length > 0 ? { resourceTypes } : {}),
  };
}

/** Parses a (JSONC) text and returns its discovery documents; undefined for other documents or broken JSON. */
export function discoveryDocumentsInText(text: string): DiscoveryDocuments | undefined {
  if (!mayHoldDiscoveryDocuments(text)) return undefined;
  if (excessiveNestingAt(text) >= 0) return undefined; // no schema document nests that deep; parsing would overflow
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) return undefined;
  return discoveryDocumentsOf(value);
}
