// The registry names secrets; values live in SecretStorage (VS Code) or SCIM_SECRET_* variables (CLI).
// This file maps names to variables, resolves them, spots values that look like real secrets, and redacts
// secret values from transcripts.
import type { Application } from './model';

/** `acme-token` -> `SCIM_SECRET_ACME_TOKEN`: upper-cased, every non-alphanumeric character becomes `_`. */
export function secretEnvName(name: string): string {
  return `SCIM_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export interface SecretSource {
  get(name: string): Promise<string | undefined>;
}

/** Reads `SCIM_SECRET_<NAME>`; an empty variable counts as unset. */
export function envSecretSource(env: Readonly<Record<string, string | undefined>> = process.env): SecretSource {
  return {
    get(name) {
      const value = env[secretEnvName(name)];
      return Promise.resolve(value === undefined || value === '' ? undefined : value);
    },
  };
}

/** Asks each source in turn (e.g. SecretStorage, then the environment). */
export function chainSecretSources(...sources: SecretSource[]): SecretSource {
  return {
    async get(name) {
      for (const source of sources) {
        const value = await source.get(name);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
}

export interface SecretRef {
  name: string;
  /** Where the name sits in the application, e.g. `auth.secret`. */
  field: 'auth.secret' | 'auth.rotation.secondarySecret';
}

/** Every secret an application refers to, in a stable order, without duplicates. */
export function secretNamesOf(app: Application): SecretRef[] {
  const out: SecretRef[] = [];
  const auth = app.auth as Partial<NonNullable<Application['auth']>> | undefined;
  if (auth && typeof auth === 'object') {
    if (typeof auth.secret === 'string' && auth.secret) out.push({ name: auth.secret, field: 'auth.secret' });
    const second = auth.rotation?.secondarySecret;
    if (typeof second === 'string' && second && second !== auth.secret) out.push({ name: second, field: 'auth.rotation.secondarySecret' });
  }
  return out;
}

export interface ResolvedSecrets {
  values: Map<string, string>;
  /** Names with no value in any source, each with the variable the CLI would read. */
  missing: { name: string; envName: string }[];
}

export async function resolveSecrets(app: Application, source: SecretSource): Promise<ResolvedSecrets> {
  const values = new Map<string, string>();
  const missing: ResolvedSecrets['missing'] = [];
  for (const { name } of secretNamesOf(app)) {
    const value = await source.get(name);
    if (value === undefined) missing.push({ name, envName: secretEnvName(name) });
    else values.set(name, value);
  }
  return { values, missing };
}

export interface RedactableSecret {
  name: string;
  value: string;
  /** For basic auth: also redact base64(username:value). */
  username?: string;
}

/**
 * Replaces every occurrence of a secret value with `«redacted:name»`, including its URL-encoded and
 * JSON-escaped forms and Basic credentials that contain it (whatever the user name).
 */
export function redact(text: string, secrets: readonly RedactableSecret[]): string {
  const live = secrets.filter((s) => s.value !== '');
  if (live.length === 0) return text;
  // Basic credentials first: the base64 text does not contain the value itself.
  let out = text.replace(/(Basic\s+)([A-Za-z0-9+/=_-]{4,})/gi, (whole, prefix: string, b64: string) => {
    const decoded = decodeBase64(b64);
    if (decoded === undefined) return whole;
    const hit = live.find((s) => decoded.includes(`:${s.value}`) || decoded === s.value);
    return hit ? `${prefix}«redacted:${hit.name}»` : whole;
  });
  const forms: { needle: string; name: string }[] = [];
  for (const s of live) {
    const variants = new Set([s.value, encodeURIComponent(s.value), JSON.stringify(s.value).slice(1, -1)]);
    if (s.username !== undefined) variants.add(Buffer.from(`${s.username}:${s.value}`).toString('base64'));
    for (const needle of variants) if (needle) forms.push({ needle, name: s.name });
  }
  // Longest first, so a secret that contains another is replaced whole.
  forms.sort((a, b) => b.needle.length - a.needle.length);
  for (const { needle, name } of forms) out = out.split(needle).join(`«redacted:${name}»`);
  return out;
}

function decodeBase64(b64: string): string | undefined {
  try {
    const decoded = Buffer.from(b64, 'base64').toString('utf8');
    return decoded.includes('\uFFFD') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** Secret names become variable names and keychain keys; keep them to a portable alphabet. */
export const SECRET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const KNOWN_PREFIXES = [
  /^sk_(live|test)_/i, /^rk_(live|test)_/i, /^pk_live_/i, // Stripe-style
  /^gh[pousr]_[A-Za-z0-9]{20,}/, /^github_pat_/, // GitHub
  /^xox[abposr]-/, // Slack
  /^glpat-/, // GitLab
  /^(AKIA|ASIA)[A-Z0-9]{16}$/, // AWS access key id
  /^SG\.[A-Za-z0-9_-]{10,}\./, // SendGrid
  /^SSWS\s/, // Okta API token header
  /^ya29\./, // Google OAuth access token
  /^AIza[0-9A-Za-z_-]{30,}/, // Google API key
];

export type SecretShape = 'authorization-header' | 'jwt' | 'known-prefix' | 'private-key' | 'high-entropy' | 'uuid';

/**
 * Whether a string looks like a real credential. `secretField`: the value sits where a secret NAME belongs,
 * so random-looking tokens count too; elsewhere only unmistakable shapes do (notes may hold object ids).
 */
export function secretShape(value: string, secretField: boolean): SecretShape | undefined {
  const v = value.trim();
  if (/^(Bearer|Basic|SSWS)\s+\S{8,}/i.test(v)) return 'authorization-header';
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v)) return 'private-key';
  if (/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/.test(v)) return 'jwt';
  const words = v.split(/\s+/);
  if (words.some((w) => KNOWN_PREFIXES.some((re) => re.test(w)))) return 'known-prefix';
  if (!secretField) return undefined;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return 'uuid';
  if (looksRandom(v)) return 'high-entropy';
  return undefined;
}

function looksRandom(v: string): boolean {
  if (v.length < 20 || /\s/.test(v)) return false;
  if (/^[0-9a-f]{32,}$/i.test(v)) return true;
  // Human names are dash/dot/underscore-separated words: "acme-crm-production-token".
  const segments = v.split(/[-_.]/);
  if (segments.every((s) => s.length <= 12 && /^[A-Za-z]*[0-9]{0,4}$/.test(s))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(v)).length;
  return classes >= 2 && shannonEntropy(v) >= 3.5;
}

export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
