// Turns what Node and undici throw into the few failures a user can act on: refused, reset, timeout (and which
// one), DNS, TLS (and what is wrong with the certificate), cancelled, a broken HTTP response.
import type { TransportError } from './types';

const TLS_REASONS: Record<string, NonNullable<TransportError['tls']>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname',
  HOSTNAME_MISMATCH: 'hostname',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
};

const TLS_ADVICE: Record<NonNullable<TransportError['tls']>, string> = {
  'self-signed': 'the server presents a self-signed certificate; if you trust it, give its CA file (caFile / --ca-file)',
  expired: 'the server\'s certificate has expired (or is not valid yet)',
  hostname: 'the server\'s certificate is for another host name',
  untrusted: 'the server\'s certificate is signed by an authority this machine does not trust; give the CA file (caFile / --ca-file)',
  other: 'the TLS handshake failed',
};

function codeOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_CONNECT' && code !== 'UND_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function transportError(err: unknown, where: string): TransportError {
  const code = codeOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
    return { kind: 'aborted', message: 'The request was cancelled.', code };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return { kind: 'refused', code, message: `Connection refused by ${where}: nothing is listening there (is the server running, the port right?).` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { kind: 'reset', code, message: `The connection to ${where} was closed before the response was complete (${detail}).` };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { kind: 'timeout', phase: 'connect', code, message: `Connecting to ${where} timed out.` };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { kind: 'timeout', phase: 'headers', code, message: `${where} accepted the request but sent no response headers in time.` };
    case 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', phase: 'body', code, message: `${where} stopped sending the response body (no data in time).` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return { kind: 'dns', code, message: `The host name of ${where} does not resolve (${code}).` };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'ECONNABORTED':
      return { kind: 'network', code, message: `${where} cannot be reached (${code}).` };
    default:
      break;
  }
  if (code !== undefined && (TLS_REASONS[code] || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO')) {
    const tls = TLS_REASONS[code] ?? 'other';
    return { kind: 'tls', tls, code, message: `TLS with ${where} failed: ${TLS_ADVICE[tls]} (${code}).` };
  }
  if (code !== undefined && (code.startsWith('HPE_') || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_INFO')) {
    return { kind: 'protocol', code, message: `${where} sent a malformed HTTP response (${detail}).` };
  }
  return { kind: 'network', ...(code ? { code } : {}), message: `The request to ${where} failed: ${detail}` };
}
