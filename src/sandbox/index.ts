// Public API of the embedded SCIM sandbox (used by the CLI, the VS Code extension and the demo).
export { startSandbox, type StartOptions, type RunningSandbox, type RunningApp, type RequestLogEntry } from './sandbox';
export type { AppSpec } from './appRuntime';
export type { WriteLogEntry } from './writeLog';
export { presetNames, describePreset, findPreset, type Preset, type PresetDescription, type IdpProfile } from './presets';
export { PROBE_FINDING_CODES, REGISTRY_DEPENDENT_CODES, type ProbeFindingCode } from './probeCodes';
export { RFC_QUIRKS, QUIRK_NAMES, FILTER_OPERATORS, CLAIMS, resolveQuirks, type QuirkConfig, type QuirkOverrides } from './quirks/types';
export { QUIRK_DOCS, QUIRK_PROVOKES } from './quirks/docs';
export { presetTableMarkdown, quirkTableMarkdown } from './readmeTables';
export { parseSandboxConfig, lintSandboxConfig, SANDBOX_CODES, type SandboxConfig } from './config';
export { sandboxConfigSchema } from './configSchema';
export { SANDBOX_AUTH_TYPES, DEFAULT_API_KEY_HEADER, type SandboxAuth, type SandboxAuthSpec, type SandboxAuthType } from './appAuth';
export { registryAuthFor, credentialLine, credentialNoun, SANDBOX_TOKEN_SECRET, type RegistryAuth } from './registryAuth';
