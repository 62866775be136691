// The extension's validator of what the runner page sends, against a hostile page: wrong types in every field,
// extra keys at any level, prototype-pollution keys, inherited `type`, huge strings and arrays, throwing getters,
// and thousands of random values. Nothing throws, nothing malformed gets through, Object.prototype stays clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToExtension, type RunnerRequest, type ToExtension } from '../../../src/core/protocol';

const request: RunnerRequest = { appId: 'strict', method: 'POST', path: '/Users', query: { filter: 'userName eq "x"' }, headers: [{ name: 'If-Match', value: 'W/"1"' }], body: '{}' };
const valid: ToExtension[] = [
  { type: 'ready', resultId: 'r1' }, { type: 'send', request }, { type: 'cancel' }, { type: 'showHistory', id: 'x' },
  { type: 'resend', id: 'x' }, { type: 'copyCurl', id: 'x' }, { type: 'saveResponse', id: 'x' }, { type: 'openRequestFile', request },
  { type: 'bodyFromEditor' }, { type: 'clearHistory', appId: 'strict' },
];
const clone = <T>(v: T): T => structuredClone(v);
const wrongValues: unknown[] = [null, 0, 1.5, Number.NaN, true, [], {}, 'text', ['a'], { a: 1 }];

test('a wrong type in any field, at any depth, drops the message', () => {
  let cases = 0;
  const visit = (message: ToExtension, path: (string | number)[], value: unknown): void => {
    if (path.length > 0 && path[0] !== 'type') {
      for (const wrong of wrongValues) {
        if (typeof wrong === typeof value && Array.isArray(wrong) === Array.isArray(value) && (wrong === null) === (value === null)) continue;
        const bad = clone(message) as unknown as Record<string, unknown>;
        let at: Record<string, unknown> = bad;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
        at[path.at(-1) as string] = wrong;
        // An optional query value may be absent; the validator also accepts it undefined. Everything else: refused.
        assert.equal(parseToExtension(bad), undefined, `${message.type} ${path.join('.')} = ${JSON.stringify(wrong)}`);
        cases++;
      }
    }
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(message, [...path, k], v);
  };
  for (const m of valid) visit(m, [], m);
  assert.ok(cases > 200, `${cases} cases`);
});

test('extra keys are refused at every level: the message, the request, a header', () => {
  for (const m of valid) assert.equal(parseToExtension({ ...clone(m), extra: 1 }), undefined, m.type);
  assert.equal(parseToExtension({ type: 'send', request: { ...request, url: 'http://evil.example/' } }), undefined);
  assert.equal(parseToExtension({ type: 'send', request: { ...request, headers: [{ name: 'a', value: 'b', secret: 'x' }] } }), undefined);
  assert.equal(parseToExtension({ type: 'send', request: { ...request, query: { ...request.query, evil: 'x' } } }), undefined);
  for (const m of valid) assert.deepEqual(parseToExtension(clone(m)), m, `${m.type} still passes`);
});

test('prototype-pollution keys and inherited fields neither pass nor pollute', () => {
  const payloads = [
    '{"type":"__proto__"}', '{"type":"constructor"}', '{"type":"hasOwnProperty"}', '{"type":"toString"}', '{"type":"valueOf"}',
    '{"__proto__":{"type":"cancel"}}', '{"type":"cancel","__proto__":{"polluted":true}}', '{"type":"cancel","constructor":{"prototype":{"polluted":true}}}',
    `{"type":"send","request":${JSON.stringify({ ...request })},"__proto__":{"polluted":true}}`,
    `{"type":"send","request":${JSON.stringify({ ...request }).replace(/^\{/, '{"__proto__":{"polluted":true},')}}`,
    `{"type":"send","request":${JSON.stringify({ ...request, query: {} }).replace('"query":{}', '"query":{"__proto__":"x"}')}}`,
    `{"type":"send","request":${JSON.stringify({ ...request, headers: [] }).replace('"headers":[]', '"headers":[{"name":"a","value":"b","__proto__":{"polluted":true}}]')}}`,
  ];
  for (const p of payloads) assert.equal(parseToExtension(JSON.parse(p)), undefined, p);
  assert.equal(parseToExtension(Object.create({ type: 'cancel' })), undefined, 'an inherited type is not the message\'s own');
  assert.equal(parseToExtension(Object.assign(Object.create({ id: 'x' }), { type: 'resend' })), undefined, 'an inherited field is not a field');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
});

test('huge strings and arrays: validated, not choked on; a huge unknown type is dropped', () => {
  const big = 'x'.repeat(20 * 1024 * 1024);
  assert.equal(parseToExtension({ type: 'send', request: { ...request, body: big } })?.type, 'send', 'a 20 MB body is a body (the runner limits what it sends)');
  assert.equal(parseToExtension({ type: big }), undefined);
  assert.equal(parseToExtension({ type: 'showHistory', id: 7, [big.slice(0, 100_000)]: 1 }), undefined);
  const headers = Array.from({ length: 100_000 }, (_, i) => ({ name: `h${i}`, value: 'v' }));
  assert.equal(parseToExtension({ type: 'send', request: { ...request, headers } })?.type, 'send');
  assert.equal(parseToExtension({ type: 'send', request: { ...request, headers: [...headers, 5] } }), undefined);
});

test('throwing getters and proxies are dropped, not thrown', () => {
  const trap = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
  assert.equal(parseToExtension({ type: 'send', request: trap }), undefined);
  const getter = { type: 'resend', get id(): string { throw new Error('boom'); } };
  assert.equal(parseToExtension(getter), undefined);
});

test('5,000 random values: no throw, and whatever passes is one of the protocol\'s shapes exactly', () => {
  let seed = 0x5eed;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const types = [...valid.map((m) => m.type), 'bogus', '__proto__', ''];
  const keys = ['type', 'id', 'appId', 'request', 'resultId', 'method', 'path', 'query', 'headers', 'body', 'name', 'value', 'filter', '__proto__', 'x'];
  const value = (depth: number): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.25) return pick([null, 0, -1, 1e308, true, false, '', 'x', 'GET', '/Users']);
    if (r < 0.4) return pick(types);
    if (r < 0.55) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rand() * 6); i > 0; i--) Object.defineProperty(o, pick(keys), { value: value(depth + 1), enumerable: true, configurable: true, writable: true });
    return o;
  };
  let passed = 0;
  for (let i = 0; i < 5000; i++) {
    const v = rand() < 0.5 ? value(0) : { ...clone(pick(valid)), [pick(keys)]: value(1) };
    const parsed = parseToExtension(v);
    if (parsed === undefined) continue;
    passed++;
    // What passes has only declared keys: re-validating a deep copy gives the same message.
    assert.deepEqual(parseToExtension(clone(parsed)), parsed);
    assert.ok(valid.some((m) => m.type === parsed.type));
  }
  assert.ok(passed > 0 && passed < 5000, `${passed} passed`);
});
