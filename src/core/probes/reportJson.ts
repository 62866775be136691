// The report JSON (`--json FILE`): the ProbeReport as it is, a contract (issue 12). The transcript inside is
// already redacted by the engine.
import type { ProbeReport } from './types';

export function reportToJson(report: ProbeReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
