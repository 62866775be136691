// The report writers on real probe reports: JSON as the contract, JUnit with a failure exactly where an error
// finding is, SARIF 2.1.0 valid against the schema and located in the registry file, and Markdown evidence with
// the timestamps and redacted exchanges behind every finding.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  reportHasErrors, reportsToJunit, reportsToSarif, reportToJson, reportToMarkdown, type ProbeReport,
} from '../../../src/core/probes';
import { LineIndex } from '../../../src/core/text';
import type { RunningSandbox } from '../../../src/sandbox';
import { appEntry, probe, TOKEN } from './helpers';
import { startApps } from './p1Helpers';

const root = join(__dirname, '..', '..', '..');
let sb: RunningSandbox;
let strict: ProbeReport;
let faulty: ProbeReport;
let registryText: string;

before(async () => {
  sb = await startApps([
    { id: 'strict' },
    { id: 'faulty', quirks: { startIndex: 'zeroBased', maxPageSize: 30, errorFormat: 'textPlain', createdLocation: false } },
  ], { users: 70 });
  const strictApp = appEntry(sb.apps[0]!);
  const faultyApp = appEntry(sb.apps[1]!, { pagination: { maxPageSize: 100, startIndexBase: 1 } });
  registryText = [
    '{',
    '  // probe targets',
    '  "applications": [',
    `    ${JSON.stringify(strictApp)},`,
    '    {',
    `      "id": "faulty",`,
    `      "baseUrl": ${JSON.stringify(faultyApp.baseUrl)},`,
    '      "environment": "sandbox",',
    '      "auth": { "type": "bearer", "secret": "probe-token" },',
    '      "probe": { "allowWrites": true },',
    '      "pagination": {',
    '        "maxPageSize": 100,',
    '        "startIndexBase": 1',
    '      }',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
  strict = (await probe(strictApp, { only: ['pagination', 'errors'], pageSize: 50 })).report;
  faulty = (await probe(faultyApp, { only: ['pagination', 'errors'], pageSize: 50 })).report;
});
after(async () => {
  await sb.stop();
});

/** A well-formedness check sufficient for what the writer emits: every tag closes, in order, once. */
function assertBalancedXml(xml: string): void {
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/);
  const stack: string[] = [];
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([a-zA-Z-]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name, attrs, selfClosing] = m;
    assert.ok(!/[<&](?!amp;|lt;|gt;|quot;|apos;)/.test(attrs ?? ''), `unescaped attribute in <${name}${attrs}>`);
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name);
    else stack.push(name as string);
  }
  assert.deepEqual(stack, []);
}

describe('report writers', () => {
  test('JSON is the report, whole, with the redacted transcript and no secret', () => {
    const text = reportToJson(faulty);
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(faulty)));
    const parsed = JSON.parse(text) as { app: string; probes: { probe: string; status: string; observed: object; findings: unknown[] }[]; transcript: { id: string }[] };
    assert.equal(parsed.app, 'faulty');
    assert.ok(parsed.transcript.length > 10);
    assert.ok(!text.includes(TOKEN));
    assert.ok(text.includes('«redacted:probe-token»'));
  });

  test('JUnit: a test case per check, failures exactly where error findings are, XML escaped', () => {
    const xml = reportsToJunit([strict, faulty]);
    assertBalancedXml(xml);
    const checks = [strict, faulty].flatMap((r) => r.probes.flatMap((p) => p.checks));
    assert.ok((xml.match(/<testcase /g) ?? []).length >= checks.length);
    assert.match(xml, /<testsuite name="strict\.pagination" tests="\d+" failures="0"/);
    const failures = [...xml.matchAll(/<failure message="[^"]*" type="([^"]*)"/g)].map((m) => m[1]);
    const errorCodes = faulty.probes.flatMap((p) => p.findings.filter((f) => f.severity === 'error').map((f) => f.code));
    assert.ok(errorCodes.length > 0);
    for (const code of errorCodes) assert.ok(failures.some((t) => t?.split(' ').includes(code)), `${code} fails a test case`);
    assert.equal(reportHasErrors(faulty), failures.length > 0);
    assert.equal(reportHasErrors(strict), false);
    // Warnings are reported, not failed.
    assert.match(xml, /<system-out>warn: [^<]*ERROR_BODY_NOT_SCIM/);
    assert.ok(!xml.includes(TOKEN));
  });

  test('JUnit escapes what checks and findings say', () => {
    const report: ProbeReport = JSON.parse(JSON.stringify(strict));
    report.probes[0]!.checks.push({ name: 'a <check> & "quote" \u0001', status: 'fail', message: 'x < y & z' });
    const xml = reportsToJunit([report]);
    assertBalancedXml(xml);
    assert.ok(xml.includes('a &lt;check&gt; &amp; &quot;quote&quot; \uFFFD'));
  });

  test('SARIF 2.1.0: valid against the schema, rules for every code, field findings located in the registry', () => {
    const log = reportsToSarif([strict, faulty], { path: 'config/scim-registry.jsonc', text: registryText });
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')) as object;
    const validate = ajv.compile(schema);
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    // The schema is not a rubber stamp: what SARIF forbids fails.
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    broken.runs[1]!.results[0]!.level = 'fatal';
    assert.equal(validate(broken), false);
    const zeroLine = JSON.parse(JSON.stringify(log)) as typeof broken;
    zeroLine.runs[1]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    assert.equal(validate(zeroLine), false);
    assert.equal(log.runs.length, 2);
    const run = log.runs[1]!;
    assert.equal(run.automationDetails?.id, 'scim-workbench-probe/faulty/');
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
    const index = new LineIndex(registryText);
    const textAt = (region: { startLine: number; startColumn: number; endLine: number; endColumn: number }): string =>
      registryText.slice(index.offsetAt({ line: region.startLine - 1, character: region.startColumn - 1 }), index.offsetAt({ line: region.endLine - 1, character: region.endColumn - 1 }));
    const drift = run.results.filter((r) => r.ruleId === 'REGISTRY_DRIFT');
    assert.ok(drift.length >= 2);
    for (const r of drift) {
      const loc = r.locations[0]!.physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'config/scim-registry.jsonc');
      const field = String(r.properties?.['field']);
      const declared = field === 'pagination.maxPageSize' ? '100' : '1';
      assert.equal(textAt(loc.region!), declared, field);
      assert.equal(registryText.split('\n')[loc.region!.startLine - 1]!.trim().split(':')[0], `"${field.split('.')[1]}"`);
    }
    const located = run.results.find((r) => r.ruleId === 'ERROR_BODY_NOT_SCIM')!;
    assert.equal(textAt(located.locations[0]!.physicalLocation.region!), '"faulty"');
    assert.equal(located.level, 'warning');
    assert.ok(!JSON.stringify(log).includes(TOKEN));
  });

  test('Markdown: timestamps, every finding with its meaning and the redacted exchanges that prove it', () => {
    const md = reportToMarkdown(faulty);
    assert.match(md, /^# Probe report: faulty/);
    assert.match(md, new RegExp(`Run \\| \`${faulty.runId}\`, ${faulty.startedAt.replace(/[.]/g, '\\.')} to`));
    const findings = faulty.probes.flatMap((p) => p.findings);
    for (const f of findings) {
      assert.ok(md.includes(`\`${f.code}\` · ${f.severity} · ${f.probe}`), f.code);
      for (const id of f.evidence) {
        const x = faulty.transcript.find((e) => e.id === id)!;
        assert.ok(md.includes(`<a id="exchange-${id.toLowerCase()}"></a>Exchange \`${id}\``), id);
        assert.ok(md.includes(`Sent ${x.startedAt}`));
        assert.ok(md.includes(x.request.line));
        if (x.response) assert.ok(md.includes(`HTTP/1.1 ${x.response.status} `));
      }
    }
    assert.ok(md.includes('authorization: Bearer «redacted:probe-token»'));
    assert.ok(!md.includes(TOKEN));
    assert.ok(!md.includes(Buffer.from(TOKEN).toString('base64')));
    assert.match(md, /## Cleanup\n\n\d+ test resources created, \d+ removed\./);
    // Fences hold: the number of fence openings equals closings.
    const fences = md.split('\n').filter((l) => /^`{3,}/.test(l));
    assert.equal(fences.length % 2, 0);
  });

  test('Markdown fences survive bodies that contain backticks', () => {
    const report: ProbeReport = JSON.parse(JSON.stringify(faulty));
    const x = report.transcript.find((e) => e.id === report.probes.flatMap((p) => p.findings)[0]!.evidence[0])!;
    x.response!.body = { ...x.response!.body, kind: 'text', text: 'before\n```\n# not a heading\n```\nafter' };
    const md = reportToMarkdown(report);
    assert.ok(md.includes('````http\nHTTP/1.1'));
  });

  test('Markdown lays out a JSON body the transcript cut short, as the evidence document does', () => {
    const report: ProbeReport = JSON.parse(JSON.stringify(faulty));
    const x = report.transcript.find((e) => e.id === report.probes.flatMap((p) => p.findings)[0]!.evidence[0])!;
    x.response!.body = { ...x.response!.body, kind: 'json', text: '{"totalResults":2,"Resources":[{"id":"a1"},{"id":', omittedBytes: 40, truncated: false };
    delete (x.response!.body as { parseError?: string }).parseError;
    const md = reportToMarkdown(report);
    assert.ok(md.includes('{\n  "totalResults": 2,\n  "Resources": [\n    {\n      "id": "a1"\n    },\n    {\n      "id":'), md.slice(md.indexOf('totalResults') - 200, md.indexOf('totalResults') + 200));
    assert.match(md, /^# … 40 more bytes not kept in the transcript$/m);
  });
});
