// What a probe works with: the application, its client, the run's transcript and safety rules, and a place
// to put what it finds. Every request goes through `send`, which keeps a compact copy of the exchange as
// evidence and notices 429s, missing Retry-After and 5xx that a retry cured, whichever probe met them.
import { compactExchange, type ScimClient, type ScimRequest, type SendOptions, type SendResult, type Exchange } from '../http';
import { sleep } from '../http/sleep';
import type { Application, IdpProfile, JsonPath } from '../registry/model';
import { SchemaCatalog } from '../scim/catalog';
import { probeCodeInfo, type AnyProbeCode } from './codes';
import type { DiscoveryClaims } from './discoveryClaims';
import type { CleanupJournal, JournalEntry, JournalKind } from './journal';
import type {
  FieldObservation, FindingSeverity, Json, ProbeCheck, ProbeFinding, ProbeName, ProbeOptions, ProbeProgress, ProbeResult,
} from './types';

/** Thrown by `ctx.skip()`: the probe cannot run here; the reason is reported. */
export class ProbeSkipped extends Error {}
/** Thrown when the run's signal fires; the runner stops and cleans up. */
export class ProbeCancelled extends Error {
  constructor() {
    super('The probe run was cancelled.');
  }
}

export const DEFAULT_TEST_PREFIX = 'scimwb-probe-';

export type ResolvedProbeOptions = Required<ProbeOptions>;

export const DEFAULT_PROBE_OPTIONS: Readonly<Omit<ResolvedProbeOptions, 'only'>> = {
  maxPages: 2000,
  pageSize: 100,
  deactivationHorizonMs: 120_000,
  transcriptBodyChars: 2048,
  maxCursorWaitMs: 60_000,
};

/** What one probe accumulates while it runs; the runner turns it into a ProbeResult. */
export interface ProbeScratch {
  findings: ProbeFinding[];
  checks: ProbeCheck[];
  observed: Record<string, Json>;
  fields: FieldObservation[];
  summary: string;
}

export interface ProbeContextInit {
  app: Application;
  client: ScimClient;
  journal: CleanupJournal;
  runId: string;
  allowWrites: boolean;
  idpProfile: IdpProfile;
  options: Omit<ResolvedProbeOptions, 'only'>;
  signal: AbortSignal;
  onProgress: (p: ProbeProgress) => void;
  now: () => number;
}

export interface CreatedResource {
  kind: JournalKind;
  name: string;
  /** Undefined when the create failed (the journal entry is then removed, or kept if the outcome is unknown). */
  id?: string;
  result: SendResult;
  entry: JournalEntry;
}

export class ProbeContext {
  readonly app: Application;
  readonly client: ScimClient;
  readonly journal: CleanupJournal;
  readonly runId: string;
  readonly allowWrites: boolean;
  readonly idpProfile: IdpProfile;
  readonly options: Omit<ResolvedProbeOptions, 'only'>;
  readonly signal: AbortSignal;
  /** Every test resource name starts with this: the registry's testUserPrefix, then the run id. */
  readonly namePrefix: string;
  /** The RFC schemas plus what discovery loaded from the server. */
  catalog: SchemaCatalog = SchemaCatalog.standard();
  /** What ServiceProviderConfig claims, once discovery ran. */
  claims: DiscoveryClaims | undefined;
  /** Results of the probes that already ran in this run. */
  readonly results = new Map<ProbeName, ProbeResult>();
  /** Every exchange of the run, compacted, in order. */
  readonly transcript: Exchange[] = [];
  /** Resources this run created that are still on the server. */
  readonly created: CreatedResource[] = [];

  private current: { probe: ProbeName; scratch: ProbeScratch } | undefined;
  private readonly onProgress: (p: ProbeProgress) => void;
  private readonly nowFn: () => number;
  private nameCounter = 0;

  constructor(init: ProbeContextInit) {
    this.app = init.app;
    this.client = init.client;
    this.journal = init.journal;
    this.runId = init.runId;
    this.allowWrites = init.allowWrites;
    this.idpProfile = init.idpProfile;
    this.options = init.options;
    this.signal = init.signal;
    this.onProgress = init.onProgress;
    this.nowFn = init.now;
    this.namePrefix = `${init.app.probe?.testUserPrefix || DEFAULT_TEST_PREFIX}${init.runId}-`;
  }

  now(): number {
    return this.nowFn();
  }

  /** Used by the runner around each probe. */
  begin(probe: ProbeName): ProbeScratch {
    const scratch: ProbeScratch = { findings: [], checks: [], observed: {}, fields: [], summary: '' };
    this.current = { probe, scratch };
    return scratch;
  }

  end(): void {
    this.current = undefined;
  }

  get probe(): ProbeName {
    if (!this.current) throw new Error('no probe is running');
    return this.current.probe;
  }

  private get scratch(): ProbeScratch {
    if (!this.current) throw new Error('no probe is running');
    return this.current.scratch;
  }

  throwIfCancelled(): void {
    if (this.signal.aborted) throw new ProbeCancelled();
  }

  /**
   * Sends one request through the engine (rate limits, retries, redaction) and keeps a compact copy as
   * evidence. Resolves for every HTTP outcome; throws ProbeCancelled when the run is cancelled.
   */
  async send(request: ScimRequest, opts: Omit<SendOptions, 'signal'> = {}): Promise<SendResult> {
    this.throwIfCancelled();
    const result = await this.client.send(request, { ...opts, signal: this.signal });
    const exchange = compactExchange(result.exchange, this.options.transcriptBodyChars);
    this.transcript.push(exchange);
    if (result.exchange.error?.kind === 'aborted' || this.signal.aborted) throw new ProbeCancelled();
    this.noticeTraffic(exchange);
    return result;
  }

  /** 429s, missing Retry-After and cured 5xx are reported by whichever probe met them, once per probe. */
  private noticeTraffic(exchange: Exchange): void {
    const limited = exchange.attempts.filter((a) => a.status === 429);
    if (limited.length > 0) {
      this.addEvidence('RATE_LIMITED', exchange.id, () => `The server answered 429 (rate limited); the engine waited and retried (${exchange.request.line}).`);
      if (limited.some((a) => a.retryAfter === undefined)) {
        this.addEvidence('RETRY_AFTER_MISSING', exchange.id, () => `A 429 came without a Retry-After header (${exchange.request.line}).`);
      }
      // A 429 again right after waiting its Retry-After means the header cannot be trusted alone.
      const again = exchange.attempts.some((a, i) => a.status === 429 && a.retryAfter !== undefined && exchange.attempts[i + 1]?.status === 429);
      this.noteRetryAfter(limited.some((a) => a.retryAfter === undefined) ? 'absent' : again ? 'unreliable' : 'honored', exchange.id);
    }
    const failedFirst = exchange.attempts.some((a) => (a.status !== undefined && a.status >= 500) || a.error?.kind === 'reset');
    const final = exchange.response?.status;
    if (failedFirst && final !== undefined && final < 500) {
      const first = exchange.attempts.find((a) => (a.status !== undefined && a.status >= 500) || a.error);
      this.addEvidence('SERVER_ERROR_TRANSIENT', exchange.id, () =>
        `${exchange.request.line} failed with ${first?.status ?? first?.error?.kind ?? 'an error'} and succeeded when retried (${final}).`);
    }
  }

  /** rateLimit.retryAfter as observed, once per probe: the worst seen (absent, then unreliable, then honored). */
  private noteRetryAfter(observed: 'honored' | 'unreliable' | 'absent', exchangeId: string): void {
    const rank = { honored: 0, unreliable: 1, absent: 2 } as const;
    const existing = this.scratch.fields.find((f) => f.field.join('.') === 'rateLimit.retryAfter');
    if (!existing) {
      this.field(['rateLimit', 'retryAfter'], observed, { evidence: [exchangeId] });
    } else if (rank[observed] > rank[existing.observed as keyof typeof rank]) {
      existing.observed = observed;
      existing.evidence = [exchangeId];
    }
  }

  private addEvidence(code: AnyProbeCode, exchangeId: string, message: () => string): void {
    const existing = this.scratch.findings.find((f) => f.code === code);
    if (existing) {
      if (!existing.evidence.includes(exchangeId)) existing.evidence.push(exchangeId);
      return;
    }
    this.finding(code, message(), [exchangeId]);
  }

  /** Reports a finding. Severity defaults to the code's; evidence is the ids of the exchanges that prove it. */
  finding(code: AnyProbeCode, message: string, evidence: string[], extra: { severity?: FindingSeverity; field?: JsonPath; declared?: Json; observed?: Json } = {}): ProbeFinding {
    const info = probeCodeInfo(code);
    if (!info) throw new Error(`unknown probe finding code ${code}`);
    const f: ProbeFinding = { code, severity: extra.severity ?? info.severity, message, probe: this.probe, evidence: [...new Set(evidence)] };
    if (extra.field) f.field = extra.field;
    if (extra.declared !== undefined) f.declared = extra.declared;
    if (extra.observed !== undefined) f.observed = extra.observed;
    this.scratch.findings.push(f);
    return f;
  }

  /** Records one check (a JUnit test case). */
  check(name: string, status: ProbeCheck['status'], message?: string, extra: { codes?: string[]; evidence?: string[] } = {}): void {
    const c: ProbeCheck = { name, status };
    if (message) c.message = message;
    if (extra.codes?.length) c.codes = extra.codes;
    if (extra.evidence?.length) c.evidence = extra.evidence;
    this.scratch.checks.push(c);
  }

  observe(key: string, value: Json): void {
    this.scratch.observed[key] = value;
  }

  /** A value observed for a declared registry field (drift and promotion). */
  field(field: JsonPath, observed: Json, extra: { update?: 'promote' | 'always'; evidence?: string[]; tolerance?: number; compare?: 'exact' | 'set' } = {}): void {
    const o: FieldObservation = { field, observed };
    if (extra.update) o.update = extra.update;
    if (extra.evidence?.length) o.evidence = extra.evidence;
    if (extra.tolerance !== undefined) o.tolerance = extra.tolerance;
    if (extra.compare) o.compare = extra.compare;
    this.scratch.fields.push(o);
  }

  summary(text: string): void {
    this.scratch.summary = text;
  }

  /** Stops the probe as skipped, with the reason shown to the user. */
  skip(reason: string): never {
    throw new ProbeSkipped(reason);
  }

  /** Waits (a cursor to expire, a change to show); cancelling the run ends the wait at once. */
  async wait(ms: number): Promise<void> {
    try {
      await sleep(ms, this.signal);
    } catch {
      throw new ProbeCancelled();
    }
  }

  progress(message: string, done?: number, total?: number): void {
    const p: ProbeProgress = { app: this.app.id, probe: this.probe, message };
    if (done !== undefined) p.done = done;
    if (total !== undefined) p.total = total;
    this.onProgress(p);
  }

  /**
   * Whether a writing check may run. Without allowWrites it records the check as skipped (saying how to allow
   * it) and returns false.
   */
  mayWrite(checkName: string): boolean {
    if (this.allowWrites) return true;
    this.check(checkName, 'skipped', `writes are not allowed: set "probe": { "allowWrites": true } on ${this.app.id} to run it`);
    return false;
  }

  /** A fresh test name: the prefix, a label and a counter, e.g. `scimwb-probe-k3x9-dup-2`. */
  newName(label: string): string {
    this.nameCounter += 1;
    return `${this.namePrefix}${label}-${this.nameCounter}`;
  }

  /**
   * Creates a test resource: journalled before the request is sent, its id recorded when the server answers.
   * `name` must come from newName(). A failed create leaves the journal when the server certainly did not
   * create it (a 4xx); on a 5xx or a transport failure the entry stays so cleanup can look for it.
   */
  create(kind: JournalKind, name: string, body: Record<string, unknown>, opts: Omit<SendOptions, 'signal'> = {}): Promise<CreatedResource> {
    return this.sendCreating(kind, name, { method: 'POST', path: `/${kind}`, body }, opts);
  }

  /**
   * Sends a request that may create a resource named `name` (a newName()): a POST with a deliberately odd body,
   * a PUT to an unknown id that an upserting server could turn into a create. Journalled like create().
   */
  async sendCreating(kind: JournalKind, name: string, request: ScimRequest, opts: Omit<SendOptions, 'signal'> = {}): Promise<CreatedResource> {
    if (!this.allowWrites) throw new Error(`writes are not allowed for ${this.app.id}`);
    if (!name.startsWith(this.namePrefix)) throw new Error(`test resource names must start with ${this.namePrefix}`);
    const entry = this.journal.intend(this.runId, kind, name, new Date(this.now()));
    const result = await this.send(request, opts);
    const id = result.ok && result.json && typeof result.json === 'object' ? (result.json as { id?: unknown }).id : undefined;
    const created: CreatedResource = { kind, name, result, entry };
    if (typeof id === 'string' && id) {
      created.id = id;
      this.journal.created(entry, id);
      this.created.push(created);
    } else if (result.status !== undefined && result.status >= 400 && result.status < 500) {
      this.journal.removed(entry);
    } else {
      this.created.push(created);
    }
    return created;
  }

  /** Creates a test user named `name` (a newName()), with a work email at example.com. */
  createUser(name: string, extra: Record<string, unknown> = {}, opts: Omit<SendOptions, 'signal'> = {}): Promise<CreatedResource> {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: name,
      name: { givenName: 'Probe', familyName: name },
      displayName: name,
      emails: [{ value: `${name}@example.com`, type: 'work', primary: true }],
      active: true,
      ...extra,
    };
    return this.create('Users', name, body, opts);
  }

  createGroup(name: string, extra: Record<string, unknown> = {}, opts: Omit<SendOptions, 'signal'> = {}): Promise<CreatedResource> {
    const body = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: name, ...extra };
    return this.create('Groups', name, body, opts);
  }

  /**
   * Deletes a resource this run created (and only those). Resolves with the result; on 2xx or 404 the
   * resource is gone and leaves the journal.
   */
  async deleteCreated(resource: CreatedResource): Promise<SendResult | undefined> {
    if (!this.created.includes(resource) || resource.id === undefined) return undefined;
    const result = await this.send({ method: 'DELETE', path: `/${resource.kind}/${encodeURIComponent(resource.id)}` });
    if (result.ok || result.status === 404) this.forget(resource);
    return result;
  }

  /** The resource is known to be gone (deleted by the probe, or by the server itself). */
  forget(resource: CreatedResource): void {
    const at = this.created.indexOf(resource);
    if (at >= 0) this.created.splice(at, 1);
    this.journal.removed(resource.entry);
  }

  /** Whether `id` belongs to a resource this run created: probes write only to those. */
  isOwn(kind: JournalKind, id: string): boolean {
    return this.created.some((c) => c.kind === kind && c.id === id);
  }
}
