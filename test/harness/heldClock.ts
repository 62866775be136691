// A clock a test can stop: given to the sandbox as `now`, holding it stops its rate-limit buckets from refilling
// (so a burst spent beforehand is still spent when the request under test arrives), and releasing it lets time run
// again from a chosen point ahead (so the buckets refill at once). Used by the runner's tests of 429 handling.
export interface HeldClock {
  now(): number;
  hold(): void;
  /** Runs again, `aheadMs` past the moment it was held. */
  release(aheadMs: number): void;
}

export function heldClock(): HeldClock {
  let heldAt: number | undefined;
  let skew = 0;
  return {
    now: () => heldAt ?? Date.now() + skew,
    hold: () => { heldAt = Date.now() + skew; },
    release: (aheadMs) => {
      if (heldAt !== undefined) skew = heldAt + aheadMs - Date.now();
      heldAt = undefined;
    },
  };
}
