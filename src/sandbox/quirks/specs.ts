// What values each quirk switch takes: one table drives the config linter, the JSON schema and the tests that
// keep schemas/sandbox-config.schema.json in step with QuirkConfig.
import { CLAIMS, FILTER_OPERATORS, QUIRK_NAMES, type QuirkConfig } from './types';

export type QuirkValueSpec =
  | { kind: 'enum'; values: readonly (string | number | boolean)[] }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max?: number; nullable?: boolean }
  /** "all" (when allowAll) or a list of distinct values; `values` absent: any non-empty strings. */
  | { kind: 'list'; values?: readonly string[]; allowAll: boolean }
  | { kind: 'rateLimit' }
  | { kind: 'faults' };

const onOff = (...values: string[]): QuirkValueSpec => ({ kind: 'enum', values });

export const QUIRK_SPECS: Record<keyof QuirkConfig, QuirkValueSpec> = {
  maxPageSize: { kind: 'integer', min: 1, max: 100000, nullable: true },
  defaultPageSize: { kind: 'integer', min: 1, max: 100000, nullable: true },
  startIndex: onOff('oneBased', 'ignored', 'zeroBased'),
  itemsPerPage: onOff('returned', 'requested'),
  countZero: onOff('honoured', 'ignored'),
  totalResultsDrift: { kind: 'integer', min: 0, max: 1000 },
  pageOverlap: { kind: 'integer', min: 0, max: 1000 },
  pageGap: { kind: 'integer', min: 0, max: 1000 },
  pagingNumbers: onOff('integers', 'strings'),
  advertisedMaxPageSize: { kind: 'integer', min: 1, max: 100000, nullable: true },
  cursorPagination: onOff('off', 'on', 'only'),
  cursorTimeoutSeconds: { kind: 'integer', min: 1, max: 86400 },
  previousCursor: { kind: 'boolean' },
  cursorTotalResults: onOff('exact', 'omitted'),
  cursorLoop: { kind: 'boolean' },
  cursorOnLastPage: { kind: 'boolean' },
  cursorErrors: onOff('rfc', 'expiredAsInvalid', 'invalidValue'),
  filterOperators: { kind: 'list', values: FILTER_OPERATORS, allowAll: true },
  filterAttributes: { kind: 'list', allowAll: true },
  filterCaseSensitive: { kind: 'boolean' },
  malformedFilter: onOff('invalidFilter', 'emptyList', 'fullList', 'serverError'),
  noMatchStatus: { kind: 'enum', values: [200, 404] },
  userNameUnique: { kind: 'boolean' },
  userNameCaseSensitive: { kind: 'boolean' },
  requiredAttributes: onOff('enforced', 'ignored'),
  stringBooleans: onOff('reject', 'coerce', 'storeAsString'),
  capitalisedPatchOps: onOff('accept', 'reject', 'ignore'),
  invalidPatchOps: onOff('reject', 'ignore'),
  pathlessPatch: onOff('accept', 'reject'),
  filteredPatchPaths: onOff('accept', 'reject'),
  singleValuedEmails: { kind: 'boolean' },
  errorStatus: onOff('string', 'number'),
  errorFormat: onOff('scim', 'sparse', 'textPlain'),
  conflictScimType: { kind: 'boolean' },
  invalidJsonStatus: { kind: 'enum', values: [400, 500, 200] },
  unknownIdWriteStatus: { kind: 'enum', values: [404, 400, 200] },
  unauthorizedStatus: { kind: 'enum', values: [401, 403] },
  unauthorizedBody: onOff('scim', 'gatewayJson', 'html', 'empty'),
  discovery: { kind: 'boolean' },
  falseClaims: { kind: 'list', values: CLAIMS, allowAll: false },
  bulk: { kind: 'enum', values: [true, false, 'advertisedOnly'] },
  bulkMaxOperations: { kind: 'integer', min: 1, max: 100000 },
  bulkMaxPayloadSize: { kind: 'integer', min: 1024, max: 16_777_216 },
  bulkLimits: onOff('enforced', 'ignored'),
  bulkIdReferences: onOff('resolved', 'unresolved'),
  unsupportedStatus: { kind: 'enum', values: [501, 404] },
  groupPatch: onOff('applied', 'ignored'),
  groupMembers: onOff('returned', 'excludedIgnored', 'never'),
  duplicateMembers: onOff('idempotent', 'duplicated'),
  groupMemberLimit: { kind: 'integer', min: 1, max: 100000, nullable: true },
  userGroups: onOff('maintained', 'omitted', 'stale'),
  memberRemoveByFilter: onOff('accept', 'reject'),
  memberReplace: onOff('accept', 'reject'),
  rateLimit: { kind: 'rateLimit' },
  faults: { kind: 'faults' },
  deactivation: onOff('immediate', 'delayed', 'lockedOnly', 'deleted'),
  deactivationDelaySeconds: { kind: 'integer', min: 0, max: 86400 },
  createdLocation: { kind: 'boolean' },
};

type Problem = { message: string; at?: string } | undefined;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkList(name: string, spec: Extract<QuirkValueSpec, { kind: 'list' }>, value: unknown): Problem {
  if (spec.allowAll && value === 'all') return undefined;
  const what = spec.values ? `a list of ${spec.values.join(', ')}` : 'a list of attribute names';
  const message = `'${name}' must be ${spec.allowAll ? '"all" or ' : ''}${what}`;
  if (!Array.isArray(value)) return { message };
  const ok = value.every((v) => typeof v === 'string' && v.length > 0 && (!spec.values || spec.values.includes(v)));
  if (!ok || new Set(value).size !== value.length) return { message: `${message}, each once` };
  return undefined;
}

function checkRateLimit(name: string, value: unknown): Problem {
  if (value === null) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { message: `'${name}' must be null or { requestsPerSecond | requestsPerMinute, burst?, retryAfter }` };
  }
  const v = value as Record<string, unknown>;
  const perSecond = v['requestsPerSecond'];
  const perMinute = v['requestsPerMinute'];
  if (perSecond === undefined && perMinute === undefined) return { message: 'give requestsPerSecond or requestsPerMinute' };
  if (perSecond !== undefined && perMinute !== undefined) return { message: 'give requestsPerSecond or requestsPerMinute, not both', at: 'requestsPerMinute' };
  if (perSecond !== undefined && !(typeof perSecond === 'number' && perSecond > 0)) return { message: 'requestsPerSecond must be a number above 0', at: 'requestsPerSecond' };
  if (perMinute !== undefined && !(typeof perMinute === 'number' && perMinute > 0)) return { message: 'requestsPerMinute must be a number above 0', at: 'requestsPerMinute' };
  if (v['burst'] !== undefined && !(isInt(v['burst']) && v['burst'] >= 1)) return { message: 'burst must be an integer of at least 1', at: 'burst' };
  if (typeof v['retryAfter'] !== 'boolean') return { message: 'retryAfter must be true or false', at: 'retryAfter' };
  return unknownKey(v, ['requestsPerSecond', 'requestsPerMinute', 'burst', 'retryAfter']);
}

function checkFaults(name: string, value: unknown): Problem {
  if (value === null) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { message: `'${name}' must be null or { rate, kind, methods? }` };
  const v = value as Record<string, unknown>;
  if (typeof v['rate'] !== 'number' || v['rate'] < 0 || v['rate'] > 1) return { message: 'rate must be a number from 0 to 1', at: 'rate' };
  if (!['503', 'html502', 'mixed'].includes(v['kind'] as string)) return { message: 'kind must be "503", "html502" or "mixed"', at: 'kind' };
  if (v['methods'] !== undefined && !['all', 'reads'].includes(v['methods'] as string)) return { message: 'methods must be "all" or "reads"', at: 'methods' };
  return unknownKey(v, ['rate', 'kind', 'methods']);
}

/** A problem with one quirk value, or undefined when it is valid. `at` names a nested key, if any. */
export function checkQuirkValue(name: keyof QuirkConfig, value: unknown): Problem {
  const spec = QUIRK_SPECS[name];
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { message: `'${name}' must be true or false` };
    case 'enum':
      return spec.values.includes(value as string | number | boolean)
        ? undefined
        : { message: `'${name}' must be one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'integer':
      if (value === null && spec.nullable) return undefined;
      if (isInt(value) && value >= spec.min && (spec.max === undefined || value <= spec.max)) return undefined;
      return { message: `'${name}' must be an integer from ${spec.min}${spec.max !== undefined ? ` to ${spec.max}` : ''}${spec.nullable ? ', or null' : ''}` };
    case 'list':
      return checkList(name, spec, value);
    case 'rateLimit':
      return checkRateLimit(name, value);
    case 'faults':
      return checkFaults(name, value);
  }
}

function unknownKey(v: Record<string, unknown>, known: string[]): Problem {
  const extra = Object.keys(v).find((k) => !known.includes(k));
  return extra === undefined ? undefined : { message: `unknown property '${extra}' (known: ${known.join(', ')})`, at: extra };
}

export function isQuirkName(name: string): name is keyof QuirkConfig {
  return (QUIRK_NAMES as string[]).includes(name);
}
