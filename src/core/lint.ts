// One entry point for "lint this file": registry files, sandbox configs and SCIM payloads each go to their
// own rules, chosen by file name. The CLI's `lint` command and the editor both call this.
import type { Finding } from './findings';
import { isRegistryFileName, lintRegistry } from './registry';
import { analyzePayload, type PayloadOptions } from './scim/payloadRules';
import { lintSandboxConfig } from '../sandbox/config';

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

/** Direction from the file name: `*.request.scim.json` / `*.response.scim.json` (also `.req.` / `.res.`). */
export function directionFromFileName(fileName: string): PayloadOptions['direction'] {
  const name = baseName(fileName).toLowerCase();
  if (/\.(request|req)\.scim\.jsonc?$/.test(name)) return 'request';
  if (/\.(response|res)\.scim\.jsonc?$/.test(name)) return 'response';
  return 'unknown';
}

export function lintDocument(fileName: string, text: string, opts: PayloadOptions = {}): LintResult {
  if (isRegistryFileName(fileName)) return { kind: 'registry', findings: lintRegistry(text) };
  if (isSandboxConfigFileName(fileName)) return { kind: 'sandboxConfig', findings: lintSandboxConfig(text) };
  const { kind, findings } = analyzePayload(text, { direction: directionFromFileName(fileName), ...opts });
  return { kind, findings };
}
