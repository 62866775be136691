// The explanation of one response: a contract (documented in the README, tested) shared by the CLI's `explain`
// and `send`, the request runner, hovers and the probes. Add fields; never rename.
import type { RegistryMatch } from './registryMatch';

export type InspectBodyKind = 'scim-error' | 'scim-1.1-errors' | 'vendor-json' | 'json' | 'text' | 'html' | 'empty';

export type Category =
  | 'uniqueness' | 'notFound' | 'invalidFilter' | 'invalidSyntax' | 'invalidValue' | 'invalidPath' | 'invalidVersion'
  | 'mutability' | 'noTarget' | 'tooMany' | 'sensitive' | 'invalidCursor' | 'expiredCursor' | 'invalidCount'
  | 'unauthorized' | 'forbidden' | 'rateLimited' | 'serverError' | 'unavailable' | 'preconditionFailed' | 'conflict'
  | 'methodNotAllowed' | 'payloadTooLarge' | 'badRequest' | 'unknown';

export const CATEGORIES: readonly Category[] = [
  'uniqueness', 'notFound', 'invalidFilter', 'invalidSyntax', 'invalidValue', 'invalidPath', 'invalidVersion', 'mutability',
  'noTarget', 'tooMany', 'sensitive', 'invalidCursor', 'expiredCursor', 'invalidCount', 'unauthorized', 'forbidden',
  'rateLimited', 'serverError', 'unavailable', 'preconditionFailed', 'conflict', 'methodNotAllowed', 'payloadTooLarge',
  'badRequest', 'unknown',
];

export interface Deviation {
  code: string;
  message: string;
}

export interface Explanation {
  /** The HTTP status; from the body (or the text around it) when not given; null when unknown. */
  status: number | null;
  bodyKind: InspectBodyKind;
  /** Where the explained JSON was: the body itself, inside text (an IdP log line), or encoded in a JSON string. */
  bodySource: 'body' | 'embedded' | 'string-encoded';
  category: Category;
  scimType: string | null;
  detail: string | null;
  /** What it means and what to do, in one or two sentences. */
  meaning: string;
  /** Whether sending the same request again, unchanged, may succeed. */
  retryable: boolean;
  retryAfterSeconds: number | null;
  /** Departures from RFC 7644 §3.12; empty for a body that follows the RFC. */
  deviations: Deviation[];
  /** Fields beyond the SCIM Error attributes (Okta's errorCode, AWS's exceptionRequestId, ...). */
  vendorFields: Record<string, unknown>;
  registryMatches: RegistryMatch[];
}
