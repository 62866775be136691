// The integration registry as the CLI, the runner and the probes read it. Field names are a contract
// (issue 5): add optional fields, never rename. The JSON schema is generated from fieldDocs.ts, which must
// describe the same shape; test/unit/registry/schema.test.ts checks that the example covers every field.

export type AuthType = 'bearer' | 'apiKey' | 'basic' | 'oauth2ClientCredentials' | 'none';
export type FilterStatus = 'works' | 'fails' | 'untested';
export type DeactivationContract = 'immediate' | 'delayed' | 'locked-only' | 'deleted';
export type GroupMappingStrategy = 'direct' | 'composite' | 'attribute';
export type RetryAfterBehaviour = 'honored' | 'absent' | 'unreliable' | 'untested';
export type IdpProfile = 'rfc' | 'entra' | 'okta';
export type Verdict = 'pass' | 'warn' | 'fail' | 'error';
export type Environment = 'production' | 'staging' | 'sandbox' | 'development' | 'test';
export type ResourceEndpoint = 'Users' | 'Groups';

export const AUTH_TYPES: readonly AuthType[] = ['bearer', 'apiKey', 'basic', 'oauth2ClientCredentials', 'none'];
export const DEACTIVATION_CONTRACTS: readonly DeactivationContract[] = ['immediate', 'delayed', 'locked-only', 'deleted'];
export const VERDICTS: readonly Verdict[] = ['pass', 'warn', 'fail', 'error'];

export interface SecretRotation {
  /** Name of the secret that replaces (or backs up) `auth.secret` during a rotation. A name, never the value. */
  secondarySecret?: string;
  /** ISO date (or date-time) of the last rotation. */
  rotatedAt?: string;
  /** ISO date by which the current secret must be rotated. */
  expiresAt?: string;
  notes?: string;
}

export interface Auth {
  type: AuthType;
  /** Name of a secret (SecretStorage key / `SCIM_SECRET_<NAME>` variable). Never the secret itself. */
  secret?: string;
  /** apiKey: the request header that carries the key. */
  header?: string;
  /** basic: the user name (not secret). */
  username?: string;
  /** oauth2ClientCredentials */
  tokenUrl?: string;
  clientId?: string;
  scope?: string;
  rotation?: SecretRotation;
}

export interface Endpoints {
  users?: boolean;
  groups?: boolean;
  bulk?: boolean;
  search?: boolean;
  serviceProviderConfig?: boolean;
  resourceTypes?: boolean;
  schemas?: boolean;
}

export interface FilterRecord {
  expression: string;
  status?: FilterStatus;
  /** Which endpoint the filter is sent to; Users when absent. */
  resource?: ResourceEndpoint;
  testedAt?: string;
  notes?: string;
}

export interface Pagination {
  maxPageSize?: number;
  defaultPageSize?: number;
  startIndexBase?: 0 | 1;
  totalResultsConsistent?: boolean;
  cursor?: boolean;
  directorySize?: number;
  testedAt?: string;
  notes?: string;
}

export interface Deactivation {
  contract: DeactivationContract;
  delaySeconds?: number;
  testedAt?: string;
  notes?: string;
}

export interface GroupMappingRule {
  group?: string;
  groups?: string[];
  attribute?: string;
  value?: string;
  role?: string;
  notes?: string;
}

export interface GroupMapping {
  strategy: GroupMappingStrategy;
  rules?: GroupMappingRule[];
  notes?: string;
}

export interface ErrorRecord {
  status: number;
  scimType?: string;
  /** Text the error's detail (or text body) contains, or `/regex/flags`; narrows entries that share a status. */
  match?: string;
  meaning?: string;
  retry?: boolean;
  notes?: string;
}

export interface Backoff {
  initialMs?: number;
  maxMs?: number;
  maxRetries?: number;
  multiplier?: number;
}

export interface RateLimit {
  requestsPerSecond?: number;
  requestsPerMinute?: number;
  burst?: number;
  retryAfter?: RetryAfterBehaviour;
  backoff?: Backoff;
  notes?: string;
}

export interface KnownIssue {
  summary: string;
  workaround?: string;
  codes?: string[];
  since?: string;
  link?: string;
}

export interface ProbeSettings {
  allowWrites?: boolean;
  testUserPrefix?: string;
  idpProfile?: IdpProfile;
  timeoutMs?: number;
}

export type FigureValue = number | string | boolean | null;

/** What one probe saw on its last run. Written by probes (see writeBack.ts), read by the views. */
export interface Observation {
  /** ISO date-time of the run. */
  lastRun: string;
  verdict: Verdict;
  summary?: string;
  durationMs?: number;
  /** Free-form measurements, e.g. `{ "maxPageSize": 100, "startIndexBase": 1 }`. */
  figures?: Record<string, FigureValue>;
  findingCodes?: string[];
  toolVersion?: string;
}

export interface Application {
  id: string;
  name?: string;
  owner?: string;
  environment?: Environment;
  tags?: string[];
  docsUrl?: string;
  notes?: string;
  baseUrl: string;
  auth?: Auth;
  endpoints?: Endpoints;
  filters?: FilterRecord[];
  pagination?: Pagination;
  deactivation?: Deactivation;
  groupMapping?: GroupMapping;
  errors?: ErrorRecord[];
  rateLimit?: RateLimit;
  schemaExtensions?: string[];
  knownIssues?: KnownIssue[];
  probe?: ProbeSettings;
  /** Keyed by probe name, e.g. `pagination`, `filters`, `deactivation`. */
  observed?: Record<string, Observation>;
}

export interface Registry {
  $schema?: string;
  applications: Application[];
}

/** A JSON path as jsonc-parser uses it: property names and array indexes. */
export type JsonPath = (string | number)[];
