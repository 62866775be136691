// Departures from RFC 7644 §3.12 in an error response. Codes the payload rules own are reused, so a saved body
// gets the same code in the editor and from `scim-workbench explain`.
import type { HeaderBag } from '../http/retryAfter';
import { headerValue } from '../http/retryAfter';
import { prop, type BodyShape } from './bodyShape';
import { scimTypeInfo } from './category';
import type { Deviation } from './types';

export function deviationsOf(shape: BodyShape, status: number | null, scimType: string | null, headers: HeaderBag | undefined): Deviation[] {
  const out: Deviation[] = [];
  const add = (code: string, message: string): void => {
    out.push({ code, message });
  };
  const isError = status === null ? shape.bodyKind !== 'json' : status >= 400;
  if (!isError) return out;
  switch (shape.bodyKind) {
    case 'empty':
      add('ERROR_BODY_EMPTY', 'The error response has an empty body; RFC 7644 §3.12 expects a SCIM Error saying what went wrong.');
      break;
    case 'html':
      add('ERROR_BODY_NOT_JSON', 'The error body is HTML (typically a gateway or proxy page), not a SCIM Error in JSON.');
      break;
    case 'text':
      add('ERROR_BODY_NOT_JSON', shape.parseError
        ? `The error body looks like JSON but does not parse (${shape.parseError}).`
        : 'The error body is plain text, not a SCIM Error in JSON.');
      break;
    case 'scim-1.1-errors':
      add('ERROR_BODY_NOT_SCIM', 'The body uses the SCIM 1.1 "Errors" shape ({"Errors": {"description", "code"}}), not the SCIM 2.0 Error message.');
      break;
    case 'vendor-json':
      add('ERROR_BODY_NOT_SCIM', shape.wrappedIn
        ? `The SCIM Error is wrapped inside "${shape.wrappedIn}" of another object instead of being the body itself.`
        : 'The body is the vendor\'s own error envelope, not a SCIM Error (schemas, status, scimType, detail).');
      break;
    case 'json':
      add('ERROR_BODY_NOT_SCIM', 'The body is JSON without the SCIM Error attributes (schemas, status, detail).');
      break;
    default:
      break;
  }
  if (shape.bodySource === 'string-encoded') {
    add('ERROR_BODY_NOT_SCIM', 'The error is JSON encoded inside a JSON string, so clients must decode it twice.');
  }
  if (shape.scimShaped && shape.error) scimFieldDeviations(shape, status, add);
  if (status === 409 && scimType === null && shape.bodyKind !== 'empty' && shape.bodyKind !== 'html' && shape.bodyKind !== 'text') {
    add('ERROR_SCIMTYPE_MISSING', 'A 409 without "scimType": "uniqueness" (RFC 7644 §3.3): clients cannot tell a duplicate from other conflicts.');
  }
  const info = scimTypeInfo(scimType);
  if (scimType !== null && !info) {
    add('ERROR_SCIMTYPE_UNKNOWN', `"scimType": "${scimType}" is not an RFC 7644 keyword (invalidFilter, tooMany, uniqueness, mutability, invalidSyntax, invalidPath, noTarget, invalidValue, invalidVers, sensitive, or the cursor additions).`);
  } else if (info && info.name !== scimType) {
    add('ERROR_SCIMTYPE_UNKNOWN', `"scimType": "${scimType}" is written in the wrong case; the keyword is "${info.name}" (keywords are case-sensitive).`);
  }
  if (info && status !== null && !info.statuses.includes(status)) {
    add('ERROR_SCIMTYPE_STATUS_MISMATCH', `"scimType": "${info.name}" belongs with HTTP ${info.statuses.join(' or ')}, not ${status}.`);
  }
  if ((status === 429 || status === 503) && headers !== undefined && headerValue(headers, 'retry-after') === undefined) {
    add('RETRY_AFTER_MISSING', `A ${status} without a Retry-After header: the client cannot know how long to wait.`);
  }
  return out;
}

function scimFieldDeviations(shape: BodyShape, status: number | null, add: (code: string, message: string) => void): void {
  const error = shape.error as Record<string, unknown>;
  const schemas = prop(error, 'schemas');
  const singular = prop(error, 'schema');
  if (schemas === undefined && singular !== undefined) {
    add('SCHEMAS_MISSING', 'The body has "schema" (singular) instead of "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"].');
  } else if (!Array.isArray(schemas)) {
    add('SCHEMAS_MISSING', 'The Error body has no "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"].');
  } else if (!schemas.some((s) => typeof s === 'string' && s.toLowerCase() === 'urn:ietf:params:scim:api:messages:2.0:error')) {
    add('SCHEMAS_MISSING', '"schemas" does not list urn:ietf:params:scim:api:messages:2.0:Error.');
  }
  const bodyStatus = shape.bodyStatus;
  if (bodyStatus === undefined || bodyStatus === null || bodyStatus === '') {
    add('ERROR_STATUS_MISSING', 'The Error body has no "status" (RFC 7644 §3.12 requires the HTTP status, as a string).');
    return;
  }
  if (typeof bodyStatus === 'number') add('ERROR_STATUS_NOT_STRING', `"status" is the number ${bodyStatus}; RFC 7644 §3.12 says a string ("${bodyStatus}").`);
  const n = Number(bodyStatus);
  if (status !== null && Number.isFinite(n) && n !== status) {
    add('ERROR_STATUS_MISMATCH', `The body says status ${String(bodyStatus)} but the response is HTTP ${status}.`);
  }
}
