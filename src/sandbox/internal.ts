// Operations of a /Bulk request run as real requests through the app's own pipeline (so every quirk, the write
// log and the RFC core treat them exactly like single requests). They carry a per-app secret, which the rate
// limit, fault injection and the traffic log recognise: the Bulk request itself already counted once.
import type { Request } from 'express';
import { safeDecode } from './quirks/requestUtil';

export const INTERNAL_HEADER = 'x-scim-sandbox-internal';
export const BULK_ID_HEADER = 'x-scim-sandbox-bulk-id';

export interface InternalMarker {
  /** bulkId of the operation (POST operations carry one); sent URI-encoded, as headers are ASCII. */
  bulkId?: string;
}

const markers = new WeakMap<Request, InternalMarker | null>();

/** The marker of an operation dispatched by /Bulk, or undefined for a request from a client. */
export function internalMarker(req: Request, secret: string): InternalMarker | undefined {
  const cached = markers.get(req);
  if (cached !== undefined) return cached ?? undefined;
  const header = req.get(INTERNAL_HEADER);
  const marker = header !== undefined && header === secret ? { bulkId: safeDecode(req.get(BULK_ID_HEADER) ?? '') || undefined } : null;
  markers.set(req, marker);
  return marker ?? undefined;
}
