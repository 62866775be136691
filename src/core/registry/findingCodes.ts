// Every finding code SCIM Workbench reports so a registry's
// knownIssues.codes can be checked, completed and hovered. Codes are stable: add, never rename.

import { PAYLOAD_CODES } from '../scim/payloadCodes';
import { INSPECT_CODES, INSPECT_CODE_ALIASES } from '../inspect/codes';
import { PROBE_CODES, PROBE_CODE_ALIASES } from '../probes/codes';
import { closest } from '../suggest';

export type FindingSource = 'registry' | 'payload' | 'filter' | 'inspect' | 'probe';

export interface FindingCodeInfo {
  code: string;
  source: FindingSource;
  meaning: string;
}

const registry: [string, string][] = [
  ['REGISTRY_JSON_SYNTAX', 'The registry file is not valid JSON with comments.'],
  ['REGISTRY_JSON_TOO_DEEP', 'The registry file nests more than 500 levels deep; it is not read.'],
  ['REGISTRY_SCHEMA', 'A value does not match the registry schema (type, enum, required field, unknown field).'],
  ['REGISTRY_DUPLICATE_ID', 'Two applications share an id.'],
  ['REGISTRY_DUPLICATE_KEY', 'A key appears twice in the same object.'],
  ['REGISTRY_BASEURL_SCHEME', 'baseUrl is not an absolute http(s) URL.'],
  ['REGISTRY_BASEURL_RESOURCE_SUFFIX', 'baseUrl ends with a resource path such as /Users; the runner appends those itself.'],
  ['REGISTRY_BASEURL_TRAILING_SLASH', 'baseUrl ends with a slash.'],
  ['REGISTRY_FILTER_SYNTAX', 'A filters[].expression does not parse as an RFC 7644 filter.'],
  ['REGISTRY_UNKNOWN_FINDING_CODE', 'knownIssues[].codes names a finding code SCIM Workbench does not know.'],
  ['REGISTRY_EXTENSION_NOT_URN', 'A schemaExtensions entry is not a URN.'],
  ['REGISTRY_DELAYED_WITHOUT_DELAY', 'deactivation.contract is delayed but delaySeconds is missing or 0.'],
  ['REGISTRY_WRITES_ON_PRODUCTION', 'probe.allowWrites is true for an application that looks like production.'],
  ['REGISTRY_LITERAL_SECRET', 'A value looks like a real secret; the registry may only hold secret names.'],
  ['REGISTRY_SECRET_NAME_INVALID', 'A secret name is empty or contains characters other than letters, digits, ".", "_" and "-".'],
  ['REGISTRY_SECRET_NAME_COLLISION', 'Two different secret names map to the same SCIM_SECRET_... environment variable.'],
  ['REGISTRY_ERROR_MATCH_INVALID', 'An errors[].match written as /regex/flags is not a valid regular expression.'],
];

// The error inspector owns its codes; the probes report the same faults with the same codes.
const inspect: [string, string][] = Object.entries(INSPECT_CODES);

// The payload rules own their codes and meanings; listing them here again would drift.
const payload: [string, string][] = Object.entries(PAYLOAD_CODES);

const filter: [string, string][] = [
  ['FILTER_SYNTAX', 'A filter expression does not parse.'],
  ['FILTER_UNKNOWN_ATTRIBUTE', 'A filter names an attribute the schema does not define.'],
  ['FILTER_OPERATOR_TYPE_MISMATCH', 'An operator is applied to an attribute type it does not support (e.g. gt on a boolean).'],
  ['FILTER_CASE_EXACT', 'A comparison on a caseExact attribute may not match as the author expects.'],
  ['FILTER_VALUE_TYPE_MISMATCH', 'A comparison value has the wrong type for the attribute.'],
  ['FILTER_OPERATOR_UNSUPPORTED', 'An operator the target application is known not to support.'],
];

// The probes own their codes; names reserved earlier stay valid as aliases of the code that replaced them.
// FILTER_OPERATOR_UNSUPPORTED is also a filter check: the probe reports the same fault with the same code.
const probeOwn = Object.entries(PROBE_CODES)
  .filter(([code]) => !filter.some(([c]) => c === code))
  .map(([code, info]): [string, string] => [code, info.meaning]);
const probeAliases = Object.entries(PROBE_CODE_ALIASES).map(([old, now]): [string, string] => [old, `Earlier name of ${now}: ${PROBE_CODES[now].meaning}`]);
const probe: [string, string][] = [...probeOwn, ...probeAliases];
const inspectAliases: [string, string][] = Object.entries(INSPECT_CODE_ALIASES).map(([old, now]) => [old, `Earlier name of ${now}: ${INSPECT_CODES[now as keyof typeof INSPECT_CODES]}`]);

function tag(source: FindingSource, list: [string, string][]): FindingCodeInfo[] {
  return list.map(([code, meaning]) => ({ code, source, meaning }));
}

export const findingCodeInfo: readonly FindingCodeInfo[] = [
  ...tag('registry', registry),
  ...tag('payload', payload),
  ...tag('filter', filter),
  ...tag('inspect', inspect),
  ...tag('probe', probe),
  ...tag('inspect', inspectAliases),
];

export const knownFindingCodes: readonly string[] = findingCodeInfo.map((i) => i.code);

const byCode = new Map(findingCodeInfo.map((i) => [i.code, i]));

export function findingCode(code: string): FindingCodeInfo | undefined {
  return byCode.get(code);
}

/** The closest known code for a typo, or undefined when nothing is close enough to be a plausible intent. */
export function suggestFindingCode(code: string): string | undefined {
  const upper = code.toUpperCase().replace(/[\s-]+/g, '_');
  if (byCode.has(upper)) return upper;
  return closest(upper, knownFindingCodes, Math.max(2, Math.floor(upper.length / 4)));
}
