// Named quirk profiles. Each models publicly documented (or widely reported) behaviour, summarised in
// /work/shared/SCIM-FACTS.md; `modelled` says what the preset stands for and where it takes liberties.
import { resolveQuirks, type QuirkConfig, type QuirkOverrides } from './quirks/types';

export interface Preset {
  name: string;
  summary: string;
  /** The public behaviour the preset reproduces, and its simplifications. */
  modelled: string;
  quirks: QuirkOverrides;
}

const PRESETS: readonly Preset[] = [
  {
    name: 'strict',
    summary: 'RFC 7643/7644-correct service provider.',
    modelled: 'The RFC itself: 1-based paging, all filter operators, 409 uniqueness, string error status, ETags, Bulk, discovery.',
    quirks: {},
  },
  {
    name: 'entra-compatible',
    summary: 'An application tuned for Microsoft Entra ID provisioning.',
    modelled:
      'Accepts what Entra sends by default: capitalised PATCH ops ("Replace"), booleans as strings ("False", coerced), ' +
      'path-less replace with dotted keys, enterprise URN paths; answers a no-match filter with 200 and zero results; ' +
      'deactivation keeps the user readable with active=false.',
    quirks: { capitalisedPatchOps: 'accept', stringBooleans: 'coerce', deactivation: 'immediate' },
  },
  {
    name: 'aws-like',
    summary: 'Modelled on AWS IAM Identity Center as a SCIM target.',
    modelled:
      'At most 50 results per list, startIndex ignored, only eq and and in filters, no Bulk (501). ' +
      'Single-valued emails and the 100-members-per-request limit are not modelled.',
    quirks: { maxPageSize: 50, defaultPageSize: 50, startIndex: 'ignored', filterOperators: ['eq', 'and'], bulk: false },
  },
  {
    name: 'slack-like',
    summary: 'Modelled on Slack\'s SCIM API.',
    modelled:
      'count capped at 1000 with a default of 10; rate limited with 429 and Retry-After. Slack limits per minute; ' +
      'the sandbox uses a per-second token bucket (20/s, burst 20) so a burst shows the 429 quickly.',
    quirks: { maxPageSize: 1000, defaultPageSize: 10, rateLimit: { requestsPerSecond: 20, burst: 20, retryAfter: true } },
  },
  {
    name: 'github-like',
    summary: 'Modelled on GitHub Enterprise SCIM.',
    modelled:
      'PATCH active=false removes the user (its SCIM identity is deleted; a later GET is 404); ' +
      'PATCH paths with value filters are rejected (400 invalidPath).',
    quirks: { deactivation: 'deleted', filteredPatchPaths: 'reject' },
  },
  {
    name: 'drifting',
    summary: 'Pagination that cannot be trusted.',
    modelled:
      'Field failures from public issue trackers: totalResults changes from page to page, pages after the first ' +
      'repeat the previous page\'s last items, and itemsPerPage echoes the requested count.',
    quirks: { totalResultsDrift: 3, pageOverlap: 2, itemsPerPage: 'requested' },
  },
  {
    name: 'minimal',
    summary: 'A bare-bones SCIM endpoint with sparse errors.',
    modelled:
      'No discovery endpoints (404), filters with eq only, a malformed filter answers 500, case-sensitive userName ' +
      '(a case-variant duplicate is created), capitalised PATCH ops silently ignored, errors with a numeric status ' +
      'and no schemas, 409 without scimType, unsupported endpoints 404, 201 without Location.',
    quirks: {
      discovery: false,
      filterOperators: ['eq'],
      malformedFilter: 'serverError',
      userNameCaseSensitive: true,
      capitalisedPatchOps: 'ignore',
      errorStatus: 'number',
      errorFormat: 'sparse',
      conflictScimType: false,
      bulk: false,
      unsupportedStatus: 404,
      createdLocation: false,
    },
  },
  {
    name: 'throttled',
    summary: 'A busy service behind a gateway.',
    modelled:
      'Rate limited to 5 requests per second answering 429 without Retry-After, and about 10% of requests fail ' +
      'with a 503 or a gateway\'s HTML 502 (deterministic for a given seed).',
    quirks: { rateLimit: { requestsPerSecond: 5, burst: 5, retryAfter: false }, faults: { rate: 0.1, kind: 'mixed' } },
  },
];

export const presetNames: readonly string[] = PRESETS.map((p) => p.name);

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** A short human description (summary and what it models), or undefined for an unknown name. */
export function describePreset(name: string): { name: string; summary: string; modelled: string; quirks: QuirkConfig } | undefined {
  const p = findPreset(name);
  return p && { name: p.name, summary: p.summary, modelled: p.modelled, quirks: resolveQuirks(p.quirks) };
}

export function presetQuirks(name: string, overrides?: QuirkOverrides): QuirkConfig {
  const p = findPreset(name);
  if (!p) throw new Error(`unknown sandbox profile '${name}' (known: ${presetNames.join(', ')})`);
  return resolveQuirks(p.quirks, overrides);
}
