// The probes' finding codes (issue 12), as the sandbox's presets promise them. The list is core's (the probes
// own their codes); the sandbox re-exports it so its presets and tests name only codes a probe can report.
import { PROBE_CODES, SHARED_PROBE_CODES, type AnyProbeCode } from '../core/probes/codes';

export type ProbeFindingCode = AnyProbeCode;

export const PROBE_FINDING_CODES: readonly ProbeFindingCode[] = Object.freeze([
  ...(Object.keys(PROBE_CODES) as (keyof typeof PROBE_CODES)[]),
  ...(Object.keys(SHARED_PROBE_CODES) as (keyof typeof SHARED_PROBE_CODES)[]),
]);

/**
 * Codes that compare the server with the registry entry rather than with the RFC, so no switch provokes them
 * alone: a preset produces them only with a registry entry that declares something the server contradicts.
 */
export const REGISTRY_DEPENDENT_CODES: Readonly<Record<string, string>> = {
  REGISTRY_FILTER_FAILS: 'needs a registry `filters` entry the server cannot run (e.g. `userName co "a"` against aws-like, which accepts eq and and only)',
  GROUP_MAPPING_UNRESOLVED: 'needs a `groupMapping` rule naming a group the server does not have (the seeded groups are named like "Platform 1")',
  REGISTRY_DRIFT: 'needs a declared field the observation contradicts (e.g. `pagination.maxPageSize: 100` against aws-like, which caps at 50)',
};
