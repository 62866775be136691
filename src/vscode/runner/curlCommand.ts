// "Copy as curl": the request as a shell command that reproduces it, with the credential as a reference to the
// environment variable the CLI reads (SCIM_SECRET_<NAME>), never its value. Built from the redacted exchange, so
// nothing secret can reach the clipboard. Pure: no vscode import (unit-tested).
import type { Exchange } from '../../core/http';
import type { Auth } from '../../core/registry/model';
import { secretEnvName } from '../../core/registry/secrets';

const SKIPPED = new Set(['authorization', 'user-agent', 'content-length', 'host', 'connection']);

/** POSIX single quotes: safe for any text. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(exchange: Exchange, auth: Partial<Auth> | undefined): string {
  const lines: string[] = [];
  const args: string[] = [`curl -sS -i -X ${exchange.request.method}`, shellQuote(exchange.request.url)];
  const apiKeyHeader = auth?.type === 'apiKey' && typeof auth.header === 'string' ? auth.header.toLowerCase() : undefined;
  const secret = typeof auth?.secret === 'string' && auth.secret !== '' ? secretEnvName(auth.secret) : 'SCIM_SECRET';
  switch (auth?.type) {
    case 'bearer':
      args.push(`-H "Authorization: Bearer $${secret}"`);
      break;
    case 'apiKey':
      args.push(`-H "${auth.header ?? 'Authorization'}: $${secret}"`);
      break;
    case 'basic':
      args.push(`-u "${(auth.username ?? '').replace(/["\\$`]/g, '\\$&')}:$${secret}"`);
      break;
    case 'oauth2ClientCredentials':
      lines.push(
        `# An access token from the client-credentials grant (the secret comes from $${secret}):`,
        `SCIM_ACCESS_TOKEN=$(curl -sS ${shellQuote(auth.tokenUrl ?? '')} -d grant_type=client_credentials -d client_id=${shellQuote(auth.clientId ?? '')}${auth.scope ? ` -d scope=${shellQuote(auth.scope)}` : ''} --data-urlencode "client_secret=$${secret}" | sed -E 's/.*"access_token" *: *"([^"]+)".*/\\1/')`,
      );
      args.push('-H "Authorization: Bearer $SCIM_ACCESS_TOKEN"');
      break;
    default:
      break;
  }
  for (const [name, value] of Object.entries(exchange.request.headers)) {
    const lower = name.toLowerCase();
    // Credential headers (redacted in the exchange) are replaced by the auth line above, never copied.
    if (SKIPPED.has(lower) || lower === apiKeyHeader || value.includes('«redacted')) continue;
    args.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  const body = exchange.request.body;
  if (body && body.kind !== 'empty') args.push(`--data-binary ${shellQuote(body.text)}`);
  if (body?.text.includes('«redacted')) lines.push('# The body held a value typed at a password prompt; it is redacted below: put it back before running.');
  lines.push(args.join(' \\\n  '));
  return lines.join('\n') + '\n';
}
