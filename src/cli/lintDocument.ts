// One entry point for "lint this file": registry files, sandbox configs, request files and SCIM payloads each go to
// their own rules, chosen by file name. It lives with the CLI because it joins the core and the sandbox (the core
// never depends on the sandbox); the editor wires each kind of file to its own rules.
import type { Finding } from '../core/findings';
import { directionFromFileName } from '../core/payloadLanguage/detect';
import { isRegistryFileName, lintRegistry } from '../core/registry';
import { analyzeRequestFile, parseRequestFile, type RequestFileApp } from '../core/requestFile';
import { analyzePayload, type PayloadOptions } from '../core/scim/payloadRules';
import { lintSandboxConfig } from '../sandbox/config';

export { directionFromFileName };

export type LintKind = 'registry' | 'sandboxConfig' | 'requestFile' | string;

export interface LintResult {
  /** 'registry', 'sandboxConfig', 'requestFile', or the payload kind ('user', 'patchOp', 'listResponse', ...). */
  kind: LintKind;
  findings: Finding[];
}

export interface LintOptions extends PayloadOptions {
  /** The registry applications request files may name; when absent, their `@app` ids are not checked. */
  apps?: readonly RequestFileApp[];
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export function isSandboxConfigFileName(fileName: string): boolean {
  return /\.scim-sandbox\.jsonc?$/i.test(baseName(fileName));
}

/** A request file (language `scim-request`) by the extensions the editor gives that language. */
export function isRequestFileName(fileName: string): boolean {
  return /\.scim(\.http)?$/i.test(baseName(fileName));
}

export function lintDocument(fileName: string, text: string, opts: LintOptions = {}): LintResult {
  if (isRegistryFileName(fileName)) return { kind: 'registry', findings: lintRegistry(text) };
  if (isSandboxConfigFileName(fileName)) return { kind: 'sandboxConfig', findings: lintSandboxConfig(text) };
  const { apps, ...payloadOptions } = opts;
  if (isRequestFileName(fileName)) {
    return { kind: 'requestFile', findings: analyzeRequestFile(parseRequestFile(text), { apps, catalog: payloadOptions.catalog }) };
  }
  const { kind, findings } = analyzePayload(text, { direction: directionFromFileName(fileName), ...payloadOptions });
  return { kind, findings };
}
