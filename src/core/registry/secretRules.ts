// REGISTRY_LITERAL_SECRET, REGISTRY_SECRET_NAME_INVALID, REGISTRY_SECRET_NAME_COLLISION.
// Messages never repeat the value: diagnostics end up in logs, screenshots and CI output.
import type { Node } from 'jsonc-parser';
import type { Finding } from '../findings';
import { childValue, decodeStringNode, keyNodeOf, nodeRange, rangeInString } from './jsonText';
import { SECRET_NAME_PATTERN, secretEnvName, secretShape, type SecretShape } from './secrets';

/** url-credentials is detected here only, where the URL context is known. */
type LiteralShape = SecretShape | 'url-credentials';

const SHAPE_WORDS: Record<LiteralShape, string> = {
  'url-credentials': 'credentials inside a URL',
  'authorization-header': 'an Authorization header value',
  jwt: 'a JWT',
  'known-prefix': 'a vendor API token',
  'private-key': 'a private key',
  'high-entropy': 'a random token',
  uuid: 'a UUID token',
};

/** Keys whose string values are credentials wherever they appear (custom `x-` fields included). */
const CREDENTIAL_KEY = /(secret|token|password|passwd|apikey|api_key|credential)$/i;

function secretNameNodes(appNode: Node): { node: Node; suggested: string }[] {
  const out: { node: Node; suggested: string }[] = [];
  const id = childValue(appNode, 'id');
  const base = typeof id?.value === 'string' && SECRET_NAME_PATTERN.test(id.value) ? id.value : 'app';
  const auth = childValue(appNode, 'auth');
  const secret = childValue(auth, 'secret');
  if (secret?.type === 'string') out.push({ node: secret, suggested: `${base}-token` });
  const second = childValue(childValue(auth, 'rotation'), 'secondarySecret');
  if (second?.type === 'string') out.push({ node: second, suggested: `${base}-token-next` });
  return out;
}

function literalMessage(shape: LiteralShape, where: string): string {
  return (
    `This looks like a real secret (${SHAPE_WORDS[shape]}) in ${where}. The registry holds secret names only: ` +
    'store the value with "SCIM: Set Secret" (VS Code SecretStorage) or in an environment variable ' +
    'SCIM_SECRET_<NAME> for the CLI, and write the name here. Rotate the secret if this file was shared or committed.'
  );
}

export function secretFindings(root: Node, appNodes: Node[], text: string): Finding[] {
  const out: Finding[] = [];
  const nameNodes = new Set<Node>();
  const seenEnv = new Map<string, string>();

  for (const app of appNodes) {
    for (const { node, suggested } of secretNameNodes(app)) {
      nameNodes.add(node);
      const value = String(node.value);
      const shape = secretShape(value, true);
      if (shape) {
        out.push({
          code: 'REGISTRY_LITERAL_SECRET',
          severity: 'error',
          message: literalMessage(shape, 'a field that takes a secret name'),
          range: nodeRange(node),
          fixes: [
            {
              title: `Replace with the secret name "${suggested}" (store the value first: SCIM: Set Secret, or ${secretEnvName(suggested)})`,
              edits: [{ range: nodeRange(node), newText: JSON.stringify(suggested) }],
            },
          ],
        });
        continue;
      }
      if (!SECRET_NAME_PATTERN.test(value)) {
        out.push({
          code: 'REGISTRY_SECRET_NAME_INVALID',
          severity: 'warning',
          message: value
            ? 'A secret name uses letters, digits, ".", "_" and "-" and starts with a letter or digit ' +
              `(it becomes a keychain key and the variable ${secretEnvName(value)}).`
            : 'The secret name is empty: name the secret, e.g. "acme-token" (read by the CLI from SCIM_SECRET_ACME_TOKEN).',
          range: nodeRange(node),
        });
        continue;
      }
      const env = secretEnvName(value);
      const other = seenEnv.get(env);
      if (other !== undefined && other !== value) {
        out.push({
          code: 'REGISTRY_SECRET_NAME_COLLISION',
          severity: 'warning',
          message: `Secret names "${other}" and "${value}" both read the variable ${env} in the CLI; rename one.`,
          range: nodeRange(node),
        });
      } else {
        seenEnv.set(env, value);
      }
    }
  }

  // Elsewhere, only unmistakable credential shapes count, plus anything random-looking under a credential key.
  const visit = (node: Node): void => {
    if (node.type === 'string' && !nameNodes.has(node)) {
      const key = keyNodeOf(node)?.value;
      const credentialKey = typeof key === 'string' && CREDENTIAL_KEY.test(key);
      const value = String(node.value);
      const shape = secretShape(value, credentialKey) ?? urlSecret(value);
      if (shape) {
        out.push({
          code: 'REGISTRY_LITERAL_SECRET',
          severity: 'error',
          message: literalMessage(shape, typeof key === 'string' ? `"${key}"` : 'this value'),
          range: shape === 'url-credentials' ? urlSecretRange(text, node) : nodeRange(node),
        });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return out;
}

/** Credentials inside a URL: `https://user:pass@host` or `?access_token=...`. */
function urlSecret(value: string): 'url-credentials' | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    if (url.password) return 'url-credentials';
    for (const [name, v] of url.searchParams) if (CREDENTIAL_KEY.test(name.replace(/[-_]/g, '')) && v && !v.startsWith('{{')) return 'url-credentials';
  } catch {
    return undefined;
  }
  return undefined;
}

function urlSecretRange(text: string, node: Node): ReturnType<typeof nodeRange> {
  const decoded = decodeStringNode(text, node);
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/@]*:[^/@]*)@/i.exec(decoded.value);
  if (userinfo?.[1]) {
    const start = decoded.value.indexOf(userinfo[1]);
    return rangeInString(decoded, start, start + userinfo[1].length);
  }
  const q = decoded.value.indexOf('?');
  return q >= 0 ? rangeInString(decoded, q + 1, decoded.value.length) : nodeRange(node);
}
