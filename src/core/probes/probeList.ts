// Every probe, one file each. The runner orders them by PROBE_NAMES (discovery first); add new ones here.
import { deactivationProbe } from './deactivationProbe';
import { discoveryProbe } from './discoveryProbe';
import type { Probe } from './types';

export const ALL_PROBES: readonly Probe[] = [
  discoveryProbe,
  deactivationProbe,
];
