// A clock shared by a sandbox (StartOptions.now) and a probe run (now, sleep): a probe's wait moves time on at
// once, so a 3-second delayed deactivation or a 2-minute horizon is measured in milliseconds, exactly.
export interface FakeClock {
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  advance(ms: number): void;
  /** Every wait the probes asked for, in order. */
  waits: number[];
}

export function fakeClock(start = Date.parse('2026-03-01T09:00:00Z')): FakeClock {
  let t = start;
  const waits: number[] = [];
  return {
    now: () => t,
    waits,
    advance(ms) {
      t += ms;
    },
    sleep(ms, signal) {
      if (signal.aborted) return Promise.reject(new Error('aborted'));
      waits.push(ms);
      t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}
