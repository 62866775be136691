// Process-level behaviour: several sandboxes in one process, prompt stop, OAuth client credentials, determinism.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { waitFor } from '../../harness/waitFor';
import { startSandbox } from '../../../src/sandbox';
import { ResourceStore } from '../../../src/sandbox/store';
import { seedStores } from '../../../src/sandbox/seed';
import { appOf, call, createUser, start } from './helpers';

function stores(): [ResourceStore, ResourceStore] {
  return [new ResourceStore({ resourceType: 'User', uniqueAttribute: 'userName' }), new ResourceStore({ resourceType: 'Group' })];
}

describe('lifecycle', () => {
  test('two sandboxes in one process keep separate data, base URLs and tokens; both stop', async () => {
    const a = await start([{ id: 'one', users: 3, groups: 0 }, { id: 'two', users: 4, groups: 0 }]);
    const b = await startSandbox({ apps: [{ id: 'one', users: 5, groups: 0 }] });
    try {
      assert.notEqual(a.url, b.url);
      assert.notEqual(appOf(b, 'one').token, appOf(a, 'one').token);
      const created = await createUser(appOf(a, 'one'));
      assert.equal(created.body.meta.location, `${appOf(a, 'one').baseUrl}/Users/${created.body.id}`);
      assert.equal((await call(appOf(a, 'one'), 'GET', '/Users?count=0')).body.totalResults, 4);
      assert.equal((await call(appOf(a, 'two'), 'GET', '/Users?count=0')).body.totalResults, 4);
      assert.equal((await call(appOf(b, 'one'), 'GET', '/Users?count=0')).body.totalResults, 5);
      assert.equal((await call(appOf(b, 'one'), 'GET', `/Users/${created.body.id}`)).status, 404);
      // A token of one sandbox does not open the other.
      assert.equal((await call({ ...appOf(b, 'one'), token: appOf(a, 'one').token }, 'GET', '/Users')).status, 401);
      // Concurrent requests to different apps get their own base URLs in meta.location.
      const [x, y] = await Promise.all([call(appOf(a, 'one'), 'GET', '/Users?count=1'), call(appOf(a, 'two'), 'GET', '/Users?count=1')]);
      assert.ok(String(x.body.Resources[0].meta.location).startsWith(appOf(a, 'one').baseUrl));
      assert.ok(String(y.body.Resources[0].meta.location).startsWith(appOf(a, 'two').baseUrl));
    } finally {
      await a.stop();
      await b.stop();
    }
    await assert.rejects(fetch(`${a.url}/apps/one/scim/v2/Users`));
  });

  // A half-sent request keeps its connection open until the server's 60 s header timeout: stop() returning within
  // the test's deadline proves it closes connections itself (no wall-clock assertion that load could break).
  test('stop() returns with an idle keep-alive connection and a half-sent request open, and is idempotent', { timeout: 30_000 }, async () => {
    const sb = await start([{ id: 'ka', users: 1, groups: 0 }]);
    const app = appOf(sb, 'ka');
    await new Promise<void>((resolve, reject) => {
      const req = request(`${app.baseUrl}/Users?count=0`, { headers: { authorization: `Bearer ${app.token}`, connection: 'keep-alive' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    const halfSent = connect(Number(new URL(app.baseUrl).port), '127.0.0.1');
    halfSent.on('error', () => undefined);
    await new Promise<void>((resolve) => halfSent.once('connect', resolve));
    halfSent.write(`GET ${new URL(app.baseUrl).pathname}/Users HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    const closed = new Promise<void>((resolve) => halfSent.once('close', () => resolve()));
    await Promise.all([sb.stop(), sb.stop()]);
    await closed;
  });

  test('the port is reusable after stop', async () => {
    const first = await start([{ id: 'p', users: 1, groups: 0 }]);
    const port = Number(new URL(first.url).port);
    await first.stop();
    const second = await start([{ id: 'p', users: 1, groups: 0 }], { port });
    assert.equal(second.url, first.url);
    await second.stop();
  });

  test('rejects duplicate and malformed app ids, unknown profiles', async () => {
    await assert.rejects(start([{ id: 'x' }, { id: 'x' }]), /duplicate app id/);
    await assert.rejects(start([{ id: 'a/b' }]), /app id/);
    await assert.rejects(start([{ id: 'a', profile: 'nope' }]), /unknown sandbox profile 'nope'/);
  });

  test('OAuth client credentials: token works as bearer; wrong secret 401; wrong grant 400', async () => {
    const sb = await start([{ id: 'oauth', users: 2, groups: 0 }]);
    try {
      const app = appOf(sb, 'oauth');
      const form = (extra: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, ...extra }) });
      const ok = await fetch(app.tokenUrl, form({}));
      assert.equal(ok.status, 200);
      const token = (await ok.json()) as { access_token: string; token_type: string; expires_in: number };
      assert.equal(token.token_type, 'Bearer');
      assert.ok(token.expires_in > 0);
      assert.equal((await call({ ...app, token: token.access_token }, 'GET', '/Users?count=0')).status, 200);
      const basic = await fetch(app.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      assert.equal(basic.status, 200);
      const bad = await fetch(app.tokenUrl, form({ client_secret: 'wrong' }));
      assert.equal(bad.status, 401);
      assert.equal(((await bad.json()) as { error: string }).error, 'invalid_client');
      const grant = await fetch(app.tokenUrl, form({ grant_type: 'password' }));
      assert.equal(grant.status, 400);
      assert.equal(((await grant.json()) as { error: string }).error, 'unsupported_grant_type');
    } finally {
      await sb.stop();
    }
  });

  test('seeding is deterministic for a seed and differs between seeds', () => {
    const [u1, g1] = stores();
    const [u2, g2] = stores();
    const [u3, g3] = stores();
    seedStores(u1, g1, { users: 200, groups: 10 }, 42);
    seedStores(u2, g2, { users: 200, groups: 10 }, 42);
    seedStores(u3, g3, { users: 200, groups: 10 }, 43);
    assert.deepEqual(u1.list(), u2.list());
    assert.deepEqual(g1.list(), g2.list());
    assert.notDeepEqual(u1.list().map((u) => u.id), u3.list().map((u) => u.id));
    assert.equal(new Set(u1.list().map((u) => u.id)).size, 200);
  });

  // How fast is `npm run bench -- sandbox`'s job (seeding, deep pages, walks, as ratios); this checks the result.
  test('100k users: a deep page, a cursor page and an eq filter answer correctly', async () => {
    const sb = await start([{ id: 'big', profile: 'cursor', users: 100_000, groups: 100 }]);
    try {
      const app = appOf(sb, 'big');
      const deep = await call(app, 'GET', '/Users?startIndex=99951&count=50');
      assert.equal(deep.body.Resources.length, 50);
      assert.equal(deep.body.totalResults, 100_000);
      const first = await call(app, 'GET', '/Users?cursor=&count=50000&attributes=id');
      assert.equal(first.body.Resources.length, 1000, 'capped at maxPageSize');
      const one = await call(app, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${deep.body.Resources[0].userName}"`)}`);
      assert.equal(one.body.totalResults, 1);
    } finally {
      await sb.stop();
    }
  });
});

describe('observability and discovery extras', () => {
  test('GET / lists the apps, their base URLs and auth schemes, without tokens', async () => {
    const sb = await start([{ id: 'listed', profile: 'minimal', users: 1, groups: 0 }]);
    try {
      const res = await fetch(`${sb.url}/`);
      const text = await res.text();
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(text).apps, [{ id: 'listed', profile: 'minimal', baseUrl: appOf(sb, 'listed').baseUrl, auth: { type: 'bearer' } }]);
      assert.ok(!text.includes(appOf(sb, 'listed').token) && !text.includes(appOf(sb, 'listed').clientSecret));
    } finally {
      await sb.stop();
    }
  });

  test('onRequest logs method, path, status and duration per app, without headers', async () => {
    const log: { appId: string; method: string; path: string; status: number; durationMs: number }[] = [];
    const sb = await start([{ id: 'logged', users: 2, groups: 0 }], { onRequest: (e) => log.push(e) });
    try {
      const app = appOf(sb, 'logged');
      await call(app, 'GET', '/Users?count=1');
      await call(app, 'GET', '/Users', undefined, { authorization: '' });
      await waitFor('both requests logged', () => log.length >= 2);
      assert.deepEqual(log.map((e) => [e.appId, e.method, e.path, e.status]), [['logged', 'GET', '/Users?count=1', 200], ['logged', 'GET', '/Users', 401]]);
      assert.ok(log.every((e) => e.durationMs >= 0 && !JSON.stringify(e).includes(app.token)));
    } finally {
      await sb.stop();
    }
  });

  test('ServiceProviderConfig advertises the OAuth scheme and pagination, adjusted by quirks', async () => {
    const sb = await start([{ id: 'spc', users: 1, groups: 0 }, { id: 'capped', profile: 'aws-like', users: 1, groups: 0 }]);
    try {
      const spc = (await call(appOf(sb, 'spc'), 'GET', '/ServiceProviderConfig')).body;
      assert.deepEqual(spc.authenticationSchemes.map((s: { type: string }) => s.type), ['oauthbearertoken', 'oauth2']);
      assert.match(spc.authenticationSchemes[1].description, new RegExp(`${appOf(sb, 'spc').tokenUrl}`));
      assert.deepEqual(spc.pagination, { cursor: false, index: true, defaultPaginationMethod: 'index', defaultPageSize: 100, maxPageSize: 1000 });
      const capped = (await call(appOf(sb, 'capped'), 'GET', '/ServiceProviderConfig')).body;
      assert.equal(capped.pagination.maxPageSize, 50);
      assert.equal(capped.filter.maxResults, 50);
      assert.equal(capped.bulk.supported, false);
    } finally {
      await sb.stop();
    }
  });
});
