// One entry point for "lint this file": registry files, sandbox configs and SCIM payloads each go to their
// own rules, chosen by file name. It lives with the CLI because it joins the core and the sandbox (the core never
// depends on the sandbox); the editor wires each kind of file to its own rules.
import type { Finding } from '../core/findings';
import { directionFromFileName } from '../core/payloadLanguage/detect';
import { isRegistryFileName, lintRegistry } from '../core/registry';
import { analyzePayload, type PayloadOptions } from '../core/scim/payloadRules';
import { lintSandboxConfig } from '../sandbox/config';

export { directionFromFileName };

export type LintKind = 'registry' | 'sandboxConfig' | string;

export interface LintResult {
  /** 'registry', 'sandboxConfig', or the payload kind ('user', 'patchOp', 'listResponse', ...). */
  kind: LintKind;
  findings: Finding[];
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export function isSandboxConfigFileName(fileName: string): boolean {
  return /\.scim-sandbox\.jsonc?$/i.test(baseName(fileName));
}

export function lintDocument(fileName: string, text: string, opts: PayloadOptions = {}): LintResult {
  if (isRegistryFileName(fileName)) return { kind: 'registry', findings: lintRegistry(text) };
  if (isSandboxConfigFileName(fileName)) return { kind: 'sandboxConfig', findings: lintSandboxConfig(text) };
  const { kind, findings } = analyzePayload(text, { direction: directionFromFileName(fileName), ...opts });
  return { kind, findings };
}
