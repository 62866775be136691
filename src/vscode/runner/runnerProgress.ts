// Progress of a send for people: a CancellationToken as the engine's AbortSignal, and engine events as short
// messages. Light on purpose (types only from the engine), so code lenses and commands can use it before the
// engine is loaded.
import type * as vscode from 'vscode';
import type { ExchangeEvent } from '../../core/http';

/** The user asked to stop: a CancellationToken as the engine's AbortSignal. */
export function abortSignalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** What an engine event means for a person, for progress messages. */
export function eventText(e: ExchangeEvent): string | undefined {
  switch (e.type) {
    case 'attempt':
      return e.attempt > 1 ? `attempt ${e.attempt}` : undefined;
    case 'rateLimitWait':
      return `waiting ${(e.waitMs / 1000).toFixed(1)} s for ${e.source === 'server' ? "the server's Retry-After" : "the application's rate limit"}`;
    case 'retry':
      return `${e.reason}; retrying in ${(e.waitMs / 1000).toFixed(1)} s (attempt ${e.nextAttempt})`;
    case 'token':
      return `fetching an access token (${e.why})`;
    case 'redirect':
      return e.followed ? `following a ${e.status} redirect` : `redirect ${e.status} to ${e.location} not followed`;
    default:
      return undefined;
  }
}
