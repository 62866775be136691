// A probe's own record of the findings it made, so a problem met twice (the plain walk and the filtered walk,
// two malformed filters) is one finding, and each check's status follows the severity of what it found.
import type { AnyProbeCode } from './codes';
import type { ProbeContext } from './context';
import type { FindingSeverity, Json, ProbeCheck, ProbeFinding } from './types';
import type { JsonPath } from '../registry/model';

export interface FindingExtra {
  severity?: FindingSeverity;
  field?: JsonPath;
  declared?: Json;
  observed?: Json;
}

export class FindingBook {
  private readonly byCode = new Map<string, ProbeFinding>();

  constructor(private readonly ctx: ProbeContext) {}

  /**
   * Reports `code` the first time; later calls return that finding, adding their evidence when `merge` is set
   * (the same fault seen again, e.g. a second error body of the same wrong shape).
   */
  report(code: AnyProbeCode, message: string, evidence: string[], extra: FindingExtra & { merge?: boolean } = {}): ProbeFinding {
    const existing = this.byCode.get(code);
    if (existing) {
      if (extra.merge) for (const e of evidence) if (!existing.evidence.includes(e)) existing.evidence.push(e);
      return existing;
    }
    const { merge: _merge, ...rest } = extra;
    const f = this.ctx.finding(code, message, evidence, rest);
    this.byCode.set(code, f);
    return f;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get(code: string): ProbeFinding | undefined {
    return this.byCode.get(code);
  }

  skip(name: string, reason: string, evidence: readonly (string | undefined)[] = []): void {
    const ev = [...new Set(evidence.filter((x): x is string => typeof x === 'string'))];
    this.ctx.check(name, 'skipped', reason, { evidence: ev });
  }

  /** A check failing (error findings) or warning (others) with `codes`, passing without. */
  check(name: string, codes: readonly string[], text: string, evidence: readonly (string | undefined)[] = []): ProbeCheck['status'] {
    const unique = [...new Set(codes)];
    const ev = [...new Set(evidence.filter((x): x is string => typeof x === 'string'))];
    const status: ProbeCheck['status'] = unique.length === 0 ? 'pass' : unique.some((c) => this.byCode.get(c)?.severity === 'error') ? 'fail' : 'warn';
    this.ctx.check(name, status, text, { codes: unique, evidence: ev });
    return status;
  }
}
