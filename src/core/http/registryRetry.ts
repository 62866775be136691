// The registry's word on retrying one vendor error (`errors[].retry`): a vendor's 400 "please try again" that
// succeeds when repeated, or a 503 that means "this tenant is disabled" and never will. The same matching as the
// inspector (status, then scimType, then `match` on the detail), so the runner's explanation and the engine's
// retries agree.
import { explainResponse } from '../inspect/explain';
import type { Application } from '../registry/model';
import type { HeaderBag } from './retryAfter';

export function registryRetryVerdict(app: Application, status: number, headers: HeaderBag, body: Buffer): { retry: boolean; index: number } | undefined {
  if (status < 400 || !Array.isArray(app.errors)) return undefined;
  if (!app.errors.some((e) => e && typeof e === 'object' && e.status === status && typeof e.retry === 'boolean')) return undefined;
  const explanation = explainResponse(status, headers, body.toString('utf8'), app);
  for (const m of explanation.registryMatches) {
    const retry = m.kind === 'error' ? app.errors[m.index]?.retry : undefined;
    if (typeof retry === 'boolean') return { retry, index: m.index };
  }
  return undefined;
}
