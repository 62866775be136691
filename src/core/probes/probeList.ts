// Every probe, one file each. The runner orders them by PROBE_NAMES (discovery first); add new ones here.
import { bulkProbe } from './bulkProbe';
import { deactivationProbe } from './deactivationProbe';
import { discoveryProbe } from './discoveryProbe';
import { errorsProbe } from './errorsProbe';
import { filtersProbe } from './filtersProbe';
import { groupMappingProbe } from './groupMappingProbe';
import { groupsProbe } from './groupsProbe';
import { lifecycleProbe } from './lifecycleProbe';
import { paginationProbe } from './paginationProbe';
import { registryFiltersProbe } from './registryFiltersProbe';
import type { Probe } from './types';

export const ALL_PROBES: readonly Probe[] = [
  discoveryProbe,
  paginationProbe,
  filtersProbe,
  errorsProbe,
  deactivationProbe,
  groupsProbe,
  registryFiltersProbe,
  groupMappingProbe,
  bulkProbe,
  lifecycleProbe,
];
