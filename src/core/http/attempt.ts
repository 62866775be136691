// One HTTP request/response on undici's dispatcher API: the body is collected straight from the socket's chunks
// up to the read cap (no stream in between: this is the hot path of a 100k-user page walk), timeouts and
// cancellation end it promptly, and every failure comes back as a value, never as a rejection.
import type { Dispatcher } from 'undici';
import { claimSocketTimings, type ConnectionTimings } from './dispatchers';
import { transportError } from './transportErrors';
import type { Timeouts, TransportError } from './types';

export interface AttemptRequest {
  origin: string;
  /** Path and query, e.g. `/scim/v2/Users?count=10`. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface AttemptResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The body was longer than the cap; the rest was not read. */
  truncated: boolean;
}

export interface AttemptOutcome {
  response?: AttemptResponse;
  error?: TransportError;
  ttfbMs?: number;
  durationMs: number;
  connection?: ConnectionTimings;
}

class CapReached extends Error {}

export function runAttempt(
  dispatcher: Dispatcher,
  req: AttemptRequest,
  options: { timeouts: Timeouts; maxBodyBytes: number; signal?: AbortSignal },
): Promise<AttemptOutcome> {
  const started = performance.now();
  const where = req.origin;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    let response: AttemptResponse | undefined;
    let ttfbMs: number | undefined;
    let connection: ConnectionTimings | undefined;
    const chunks: Buffer[] = [];
    let size = 0;

    const finish = (error?: TransportError): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (response) response.body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      const outcome: AttemptOutcome = { durationMs: performance.now() - started };
      if (response) outcome.response = response;
      if (error) outcome.error = error;
      if (ttfbMs !== undefined) outcome.ttfbMs = ttfbMs;
      if (connection) outcome.connection = connection;
      resolve(outcome);
    };
    const onAbort = (): void => {
      if (controller) controller.abort(new DOMException('cancelled', 'AbortError'));
      finish({ kind: 'aborted', message: 'The request was cancelled.' });
    };
    if (options.signal?.aborted) {
      finish({ kind: 'aborted', message: 'The request was cancelled.' });
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(ctrl) {
        controller = ctrl;
        if (settled) {
          ctrl.abort(new DOMException('cancelled', 'AbortError'));
          return;
        }
        claimSocketTimings((t) => {
          connection = t;
        });
      },
      onResponseStart(_ctrl, statusCode, headers, statusMessage) {
        ttfbMs = performance.now() - started;
        response = { status: statusCode, statusText: statusMessage ?? '', headers: headers as Record<string, string | string[]>, body: Buffer.alloc(0), truncated: false };
      },
      onResponseData(ctrl, chunk) {
        if (settled) return;
        const room = options.maxBodyBytes - size;
        if (chunk.length > room) {
          if (room > 0) {
            chunks.push(chunk.subarray(0, room));
            size += room;
          }
          if (response) response.truncated = true;
          ctrl.abort(new CapReached());
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      },
      onResponseEnd() {
        finish();
      },
      onResponseError(_ctrl, err) {
        if (err instanceof CapReached) return finish();
        finish(transportError(err, where));
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: req.origin,
          path: req.path,
          method: req.method as Dispatcher.HttpMethod,
          headers: req.headers,
          body: req.body ?? null,
          headersTimeout: options.timeouts.headersMs,
          bodyTimeout: options.timeouts.bodyMs,
        },
        handler,
      );
    } catch (err) {
      finish(transportError(err, where));
    }
  });
}
