// Public surface of the probes (issue 12): the CLI and VS Code import from here only.
export * from './types';
export { PROBE_CODES, SHARED_PROBE_CODES, PROBE_CODE_ALIASES, probeCodeInfo, type ProbeCode, type AnyProbeCode, type ProbeCodeInfo } from './codes';
export { ProbeContext, ProbeCancelled, ProbeSkipped, DEFAULT_TEST_PREFIX, DEFAULT_PROBE_OPTIONS, type CreatedResource, type PendingCreate } from './context';
export { CleanupJournal, defaultJournalPath, fileJournalStore, memoryJournalStore, type JournalEntry, type JournalKind, type JournalStore } from './journal';
export { cleanUpJournal, type CleanupOptions } from './cleanup';
export { runProbes, planProbes, newRunId, reportHasErrors, type RunProbesOptions } from './runner';
export { driftFindings, valueAt, sameValue, fieldName } from './drift';
export { writeBackReport, observationOf, figuresOf, type WriteBackOutcome } from './reportWriteBack';
export { readServiceProviderConfig, readResourceTypes, type DiscoveryClaims, type PaginationClaims, type ResourceTypeClaim } from './discoveryClaims';
export { ALL_PROBES } from './probeList';
export { reportToJson } from './reportJson';
export { reportsToJunit, xmlText } from './reportJunit';
export { reportsToSarif, type SarifRegistry } from './reportSarif';
export { reportToMarkdown } from './reportMarkdown';
