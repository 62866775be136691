// Public surface of the integration registry core (issue 5). Editors and the CLI import from here only.
export type * from './model';
export { AUTH_TYPES, DEACTIVATION_CONTRACTS, VERDICTS } from './model';
export { parseRegistry, isRegistryFileName, type ParsedApplication, type ParsedRegistry } from './parse';
export { lintRegistry, looksNonProduction } from './rules';
export { findingCodeInfo, knownFindingCodes, findingCode, suggestFindingCode, type FindingCodeInfo, type FindingSource } from './findingCodes';
export {
  secretEnvName,
  envSecretSource,
  chainSecretSources,
  secretNamesOf,
  resolveSecrets,
  redact,
  secretShape,
  SECRET_NAME_PATTERN,
  type SecretSource,
  type SecretRef,
  type ResolvedSecrets,
  type RedactableSecret,
} from './secrets';
export { updateObserved, promoteObservation, type WriteBackResult } from './writeBack';
export { observedSummary, type ObservedSummary } from './observed';
export { completionsAt, hoverAt, locationAt, type CompletionItem, type Hover } from './language';
export { registrySpec } from './fieldDocs';
export { specAt, docKey, allFields, type FieldSpec } from './fieldSpec';
export { buildRegistrySchema, registrySchemaText } from './jsonSchema';
