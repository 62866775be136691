// One request to one registry application through the HTTP engine, as the runner panel and request files send
// it: the trust gate first, secrets from SecretStorage (asking once when missing), VS Code's proxy and the CA-file
// setting, cancellation as an AbortSignal; then the inspector's explanation of an error, or the payload rules'
// checks of a successful JSON body.
import { createScimClient, ScimConfigError, type ExchangeEvent, type ScimRequest, type SendResult } from '../../core/http';
import { explainResult, type Explanation } from '../../core/inspect';
import type { BodyCheck } from '../../core/protocol';
import { secretEnvName, type RedactableSecret, type SecretSource } from '../../core/registry';
import { analyzePayload } from '../../core/scim/payloadRules';
import { LineIndex } from '../../core/text';
import { payloadCatalog } from '../payload/payloadCatalog';
import type { RegistryApplication } from '../requestFiles/requestFileApps';
import { secretStore } from '../secrets/secretStore';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { engineSettings } from './runnerSettings';
import { sendBlockedReason } from './runnerTrust';

/** Characters of a body the panel shows; the rest is counted, and "Save response" writes it all. */
export const DISPLAY_CHARS = 1_000_000;

export interface RunnerSendOptions {
  signal?: AbortSignal;
  onEvent?: (event: ExchangeEvent) => void;
  /** Values typed at password prompts: redacted from the exchange like secrets. */
  redact?: readonly RedactableSecret[];
}

export type RunnerSendOutcome =
  | { sent: true; result: SendResult; explanation: Explanation | null; checks: BodyCheck[]; prettyBody: string; omittedChars: number }
  | { sent: false; message: string };

export async function sendToApplication(ctx: WorkbenchContext, target: RegistryApplication, request: ScimRequest, opts: RunnerSendOptions = {}): Promise<RunnerSendOutcome> {
  const blocked = sendBlockedReason(target.file);
  if (blocked) return { sent: false, message: blocked };
  const app = target.app.app;
  if (typeof app.baseUrl !== 'string' || app.baseUrl === '') return { sent: false, message: `Application "${target.info.id}" has no baseUrl in ${target.info.source ?? 'its registry'}.` };
  const secrets = runnerSecrets(ctx, target.info.id);
  let result: SendResult;
  try {
    const client = createScimClient(app, {
      secrets,
      missingSecretHint: (name) => `run "SCIM: Set Secret" (or set ${secretEnvName(name)})`,
      ...engineSettings(),
    });
    result = await client.send(request, { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}), ...(opts.redact ? { redact: opts.redact } : {}) });
  } catch (err) {
    if (err instanceof ScimConfigError) return { sent: false, message: err.message };
    throw err;
  }
  const status = result.exchange.response?.status;
  const explanation = status !== undefined && status >= 400 ? explainResult(result, app) : null;
  const whole = result.json !== undefined ? JSON.stringify(result.json, null, 2) : result.text;
  const prettyBody = whole.length > DISPLAY_CHARS ? whole.slice(0, DISPLAY_CHARS) : whole;
  const checks = result.ok && result.json !== undefined ? bodyChecks(ctx, whole) : [];
  ctx.log.info(`Runner: ${result.exchange.request.line} → ${target.info.id}: ${status ?? result.exchange.error?.kind ?? 'no response'} in ${result.exchange.timings.totalMs} ms${result.exchange.retries ? ` (${result.exchange.retries} retries)` : ''}`);
  return { sent: true, result, explanation, checks, prettyBody, omittedChars: whole.length - prettyBody.length };
}

/** Secret values stay in memory this long after a lookup: SecretStorage is a round trip to the window each time. */
const SECRET_TTL_MS = 60_000;
const cached = new Map<string, { value: string; at: number }>();
let watchingSecrets = false;

/**
 * Registry secrets for sending: SecretStorage, then SCIM_SECRET_<NAME>, else one prompt; a value found is reused
 * for a minute (a "Send all" of 40 requests looks it up once), and forgotten at once when the secret changes.
 */
function runnerSecrets(ctx: WorkbenchContext, appId: string): SecretSource {
  const store = secretStore(ctx);
  if (!watchingSecrets) {
    watchingSecrets = true;
    ctx.track(store.onDidChange((name) => cached.delete(name)));
    ctx.track({ dispose: () => { watchingSecrets = false; cached.clear(); } });
  }
  return {
    async get(name) {
      const hit = cached.get(name);
      if (hit && Date.now() - hit.at < SECRET_TTL_MS) return hit.value;
      const value = await store.resolve(name, { prompt: true, purpose: `Sending to "${appId}"` });
      if (value === undefined) cached.delete(name);
      else cached.set(name, { value, at: Date.now() });
      return value;
    },
  };
}

/** The payload rules on a response body, located by line in the pretty text the panel shows. */
export function bodyChecks(ctx: WorkbenchContext, prettyBody: string): BodyCheck[] {
  const { findings } = analyzePayload(prettyBody, { catalog: payloadCatalog(ctx).catalog, direction: 'response' });
  const index = new LineIndex(prettyBody);
  return findings.slice(0, 200).map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: index.positionAt(f.range.start).line + 1 }));
}
