// Redaction at the source: everything an exchange records passes through here before it is stored, so a
// transcript, a history entry, a log line or a report can never hold a credential. Known secret values are
// replaced wherever they appear (also URL-encoded, JSON-escaped and inside Basic credentials); credential
// headers, token query parameters and token fields in bodies are replaced whatever their value.
import { redact, type RedactableSecret } from '../registry/secrets';

const SENSITIVE_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'apikey',
  'x-auth-token', 'x-access-token', 'x-csrf-token',
]);
const SENSITIVE_QUERY = /^(access_token|id_token|refresh_token|token|api[-_]?key|apikey|client_secret|secret|password|passwd|sig|signature|auth|authorization|session)$/i;
const JSON_FIELDS = /"(client_secret|access_token|refresh_token|id_token|password)"(\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
// The same fields inside a JSON document encoded as a string (an echoed request, an error wrapped in a string).
const ESCAPED_JSON_FIELDS = /\\"(client_secret|access_token|refresh_token|id_token|password)\\"(\s*:\s*)\\"(?:[^"\\]|\\[^"])*\\"/gi;
const FORM_FIELDS = /(^|&)(client_secret|access_token|refresh_token|id_token|password)=[^&]*/gi;
const FIELD_HINT = /client_secret|access_token|refresh_token|id_token|password/i;
const BASIC_HINT = /basic\s/i;

export const REDACTED = '«redacted»';

export class Redactor {
  private readonly secrets: RedactableSecret[] = [];
  private needles: string[] = [];
  private readonly extraHeaders = new Set<string>();

  constructor(secrets: readonly RedactableSecret[] = [], sensitiveHeaders: readonly string[] = []) {
    for (const s of secrets) this.addSecret(s);
    for (const h of sensitiveHeaders) this.extraHeaders.add(h.toLowerCase());
  }

  /** A value learnt at run time (an OAuth access token) joins the known secrets. */
  addSecret(secret: RedactableSecret): void {
    if (secret.value === '' || this.secrets.some((s) => s.value === secret.value && s.name === secret.name)) return;
    this.secrets.push(secret);
    const needles = new Set(this.needles);
    needles.add(secret.value);
    needles.add(encodeURIComponent(secret.value));
    needles.add(JSON.stringify(secret.value).slice(1, -1));
    if (secret.username !== undefined) needles.add(Buffer.from(`${secret.username}:${secret.value}`).toString('base64'));
    this.needles = [...needles].filter((n) => n !== '');
  }

  /** Known secret values and token fields removed from any text (bodies, messages). */
  text(text: string): string {
    if (text === '') return text;
    let out = text;
    // Most bodies hold no secret: a few substring checks are far cheaper than rewriting the text.
    if (this.secrets.length > 0 && (BASIC_HINT.test(out) || this.needles.some((n) => out.includes(n)))) out = redact(out, this.secrets);
    if (FIELD_HINT.test(out)) {
      out = out.replace(JSON_FIELDS, (_m, key: string, sep: string) => `"${key}"${sep}"${REDACTED}"`);
      out = out.replace(ESCAPED_JSON_FIELDS, (_m, key: string, sep: string) => `\\"${key}\\"${sep}\\"${REDACTED}\\"`);
      out = out.replace(FORM_FIELDS, (_m, lead: string, key: string) => `${lead}${key}=${REDACTED}`);
    }
    return out;
  }

  /** A URL with token-like query parameters (and known secrets anywhere) replaced. */
  url(url: string): string {
    const q = url.indexOf('?');
    let out = url;
    if (q >= 0) {
      const hash = url.indexOf('#', q);
      const query = url.slice(q + 1, hash < 0 ? undefined : hash);
      const redactedQuery = query
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          const key = eq < 0 ? pair : pair.slice(0, eq);
          return eq >= 0 && SENSITIVE_QUERY.test(safeDecode(key)) ? `${key}=${REDACTED}` : pair;
        })
        .join('&');
      out = url.slice(0, q + 1) + redactedQuery + (hash < 0 ? '' : url.slice(hash));
    }
    return this.text(out);
  }

  isSensitiveHeader(name: string): boolean {
    const lower = name.toLowerCase();
    return SENSITIVE_HEADERS.has(lower) || this.extraHeaders.has(lower);
  }

  /** Header values: credential headers replaced (keeping the auth scheme), the rest cleared of known secrets. */
  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!this.isSensitiveHeader(name)) {
        out[name] = this.text(value);
        continue;
      }
      const known = this.text(value);
      if (known !== value && !this.needles.some((n) => known.includes(n))) {
        out[name] = known;
        continue;
      }
      const scheme = /^(Bearer|Basic|SSWS|Token|Digest|Negotiate)\s+/i.exec(value);
      out[name] = scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
    }
    return out;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
