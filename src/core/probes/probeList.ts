// Every probe, one file each. The runner orders them by PROBE_NAMES (discovery first); add new ones here.
import { bulkProbe } from './bulkProbe';
import { deactivationProbe } from './deactivationProbe';
import { discoveryProbe } from './discoveryProbe';
import { groupMappingProbe } from './groupMappingProbe';
import { groupsProbe } from './groupsProbe';
import { lifecycleProbe } from './lifecycleProbe';
import { registryFiltersProbe } from './registryFiltersProbe';
import type { Probe } from './types';

export const ALL_PROBES: readonly Probe[] = [
  discoveryProbe,
  deactivationProbe,
  groupsProbe,
  registryFiltersProbe,
  groupMappingProbe,
  bulkProbe,
  lifecycleProbe,
];
