// Summaries of the probe observations for views (tree icons, status): the worst verdict and the latest run.
import type { Application, Observation, Verdict } from './model';

const SEVERITY: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2, error: 3 };

export interface ObservedSummary {
  /** The worst verdict over all probes (error > fail > warn > pass); undefined when nothing was observed. */
  verdict?: Verdict;
  /** The most recent lastRun over all probes (ISO text). */
  lastRun?: string;
  /** Probe names with their observation, most recent first. */
  probes: { probe: string; observation: Observation }[];
}

export function observedSummary(app: Application): ObservedSummary {
  const observed = app.observed;
  if (!observed || typeof observed !== 'object') return { probes: [] };
  const probes = Object.entries(observed)
    .filter(([, o]) => o !== null && typeof o === 'object' && typeof o.verdict === 'string' && o.verdict in SEVERITY)
    .map(([probe, observation]) => ({ probe, observation }))
    .sort((a, b) => String(b.observation.lastRun).localeCompare(String(a.observation.lastRun)));
  const summary: ObservedSummary = { probes };
  for (const { observation } of probes) {
    if (summary.verdict === undefined || SEVERITY[observation.verdict] > SEVERITY[summary.verdict]) summary.verdict = observation.verdict;
  }
  const latest = probes[0]?.observation.lastRun;
  if (typeof latest === 'string') summary.lastRun = latest;
  return summary;
}
