// What values each quirk switch takes: one table drives the config linter, the CLI's help and the tests that
// keep schemas/sandbox-config.schema.json in step with QuirkConfig.
import { FILTER_OPERATORS, QUIRK_NAMES, type QuirkConfig } from './types';

export type QuirkValueSpec =
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max?: number; nullable?: boolean }
  | { kind: 'operators' }
  | { kind: 'rateLimit' }
  | { kind: 'faults' };

export const QUIRK_SPECS: Record<keyof QuirkConfig, QuirkValueSpec> = {
  maxPageSize: { kind: 'integer', min: 1, max: 100000, nullable: true },
  defaultPageSize: { kind: 'integer', min: 1, max: 100000, nullable: true },
  startIndex: { kind: 'enum', values: ['oneBased', 'ignored', 'zeroBased'] },
  itemsPerPage: { kind: 'enum', values: ['returned', 'requested'] },
  countZero: { kind: 'enum', values: ['honoured', 'ignored'] },
  totalResultsDrift: { kind: 'integer', min: 0, max: 1000 },
  pageOverlap: { kind: 'integer', min: 0, max: 1000 },
  filterOperators: { kind: 'operators' },
  malformedFilter: { kind: 'enum', values: ['invalidFilter', 'emptyList', 'fullList', 'serverError'] },
  userNameCaseSensitive: { kind: 'boolean' },
  stringBooleans: { kind: 'enum', values: ['reject', 'coerce', 'storeAsString'] },
  capitalisedPatchOps: { kind: 'enum', values: ['accept', 'reject', 'ignore'] },
  pathlessPatch: { kind: 'enum', values: ['accept', 'reject'] },
  filteredPatchPaths: { kind: 'enum', values: ['accept', 'reject'] },
  errorStatus: { kind: 'enum', values: ['string', 'number'] },
  errorFormat: { kind: 'enum', values: ['scim', 'sparse', 'textPlain'] },
  conflictScimType: { kind: 'boolean' },
  discovery: { kind: 'boolean' },
  bulk: { kind: 'boolean' },
  unsupportedStatus: { kind: 'enum', values: [501, 404] },
  rateLimit: { kind: 'rateLimit' },
  faults: { kind: 'faults' },
  deactivation: { kind: 'enum', values: ['immediate', 'delayed', 'lockedOnly', 'deleted'] },
  deactivationDelaySeconds: { kind: 'integer', min: 0, max: 86400 },
  createdLocation: { kind: 'boolean' },
};

/** A problem with one quirk value, or undefined when it is valid. `at` names a nested key, if any. */
export function checkQuirkValue(name: keyof QuirkConfig, value: unknown): { message: string; at?: string } | undefined {
  const spec = QUIRK_SPECS[name];
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { message: `'${name}' must be true or false` };
    case 'enum':
      return spec.values.includes(value as string | number)
        ? undefined
        : { message: `'${name}' must be one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'integer':
      if (value === null && spec.nullable) return undefined;
      if (isInt(value) && value >= spec.min && (spec.max === undefined || value <= spec.max)) return undefined;
      return { message: `'${name}' must be an integer from ${spec.min}${spec.max !== undefined ? ` to ${spec.max}` : ''}${spec.nullable ? ', or null' : ''}` };
    case 'operators':
      if (value === 'all') return undefined;
      if (Array.isArray(value) && value.every((v) => (FILTER_OPERATORS as readonly unknown[]).includes(v))) return undefined;
      return { message: `'${name}' must be "all" or a list of ${FILTER_OPERATORS.join(', ')}` };
    case 'rateLimit': {
      if (value === null) return undefined;
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { message: `'${name}' must be null or { requestsPerSecond, burst?, retryAfter }` };
      const v = value as Record<string, unknown>;
      if (typeof v['requestsPerSecond'] !== 'number' || !(v['requestsPerSecond'] > 0)) return { message: 'requestsPerSecond must be a number above 0', at: 'requestsPerSecond' };
      if (v['burst'] !== undefined && !(isInt(v['burst']) && v['burst'] >= 1)) return { message: 'burst must be an integer of at least 1', at: 'burst' };
      if (typeof v['retryAfter'] !== 'boolean') return { message: 'retryAfter must be true or false', at: 'retryAfter' };
      return unknownKey(v, ['requestsPerSecond', 'burst', 'retryAfter']);
    }
    case 'faults': {
      if (value === null) return undefined;
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { message: `'${name}' must be null or { rate, kind }` };
      const v = value as Record<string, unknown>;
      if (typeof v['rate'] !== 'number' || v['rate'] < 0 || v['rate'] > 1) return { message: 'rate must be a number from 0 to 1', at: 'rate' };
      if (!['503', 'html502', 'mixed'].includes(v['kind'] as string)) return { message: 'kind must be "503", "html502" or "mixed"', at: 'kind' };
      return unknownKey(v, ['rate', 'kind']);
    }
  }
}

function unknownKey(v: Record<string, unknown>, known: string[]): { message: string; at?: string } | undefined {
  const extra = Object.keys(v).find((k) => !known.includes(k));
  return extra === undefined ? undefined : { message: `unknown property '${extra}' (known: ${known.join(', ')})`, at: extra };
}

export function isQuirkName(name: string): name is keyof QuirkConfig {
  return (QUIRK_NAMES as string[]).includes(name);
}

/** One line per switch: the config schema's descriptions and the README table come from here. */
export const QUIRK_DOCS: Record<keyof QuirkConfig, string> = {
  maxPageSize: 'Largest page returned, whatever `count` asks (null: the core limit of 1000).',
  defaultPageSize: 'Page size when `count` is absent (null: the core default of 100).',
  startIndex: '`oneBased` (RFC), `ignored` (every page starts at the first resource) or `zeroBased` (startIndex read as an offset; startIndex=1 skips the first resource).',
  itemsPerPage: '`returned` (RFC: resources in this page) or `requested` (echoes the requested count).',
  countZero: '`honoured` (RFC: count=0 returns only totalResults) or `ignored` (a default page comes back).',
  totalResultsDrift: 'Pages after the first report totalResults off by 1..N, alternating up and down (0: exact).',
  pageOverlap: 'Pages after the first start N items early, so items repeat across pages (0: none).',
  filterOperators: '"all" or the operators accepted (eq ne co sw ew gt ge lt le pr and or not); others answer 400 invalidFilter.',
  malformedFilter: 'A syntactically broken filter gets `invalidFilter` (RFC 400), `emptyList` (200, nothing), `fullList` (200, filter dropped) or `serverError` (500).',
  userNameCaseSensitive: 'userName uniqueness compares case, so a case-variant duplicate is created (RFC: userName is caseExact=false).',
  stringBooleans: '`"active": "False"` is rejected (RFC 400), `coerce`d to false, or `storeAsString`: kept as a truthy string (the user stays active; the response echoes "False").',
  capitalisedPatchOps: 'PATCH ops written `Replace`/`Add`/`Remove`: `accept`ed, `reject`ed (400) or `ignore`d (200 with the unchanged resource).',
  pathlessPatch: '`reject`: PATCH add/replace without `path` answers 400 invalidPath.',
  filteredPatchPaths: '`reject`: PATCH paths with a value filter (`emails[type eq "work"].value`) answer 400 invalidPath.',
  errorStatus: 'Error `status` as the RFC\'s `string` or as a `number`.',
  errorFormat: '`scim` (RFC Error message), `sparse` (`status` and `detail` only) or `textPlain` (`text/plain` body).',
  conflictScimType: 'false: 409 answers carry no `scimType: uniqueness`.',
  discovery: 'false: /ServiceProviderConfig, /ResourceTypes and /Schemas answer 404.',
  bulk: 'false: /Bulk answers `unsupportedStatus` and ServiceProviderConfig says bulk is unsupported.',
  unsupportedStatus: 'Status of unsupported endpoints (Bulk when off, /Me): RFC `501` or `404`.',
  rateLimit: 'null, or a token bucket `{ requestsPerSecond, burst?, retryAfter }`: over the limit the app answers 429, with Retry-After when `retryAfter`.',
  faults: 'null, or `{ rate, kind }`: that share of requests (chosen from the seed) answers a SCIM 503 (`503`), an HTML 502 (`html502`) or either (`mixed`).',
  deactivation: 'What active=false does: `immediate` (RFC), `delayed` (reads show active=true for deactivationDelaySeconds), `lockedOnly` (accepted; active stays true and reads carry `urn:scim-workbench:sandbox:User.locked`), `deleted` (the user is removed; GET is 404).',
  deactivationDelaySeconds: 'Seconds a `delayed` deactivation takes to show.',
  createdLocation: 'false: 201 Created has no Location header.',
};
