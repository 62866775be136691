// Completion and hover of request files (the core services behind the editor).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestFile, requestFileCompletions, requestFileHover, type RequestFileApp, type ResponseSnapshot } from '../../../src/core/requestFile';
import { cover, marked } from './helpers';

const APPS: RequestFileApp[] = [
  { id: 'strict', name: 'Strict', baseUrl: 'http://127.0.0.1:4780/apps/strict/scim/v2', source: 'scim-registry.jsonc' },
  { id: 'aws-like', baseUrl: 'http://127.0.0.1:4780/apps/aws-like/scim/v2' },
];

function complete(withCursor: string): { labels: string[]; replaced: string[]; inserts: string[] } {
  const { text, offset } = marked(withCursor);
  const items = requestFileCompletions(parseRequestFile(text), offset, { apps: APPS });
  for (const i of items) assert.ok(i.range.start <= offset && offset <= i.range.end, `${i.label} covers the cursor`);
  return { labels: items.map((i) => i.label), replaced: [...new Set(items.map((i) => cover(text, i.range)))], inserts: items.map((i) => i.insertText) };
}

function hover(withCursor: string, lastResponse?: ResponseSnapshot): { markdown: string; covered: string } | undefined {
  const { text, offset } = marked(withCursor);
  const h = requestFileHover(parseRequestFile(text), offset, { apps: APPS, ...(lastResponse ? { lastResponse } : {}) });
  return h ? { markdown: h.markdown, covered: cover(text, h.range) } : undefined;
}

describe('request-file completion', () => {
  test('@app ids from the registries', () => {
    const c = complete('# @app str|\nGET /Users');
    assert.deepEqual(c.labels, ['strict', 'aws-like']);
    assert.deepEqual(c.replaced, ['str']);
  });

  test('methods on the request line, and an @app snippet on an empty line', () => {
    assert.deepEqual(complete('### x\nPA|').labels, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    assert.ok(complete('|').labels.includes('# @app'));
    assert.deepEqual(complete('PAT| /Users').replaced, ['PAT']);
  });

  test('resource paths after the method', () => {
    const c = complete('GET /Us|');
    for (const p of ['/Users', '/Groups', '/Schemas', '/ServiceProviderConfig', '/ResourceTypes', '/Bulk', '/.search', '/Me']) assert.ok(c.labels.includes(p), p);
    assert.deepEqual(c.replaced, ['/Us']);
  });

  test('query parameter names, without those already written', () => {
    const c = complete('GET /Users?count=10&|');
    assert.deepEqual(c.labels, ['filter', 'startIndex', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder', 'cursor']);
    assert.ok(c.inserts.includes('filter='));
    assert.deepEqual(complete('GET /Users\n  ?sta|').replaced, ['sta']);
  });

  test('attribute names inside filter=, for the resource of the path', () => {
    const users = complete('GET /Users?filter=user|');
    assert.ok(users.labels.includes('userName') && users.labels.includes('emails'));
    assert.deepEqual(users.replaced, ['user']);
    const groups = complete('GET /Groups?filter=|');
    assert.ok(groups.labels.includes('displayName') && groups.labels.includes('members') && !groups.labels.includes('userName'));
    assert.deepEqual(complete('GET /Users?filter=userName%20|').labels.slice(0, 3), ['eq', 'ne', 'co']);
    assert.deepEqual(complete('GET /Users?filter=emails[ty|').labels.filter((l) => l === 'type'), ['type']);
  });

  test('attribute lists and sort orders', () => {
    const c = complete('GET /Users?attributes=userName,em|');
    assert.ok(c.labels.includes('emails'));
    assert.deepEqual(c.replaced, ['em']);
    assert.deepEqual(complete('GET /Users?sortOrder=|').labels, ['ascending', 'descending']);
  });

  test('header names (never Authorization) and values', () => {
    const names = complete('POST /Users\nCon|');
    assert.ok(names.labels.includes('Content-Type') && !names.labels.includes('Authorization'));
    assert.deepEqual(names.replaced, ['Con']);
    assert.deepEqual(complete('POST /Users\nContent-Type: |').labels, ['application/scim+json', 'application/json']);
    assert.ok(complete('POST /Users\n|\n{}').labels.includes('Content-Type'), 'on the blank line after the request line');
  });

  test('references: file variables, app.*, lastResponse.*, built-ins; }} added only when missing', () => {
    const open = complete('@user = x\nGET /Users/{{us|');
    assert.deepEqual(open.labels.slice(0, 3), ['user', 'app.baseUrl', 'app.id']);
    assert.ok(open.labels.includes('lastResponse.id') && open.labels.includes('$uuid') && open.labels.includes('$randomInt'));
    assert.deepEqual(open.replaced, ['us']);
    assert.ok(open.inserts.includes('user}}'));
    const closed = complete('@user = x\nGET /Users/{{us|}}');
    assert.ok(closed.inserts.includes('user') && !closed.inserts.includes('user}}'));
    assert.ok(complete('POST /Users\n\n{ "userName": "{{|" }').labels.includes('$uuid'), 'inside a JSON string of a body');
  });

  test('payload completions inside bodies, ranges in the file', () => {
    const c = complete('POST /Users\n\n{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "user|" }');
    assert.ok(c.labels.includes('userName'));
    assert.deepEqual(c.replaced, ['"user"']);
  });

  test('nothing in comments or separators', () => {
    assert.deepEqual(complete('# just| a comment\nGET /Users').labels, []);
    assert.deepEqual(complete('### na|me\nGET /Users').labels, []);
  });
});

describe('request-file hover', () => {
  test('a file variable shows its definition', () => {
    const h = hover('@user = scimwb-{{$uuid}}\nGET /Users/{{us|er}}');
    assert.equal(h?.covered, '{{user}}');
    assert.match(h?.markdown ?? '', /`@user`\*\* \(file variable, line 1\)[\s\S]*scimwb-\{\{\$uuid\}\}/);
  });

  test('app.baseUrl shows the value for the request\'s application', () => {
    assert.match(hover('# @app strict\nGET {{app.base|Url}}/Users')?.markdown ?? '', /For this request \(`strict`\): `http:\/\/127\.0\.0\.1:4780\/apps\/strict\/scim\/v2`/);
    assert.match(hover('GET {{app.base|Url}}/Users')?.markdown ?? '', /chosen when the request is sent/);
    const { text, offset } = marked('GET {{app.base|Url}}/Users');
    assert.match(requestFileHover(parseRequestFile(text), offset, { apps: APPS, chosenAppId: 'aws-like' })?.markdown ?? '', /For this request \(`aws-like` \(chosen for this file\)\): `http:\/\/127\.0\.0\.1:4780\/apps\/aws-like\/scim\/v2`/);
  });

  test('lastResponse: where it comes from, and its value once there is a response', () => {
    assert.match(hover('GET /Users/{{lastResponse.i|d}}')?.markdown ?? '', /most recent response of this file[\s\S]*No response yet/);
    assert.match(hover('GET /Users/{{lastResponse.i|d}}', { status: 201, headers: {}, body: { id: 'abc' } })?.markdown ?? '', /Now \(201\): `abc`/);
  });

  test('built-ins and the @app id', () => {
    assert.match(hover('GET /x/{{$random|Int 1 5}}')?.markdown ?? '', /\$randomInt min max/);
    const app = hover('# @app str|ict\nGET /Users');
    assert.equal(app?.covered, 'strict');
    assert.match(app?.markdown ?? '', /\*\*Strict\*\*[\s\S]*Base URL[\s\S]*scim-registry\.jsonc/);
    assert.match(hover('# @app nope|\nGET /Users')?.markdown ?? '', /No registry in reach defines `nope`/);
  });

  test('a filter in the query shows its parsed tree, encoded or not', () => {
    const h = hover('GET /Users?filter=userName%20eq%20%22b%22%20a|nd%20active%20eq%20true');
    assert.match(h?.markdown ?? '', /\*\*SCIM filter\*\*[\s\S]*and\n├─ userName eq "b"\n└─ active eq true/);
    assert.equal(h?.covered, 'userName%20eq%20%22b%22%20and%20active%20eq%20true');
    assert.match(hover('GET /Users?filter=title eq "{{t}}" o|r x pr')?.markdown ?? '', /or\n├─ title eq "\{\{t\}\}"/);
    assert.match(hover('GET /Users?filter=userName e|q')?.markdown ?? '', /Syntax error/);
  });

  test('query parameters, paths, headers, and payload hovers in bodies', () => {
    assert.match(hover('GET /Users?sta|rtIndex=1')?.markdown ?? '', /1-based index/);
    assert.match(hover('GET /Serv|iceProviderConfig')?.markdown ?? '', /What the server supports/);
    assert.match(hover('PUT /Users/x\nIf-Ma|tch: 1')?.markdown ?? '', /412/);
    const body = hover('POST /Users\n\n{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userNa|me": "x" }');
    assert.equal(body?.covered, '"userName"');
    assert.match(body?.markdown ?? '', /userName/);
  });
});
