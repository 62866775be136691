// `npm run demo -- --headless`: one sandbox app per preset, a short request battery against each, and a side-by-
// side table of what every preset really answered. Requests go to 127.0.0.1 only.
import { presetNames, startSandbox, type RunningApp } from '../src/sandbox';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- battery bodies are inspected ad hoc
  body: any;
}

interface Tally {
  throttled: number;
  faults: Map<number, number>;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/** One request; 429s are waited out (Retry-After, else 300 ms) and 502/503 retried, both tallied. */
async function send(app: RunningApp, tally: Tally, signal: AbortSignal, method: string, path: string, body?: unknown, token = app.token): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(app.baseUrl + path, {
      method,
      signal,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
    const retryable = res.status === 429 || res.status === 502 || res.status === 503;
    if (!retryable || attempt >= 20 || signal.aborted) return { status: res.status, headers: res.headers, body: parsed };
    if (res.status === 429) {
      tally.throttled++;
      await sleep(Number(res.headers.get('retry-after') ?? 0) * 1000 || 300, signal);
    } else {
      tally.faults.set(res.status, (tally.faults.get(res.status) ?? 0) + 1);
    }
  }
}

type Row = [check: string, cell: (app: RunningApp, tally: Tally, signal: AbortSignal) => Promise<string>];

let unique = 0;
const newUser = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ schemas: [USER], userName: `demo.user${++unique}@example.com`, ...extra });
const replace = (op: string, path: string | undefined, value: unknown): unknown => ({ schemas: [PATCH], Operations: [{ op, ...(path ? { path } : {}), value }] });
const idOf = (location: unknown): string => String(location).split('/').pop() ?? '';

/** Follows nextCursor from an empty cursor: how many users and pages, or where it loops. */
async function cursorWalk(a: RunningApp, t: Tally, s: AbortSignal): Promise<string> {
  let r = await send(a, t, s, 'GET', '/Users?cursor=&count=100&attributes=id');
  if (r.status !== 200) return `status ${r.status}`;
  if (r.body.nextCursor === undefined) return 'no cursors';
  const seen = new Set<string>();
  const cursors: string[] = [];
  for (let pages = 1; ; pages++) {
    for (const u of r.body.Resources ?? []) seen.add(u.id);
    const next = r.body.nextCursor as string | undefined;
    if (next === undefined) return `${seen.size} users, ${pages} pages${(r.body.Resources ?? []).length === 0 ? ' (last empty)' : ''}`;
    if (cursors.includes(next)) return `loops at page ${pages}`;
    if (pages >= 50) return `${seen.size} users, no end`;
    cursors.push(next);
    r = await send(a, t, s, 'GET', `/Users?cursor=${encodeURIComponent(next)}&count=100&attributes=id`);
    if (r.status !== 200) return `page ${pages + 1}: ${r.status} ${String(r.body?.scimType ?? "")}`.trim();
  }
}

const ROWS: Row[] = [
  ['GET count=100: got', async (a, t, s) => {
    const r = await send(a, t, s, 'GET', '/Users?count=100&attributes=id');
    return r.status === 200 ? String(r.body.Resources?.length ?? 0) : `status ${r.status}`;
  }],
  ['startIndex=51', async (a, t, s) => {
    const first = await send(a, t, s, 'GET', '/Users?startIndex=1&count=1&attributes=id');
    const later = await send(a, t, s, 'GET', '/Users?startIndex=51&count=1&attributes=id');
    if (later.status !== 200) return `status ${later.status}`;
    if (later.body.Resources?.[0]?.id === first.body.Resources?.[0]?.id) return 'ignored';
    return later.body.startIndex === 51 ? 'respected' : `echo ${String(later.body.startIndex)}`;
  }],
  ['totalResults page 1/3', async (a, t, s) => {
    const p1 = await send(a, t, s, 'GET', '/Users?startIndex=1&count=10&attributes=id');
    const p3 = await send(a, t, s, 'GET', '/Users?startIndex=21&count=10&attributes=id');
    const [x, y] = [p1.body?.totalResults, p3.body?.totalResults];
    return x === y ? `${String(x)} stable` : `${String(x)} -> ${String(y)}`;
  }],
  ['case-variant dup', async (a, t, s) => {
    const u = newUser();
    await send(a, t, s, 'POST', '/Users', u);
    const r = await send(a, t, s, 'POST', '/Users', { ...u, userName: String(u['userName']).toUpperCase() });
    return String(r.status);
  }],
  ['filter "userName eq"', async (a, t, s) => String((await send(a, t, s, 'GET', `/Users?filter=${encodeURIComponent('userName eq')}`)).status)],
  ['filter co', async (a, t, s) => String((await send(a, t, s, 'GET', `/Users?filter=${encodeURIComponent('userName co "ada"')}&count=1`)).status)],
  ['op "Replace"', async (a, t, s) => {
    const c = await send(a, t, s, 'POST', '/Users', newUser({ title: 'Before' }));
    const r = await send(a, t, s, 'PATCH', `/Users/${String(c.body?.id)}`, replace('Replace', 'title', 'After'));
    if (r.status >= 300) return String(r.status);
    const g = await send(a, t, s, 'GET', `/Users/${String(c.body?.id)}`);
    return `${r.status} ${g.body?.title === 'After' ? 'applied' : 'ignored'}`;
  }],
  ['POST active "False"', async (a, t, s) => {
    const r = await send(a, t, s, 'POST', '/Users', newUser({ active: 'False' }));
    if (r.status >= 300) return String(r.status);
    const g = await send(a, t, s, 'GET', `/Users/${String(r.body?.id)}`);
    return `${r.status}, ${JSON.stringify(g.body?.active)}`;
  }],
  ['active=false, GET', async (a, t, s) => {
    const c = await send(a, t, s, 'POST', '/Users', newUser({ active: true }));
    const p = await send(a, t, s, 'PATCH', `/Users/${String(c.body?.id)}`, replace('replace', 'active', false));
    if (p.status >= 300) return `PATCH ${p.status}`;
    const g = await send(a, t, s, 'GET', `/Users/${String(c.body?.id)}`);
    return g.status === 200 ? `200, active ${String(g.body?.active)}` : String(g.status);
  }],
  ['201 Location', async (a, t, s) => {
    const r = await send(a, t, s, 'POST', '/Users', newUser());
    return r.status === 201 ? (r.headers.get('location') ? 'yes' : 'missing') : String(r.status);
  }],
  ['409 error body', async (a, t, s) => {
    const u = newUser();
    await send(a, t, s, 'POST', '/Users', u);
    const r = await send(a, t, s, 'POST', '/Users', u);
    if (r.status !== 409) return String(r.status);
    const b = (r.body ?? {}) as Record<string, unknown>;
    return `${JSON.stringify(b['status'])} ${b['scimType'] ? String(b['scimType']) : 'no scimType'}`;
  }],
  ['discovery', async (a, t, s) => String((await send(a, t, s, 'GET', '/ServiceProviderConfig')).status)],
  ['Bulk bulkId ref', async (a, t, s) => {
    const r = await send(a, t, s, 'POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: newUser() },
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { displayName: `demo.group${++unique}`, members: [{ value: 'bulkId:u1' }] } },
      ],
    });
    if (r.status !== 200) return String(r.status);
    const group = await send(a, t, s, 'GET', `/Groups/${idOf(r.body.Operations?.[1]?.location)}`);
    const member = group.body?.members?.[0]?.value;
    return member === undefined ? '200, members hidden' : String(member).startsWith('bulkId:') ? '200 unresolved' : '200 resolved';
  }],
  ['member added twice', async (a, t, s) => {
    const u = await send(a, t, s, 'POST', '/Users', newUser());
    const g = await send(a, t, s, 'POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `demo.group${++unique}`, members: [{ value: u.body?.id }] });
    const p = await send(a, t, s, 'PATCH', `/Groups/${String(g.body?.id)}`, replace('add', 'members', [{ value: u.body?.id }]));
    if (p.status >= 300) return `PATCH ${p.status}`;
    const members = (await send(a, t, s, 'GET', `/Groups/${String(g.body?.id)}`)).body?.members as unknown[] | undefined;
    return members === undefined ? 'members hidden' : members.length === 1 ? 'listed once' : `listed ${members.length}x`;
  }],
  ['cursor walk (count=100)', cursorWalk],
  ['bad token', async (a, t, s) => {
    const r = await send(a, t, s, 'GET', '/Users?count=1', undefined, 'not-the-token');
    const kind = r.body && typeof r.body === 'object' ? ('schemas' in r.body ? 'SCIM' : 'JSON') : r.body ? 'text' : 'empty';
    return `${r.status} ${kind}`;
  }],
  ['30 at once: 429s', async (a, _t, s) => {
    const replies = await Promise.all(Array.from({ length: 30 }, () =>
      fetch(`${a.baseUrl}/Users?count=0`, { signal: s, headers: { authorization: `Bearer ${a.token}` } })
        .then(async (r) => { await r.arrayBuffer(); return r; })));
    const limited = replies.filter((r) => r.status === 429);
    if (limited.length === 0) return 'none';
    const after = limited[0]?.headers.get('retry-after');
    return `${limited.length}${after ? ` RA=${after}s` : ' no RA'}`;
  }],
];

/** The app's write log after the battery: every write it received, and how many were refused. */
function writesLogged(app: RunningApp): string {
  const writes = app.writes();
  const refused = writes.filter((w) => w.status >= 400).length;
  return `${writes.length} writes, ${refused} refused`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

export async function runHeadlessDemo(io: { stdout(s: string): void }, signal: AbortSignal): Promise<number> {
  const sandbox = await startSandbox({ apps: presetNames.map((p) => ({ id: p, profile: p })), seed: 42 });
  try {
    io.stdout(`SCIM sandbox on ${sandbox.url} (one app per preset, bearer token ${sandbox.apps[0]?.token ?? ''})\n`);
    for (const app of sandbox.apps) io.stdout(`  ${app.profile.padEnd(17)} ${app.baseUrl}\n`);
    io.stdout('\nRunning the request battery against every preset...\n\n');
    const columns = await Promise.all(sandbox.apps.map(async (app) => {
      const tally: Tally = { throttled: 0, faults: new Map() };
      const cells: string[] = [];
      for (const [, cell] of ROWS) {
        if (signal.aborted) break;
        cells.push(await cell(app, tally, signal).catch((err: unknown) => (signal.aborted ? 'aborted' : `error: ${(err as Error).message}`)));
      }
      const faults = [...tally.faults].map(([status, n]) => `${n}x${status}`).join(' ');
      cells.push(tally.throttled ? `${tally.throttled}x429` : 'none', faults || 'none', writesLogged(app));
      return cells;
    }));
    if (signal.aborted) return 130;
    const checks = [...ROWS.map(([name]) => name), '429 (waited out)', '502/503 (retried)', 'write log'];
    io.stdout(table(['check', ...sandbox.apps.map((a) => a.profile)], checks.map((name, i) => [name, ...columns.map((c) => c[i] ?? '')])));
    io.stdout('\nEach cell is what the preset answered (statuses, counts); see the README for what each preset models.\n');
    return 0;
  } finally {
    await sandbox.stop();
  }
}
