// Every probe, one file each. The runner orders them by PROBE_NAMES (discovery first); add new ones here.
import { discoveryProbe } from './discoveryProbe';
import { errorsProbe } from './errorsProbe';
import { filtersProbe } from './filtersProbe';
import { paginationProbe } from './paginationProbe';
import type { Probe } from './types';

export const ALL_PROBES: readonly Probe[] = [discoveryProbe, paginationProbe, filtersProbe, errorsProbe];
