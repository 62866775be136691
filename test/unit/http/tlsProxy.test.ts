// TLS failures say which (self-signed, expired, wrong host name, unknown authority) and work once the CA file is given;
// HTTPS_PROXY/NO_PROXY from the environment and an explicit proxy (VS Code's http.proxy) are honoured.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startFaultServer, startConnectProxy, type FaultServer } from '../../harness/faultServer';
import { makeTestCerts, type TestCerts } from '../../harness/testCerts';
import { app, client } from './helpers';

let certs: TestCerts;
const servers: FaultServer[] = [];
before(() => {
  certs = makeTestCerts();
});
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(certs.dir, { recursive: true, force: true });
});

async function tlsServer(pair: { key: string; cert: string }): Promise<FaultServer> {
  const s = await startFaultServer({ tls: pair });
  s.route('/scim/Users', (_q, r) => r.json(200, { totalResults: 0 }));
  servers.push(s);
  return s;
}

const noRetry = { rateLimit: { backoff: { maxRetries: 0 } } };

test('a self-signed certificate fails clearly, and works with its CA file configured', async () => {
  const s = await tlsServer(certs.selfSigned);
  const failed = await client(app(`${s.origin}/scim`, noRetry)).send({ method: 'GET', path: '/Users' });
  assert.equal(failed.exchange.error?.kind, 'tls');
  assert.equal(failed.exchange.error?.tls, 'self-signed');
  assert.match(failed.exchange.error?.message ?? '', /self-signed.*CA file/);
});

test('a certificate from an unknown authority works once its CA file is configured', async () => {
  const s = await tlsServer(certs.signed);
  const failed = await client(app(`${s.origin}/scim`, noRetry)).send({ method: 'GET', path: '/Users' });
  assert.equal(failed.exchange.error?.kind, 'tls');
  assert.equal(failed.exchange.error?.tls, 'untrusted');
  const ok = await client(app(`${s.origin}/scim`), { caFile: certs.caFile }).send({ method: 'GET', path: '/Users' });
  assert.equal(ok.status, 200);
  assert.ok(ok.exchange.timings.tlsMs !== undefined, 'a new TLS connection reports its handshake time');
});

test('a certificate for another host name says so', async () => {
  const s = await tlsServer(certs.wrongHost);
  const failed = await client(app(`${s.origin}/scim`, noRetry), { caFile: certs.caFile }).send({ method: 'GET', path: '/Users' });
  assert.equal(failed.exchange.error?.kind, 'tls');
  assert.equal(failed.exchange.error?.tls, 'hostname');
});

test('an expired certificate says so, even from a trusted CA', async () => {
  const s = await tlsServer(certs.expired);
  const failed = await client(app(`${s.origin}/scim`, noRetry), { caFile: certs.caFile }).send({ method: 'GET', path: '/Users' });
  assert.equal(failed.exchange.error?.kind, 'tls');
  assert.equal(failed.exchange.error?.tls, 'expired');
  assert.match(failed.exchange.error?.message ?? '', /expired/);
});

test('an unreadable CA file is a configuration error', async () => {
  await assert.rejects(client(app('https://127.0.0.1:1/scim'), { caFile: '/nonexistent/ca.pem' }).send({ method: 'GET', path: '/Users' }), /Cannot read the CA file/);
});

test('HTTPS_PROXY from the environment tunnels through the proxy; NO_PROXY bypasses it', async () => {
  const s = await tlsServer(certs.signed);
  const proxy = await startConnectProxy();
  try {
    const viaEnv = await client(app(`${s.origin}/scim`), { caFile: certs.caFile, env: { HTTPS_PROXY: proxy.url } }).send({ method: 'GET', path: '/Users' });
    assert.equal(viaEnv.status, 200);
    assert.deepEqual(proxy.tunnels, [`127.0.0.1:${s.port}`]);
    const bypass = await client(app(`${s.origin}/scim`), { caFile: certs.caFile, env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } }).send({ method: 'GET', path: '/Users' });
    assert.equal(bypass.status, 200);
    assert.equal(proxy.tunnels.length, 1, 'NO_PROXY went direct');
    const plain = await startFaultServer();
    servers.push(plain);
    plain.route('/scim/Users', (_q, r) => r.json(200, {}));
    const explicit = await client(app(`${plain.origin}/scim`), { proxy: proxy.url }).send({ method: 'GET', path: '/Users' });
    assert.equal(explicit.status, 200);
    assert.equal(proxy.tunnels.at(-1), `127.0.0.1:${plain.port}`);
  } finally {
    await proxy.close();
  }
});
