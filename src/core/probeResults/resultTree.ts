// The Probe Results tree as plain data: application -> run -> probe -> finding -> evidence. The VS Code view turns
// each node into a TreeItem as it is; tests read the same nodes. Labels follow the issue: figures in a probe's
// description (`max 50/page`), an exchange as `GET /Users?startIndex=51&count=50 → 200 · 34 ms`.
import type { Exchange } from '../http';
import type { ProbeFinding, ProbeName, ProbeReport, ProbeResult } from '../probes/types';
import type { JsonPath } from '../registry/model';
import { historyKey, type StoredRun } from './runHistory';

export type ResultNodeKind = 'app' | 'run' | 'probe' | 'finding' | 'evidence' | 'note';

export interface ResultNode {
  kind: ResultNodeKind;
  /** Stable across refreshes: the view keeps expansion and selection by it. */
  id: string;
  label: string;
  description: string;
  /** A codicon id, and the theme colour it is drawn in. */
  icon: string;
  color?: string;
  tooltip: string;
  /** Drives context menus (`scimProbeApp`, `scimProbeRun`, ...). */
  contextValue: string;
  /** What the node refers to, for commands. */
  ref: {
    key: string;
    registry: string;
    appId: string;
    runId?: string;
    probe?: ProbeName;
    /** Index of the finding within its probe's findings. */
    finding?: number;
    exchangeId?: string;
    code?: string;
    field?: JsonPath;
  };
  children: ResultNode[];
}

export const STATUS_ICONS: Record<ProbeResult['status'], { icon: string; color: string }> = {
  pass: { icon: 'pass', color: 'testing.iconPassed' },
  warn: { icon: 'warning', color: 'problemsWarningIcon.foreground' },
  fail: { icon: 'error', color: 'problemsErrorIcon.foreground' },
  error: { icon: 'bug', color: 'problemsErrorIcon.foreground' },
  skipped: { icon: 'debug-step-over', color: 'disabledForeground' },
};

export const SEVERITY_ICONS: Record<ProbeFinding['severity'], { icon: string; color: string }> = {
  error: { icon: 'error', color: 'problemsErrorIcon.foreground' },
  warning: { icon: 'warning', color: 'problemsWarningIcon.foreground' },
  info: { icon: 'info', color: 'problemsInfoIcon.foreground' },
};

/** The run's verdict, as the CLI prints it. */
export function runVerdict(report: ProbeReport): 'pass' | 'warn' | 'fail' | 'error' | 'cancelled' {
  if (report.cancelled) return 'cancelled';
  if (report.probes.some((p) => p.status === 'error')) return 'error';
  if (report.probes.some((p) => p.status === 'fail')) return 'fail';
  if (report.probes.some((p) => p.status === 'warn')) return 'warn';
  return 'pass';
}

const VERDICT_ICONS: Record<ReturnType<typeof runVerdict>, { icon: string; color: string }> = {
  pass: STATUS_ICONS.pass,
  warn: STATUS_ICONS.warn,
  fail: STATUS_ICONS.fail,
  error: STATUS_ICONS.error,
  cancelled: { icon: 'circle-slash', color: 'problemsWarningIcon.foreground' },
};

/** `GET /Users?startIndex=51&count=50`: the request below the application's base URL. */
export function exchangeTarget(x: Exchange, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (x.request.url.startsWith(base)) return `${x.request.method} ${x.request.url.slice(base.length) || '/'}`;
  try {
    const u = new URL(x.request.url);
    return `${x.request.method} ${u.pathname}${u.search}`;
  } catch {
    return `${x.request.method} ${x.request.url}`;
  }
}

/** `GET /Users?startIndex=51&count=50 → 200 · 34 ms` (or the transport failure instead of the status). */
export function exchangeLabel(x: Exchange, baseUrl: string): string {
  const outcome = x.response ? String(x.response.status) : (x.error?.kind ?? 'no response');
  return `${exchangeTarget(x, baseUrl)} → ${outcome} · ${Math.round(x.timings.totalMs)} ms`;
}

/** `2026-01-15 10:42:07` in UTC: the same on every machine, sortable. */
export function runTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '').slice(0, 19);
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function findingCounts(report: ProbeReport): string {
  const all = report.probes.flatMap((p) => p.findings);
  const parts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, all.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, s));
  return parts.join(', ') || 'no findings';
}

function runNode(run: StoredRun, key: string, latest: boolean): ResultNode {
  const r = run.report;
  const ref = { key, registry: run.registry, appId: run.appId, runId: r.runId };
  const verdict = runVerdict(r);
  const writes = r.writes ? 'writes allowed' : 'read-only';
  const left = r.cleanup.failed.length;
  const node: ResultNode = {
    kind: 'run',
    id: `${key}/run:${r.runId}`,
    label: runTime(r.startedAt),
    description: [duration(r.durationMs), r.idpProfile, writes, verdict === 'cancelled' ? 'cancelled' : findingCounts(r), left ? `${left} NOT cleaned up` : '']
      .filter(Boolean).join(' · '),
    ...VERDICT_ICONS[verdict],
    tooltip: `Run ${r.runId} of ${r.app} at ${r.baseUrl}\n${r.startedAt} → ${r.finishedAt}\nIdP profile ${r.idpProfile}, ${writes}${r.cancelled ? ', cancelled' : ''}\n` +
      `Cleanup: ${r.cleanup.created} test resource(s) created, ${r.cleanup.deleted} removed${left ? `, ${left} left (Clean Up Probe Resources)` : ''}` +
      (run.droppedExchanges ? `\n${run.droppedExchanges} exchange(s) no finding cites were not kept` : ''),
    contextValue: latest ? 'scimProbeRun scimProbeRunLatest' : 'scimProbeRun',
    ref,
    children: [],
  };
  const byId = new Map(r.transcript.map((x) => [x.id, x] as const));
  node.children = r.probes.map((p) => probeNode(p, node, byId, r.baseUrl));
  return node;
}

function probeNode(p: ProbeResult, parent: ResultNode, byId: Map<string, Exchange>, baseUrl: string): ResultNode {
  const ref = { ...parent.ref, probe: p.probe };
  const node: ResultNode = {
    kind: 'probe',
    id: `${parent.id}/${p.probe}`,
    label: p.probe,
    description: p.status === 'skipped' || p.status === 'error' ? `${p.status}: ${p.reason ?? ''}` : [p.summary, duration(p.durationMs)].filter(Boolean).join(' · '),
    ...STATUS_ICONS[p.status],
    tooltip: `${p.probe}: ${p.status}${p.summary ? `\n${p.summary}` : ''}${p.reason ? `\n${p.reason}` : ''}\n${p.checks.length} check(s), ${plural(p.findings.length, 'finding')}`,
    contextValue: 'scimProbeProbe',
    ref,
    children: [],
  };
  node.children = p.findings.map((f, i) => findingNode(f, i, node, byId, baseUrl));
  return node;
}

function findingNode(f: ProbeFinding, index: number, parent: ResultNode, byId: Map<string, Exchange>, baseUrl: string): ResultNode {
  const ref = { ...parent.ref, finding: index, code: f.code, ...(f.field ? { field: f.field } : {}) };
  const node: ResultNode = {
    kind: 'finding',
    id: `${parent.id}/finding:${index}`,
    label: f.message,
    description: f.code,
    ...SEVERITY_ICONS[f.severity],
    tooltip: `${f.severity} ${f.code}: ${f.message}`,
    contextValue: f.field ? 'scimProbeFinding scimProbeFindingField' : 'scimProbeFinding',
    ref,
    children: [],
  };
  node.children = f.evidence.map((id, i): ResultNode => {
    const x = byId.get(id);
    return {
      kind: x ? 'evidence' : 'note',
      id: `${node.id}/x:${i}:${id}`,
      label: x ? exchangeLabel(x, baseUrl) : `exchange ${id} (not kept)`,
      description: x ? '' : 'left out of the stored transcript',
      icon: x ? 'arrow-swap' : 'circle-slash',
      ...(x && !(x.response && x.response.status < 400) ? { color: 'problemsWarningIcon.foreground' } : {}),
      tooltip: x ? `${x.request.line}\n${x.startedAt}${x.retries ? `\n${x.retries} retries` : ''}` : 'This exchange was not stored (the transcript was cut to keep the workspace storage small).',
      contextValue: x ? 'scimProbeExchange' : 'scimProbeNote',
      ref: { ...ref, exchangeId: id },
      children: [],
    };
  });
  return node;
}

/** One application with its runs, newest first. */
export function appNode(runs: readonly StoredRun[]): ResultNode | undefined {
  const latest = runs[0];
  if (!latest) return undefined;
  const key = historyKey(latest.registry, latest.appId);
  const verdict = runVerdict(latest.report);
  return {
    kind: 'app',
    id: key,
    label: latest.appName ? `${latest.appName}` : latest.appId,
    description: [latest.appName ? latest.appId : '', verdict, runTime(latest.report.startedAt)].filter(Boolean).join(' · '),
    ...VERDICT_ICONS[verdict],
    tooltip: `${latest.appId} at ${latest.report.baseUrl}${latest.environment ? ` (${latest.environment})` : ''}\nRegistry: ${latest.registry}\n${plural(runs.length, 'stored run')}`,
    contextValue: 'scimProbeApp',
    ref: { key, registry: latest.registry, appId: latest.appId },
    children: runs.map((r, i) => runNode(r, key, i === 0)),
  };
}

/** The whole tree: applications sorted by label. */
export function buildResultTree(histories: Iterable<readonly StoredRun[]>): ResultNode[] {
  const apps: ResultNode[] = [];
  for (const runs of histories) {
    const node = appNode(runs);
    if (node) apps.push(node);
  }
  return apps.sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
}

/** Finds a node by id anywhere in the tree. */
export function findNode(nodes: readonly ResultNode[], id: string): ResultNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    if (id.startsWith(n.id)) {
      const hit = findNode(n.children, id);
      if (hit) return hit;
    }
  }
  return undefined;
}
