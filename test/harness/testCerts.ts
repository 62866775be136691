// Test-only certificates, made at test time with openssl into a temporary folder (nothing committed): a CA and
// a server certificate it signed for 127.0.0.1/localhost, a self-signed one, one for another host name, and one
// that expired yesterday (signed with a negative validity, which openssl accepts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  dir: string;
  /** PEM file of the test CA (what a user would give as caFile). */
  caFile: string;
  signed: { key: string; cert: string };
  selfSigned: { key: string; cert: string };
  wrongHost: { key: string; cert: string };
  expired: { key: string; cert: string };
}

const OPENSSL = '/usr/bin/openssl';

function run(args: string[], cwd: string): void {
  execFileSync(OPENSSL, args, { cwd, stdio: 'pipe' });
}

export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'scimwb-certs-'));
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=SCIM Workbench test CA'], dir);
  const leaf = (name: string, san: string, days = 2): { key: string; cert: string } => {
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
    run(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', String(days), '-extfile', `${name}.ext`], dir);
    return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
  };
  const signed = leaf('server', 'IP:127.0.0.1,DNS:localhost');
  const wrongHost = leaf('elsewhere', 'DNS:scim.elsewhere.example');
  const expired = leaf('expired', 'IP:127.0.0.1,DNS:localhost', -1);
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], dir);
  const selfSigned = { key: readFileSync(join(dir, 'self.key'), 'utf8'), cert: readFileSync(join(dir, 'self.pem'), 'utf8') };
  return { dir, caFile: join(dir, 'ca.pem'), signed, selfSigned, wrongHost, expired };
}
