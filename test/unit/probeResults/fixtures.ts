// A small probe report built by hand: two probes, a drift on pagination.maxPageSize, evidence exchanges.
import type { Exchange } from '../../../src/core/http';
import type { ProbeReport } from '../../../src/core/probes';
import type { StoredRun } from '../../../src/core/probeResults';

export const BASE = 'https://api.example.com/scim/v2';

export function exchange(id: string, path: string, status: number | undefined, ms = 34, extra: Partial<Exchange> = {}): Exchange {
  return {
    id, appId: 'acme', startedAt: '2026-01-15T10:00:00.000Z',
    request: { method: 'GET', url: `${BASE}${path}`, line: `GET /scim/v2${path} HTTP/1.1`, headers: { authorization: 'Bearer «redacted:acme-token»' } },
    ...(status !== undefined ? { response: { status, statusText: status === 200 ? 'OK' : 'Bad Request', headers: { 'content-type': 'application/scim+json' }, body: { kind: 'json', size: 20, text: '{"totalResults":120}', truncated: false, omittedBytes: 0 } } } : { error: { kind: 'refused', message: 'connection refused' } }),
    timings: { totalMs: ms, waitedMs: 0 }, attempts: [], retries: 0, redirects: [], tokenRequests: [],
    ...extra,
  };
}

export function report(overrides: Partial<ProbeReport> = {}): ProbeReport {
  return {
    app: 'acme', baseUrl: BASE, runId: 'r1abcd', startedAt: '2026-01-15T10:00:00.000Z', finishedAt: '2026-01-15T10:00:12.300Z',
    durationMs: 12_300, idpProfile: 'rfc', toolVersion: '0.1.0', writes: false, cancelled: false,
    probes: [
      {
        probe: 'pagination', status: 'warn', startedAt: '2026-01-15T10:00:01.000Z', finishedAt: '2026-01-15T10:00:05.000Z', durationMs: 4000,
        summary: 'max 50/page', observed: { maxPageSize: 50 },
        findings: [
          { code: 'PAGE_SIZE_CAPPED', severity: 'warning', message: 'Asked for 100 per page, got 50.', probe: 'pagination', evidence: ['x1', 'x2'] },
          { code: 'REGISTRY_DRIFT', severity: 'warning', message: 'pagination.maxPageSize is declared 100 but the pagination probe observed 50.', probe: 'pagination', evidence: ['x2'], field: ['pagination', 'maxPageSize'], declared: 100, observed: 50 },
        ],
        checks: [{ name: 'page size', status: 'warn', evidence: ['x1'] }],
        fields: [{ field: ['pagination', 'maxPageSize'], observed: 50, evidence: ['x2'] }],
      },
      {
        probe: 'deactivation', status: 'skipped', startedAt: '2026-01-15T10:00:05.000Z', finishedAt: '2026-01-15T10:00:05.000Z', durationMs: 0,
        summary: '', observed: {}, findings: [], checks: [], fields: [], reason: 'writes are not allowed',
      },
    ],
    cleanup: { created: 0, deleted: 0, failed: [] },
    transcript: [exchange('x1', '/Users?startIndex=51&count=50', 200), exchange('x2', '/Users?count=100', 200, 12), exchange('x3', '/ServiceProviderConfig', 200)],
    ...overrides,
  };
}

export function stored(r: ProbeReport = report(), registry = 'file:///ws/scim-registry.jsonc'): StoredRun {
  return { registry, appId: r.app, appName: 'Acme', environment: 'staging', storedAt: r.finishedAt, report: r, droppedExchanges: 0 };
}

export const REGISTRY = `{
  // our apps
  "applications": [
    {
      "id": "acme",
      "baseUrl": "${BASE}",
      "pagination": { "maxPageSize": 100 }, // from the docs
      "knownIssues": [
        { "summary": "slow" } // keep me
      ]
    }
  ]
}
`;
