// Public API of the embedded SCIM sandbox (used by the CLI, the VS Code extension and the demo).
export { startSandbox, type StartOptions, type RunningSandbox, type RunningApp, type RequestLogEntry } from './sandbox';
export type { AppSpec } from './appRuntime';
export { presetNames, describePreset, findPreset, type Preset } from './presets';
export { RFC_QUIRKS, QUIRK_NAMES, FILTER_OPERATORS, resolveQuirks, type QuirkConfig, type QuirkOverrides } from './quirks/types';
export { parseSandboxConfig, lintSandboxConfig, SANDBOX_CODES, type SandboxConfig } from './config';
export { sandboxConfigSchema } from './configSchema';
