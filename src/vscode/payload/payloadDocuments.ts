// Which open documents are SCIM payloads: `*.scim.json(c)` by name, any JSON/JSONC document by content (its
// top-level `schemas` names a SCIM URN, judged from the first 4 KB) unless the user turned that off. The answer is
// cached per document version, so a keystroke costs one prefix scan at most.
import * as vscode from 'vscode';
import { directionFromFileName, hasScimSchemas, isScimPayloadFileName } from '../../core/payloadLanguage';
import type { Direction } from '../../core/scim/payloadModel';

export const PAYLOAD_SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
const CONTENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'memfs']);

const cache = new WeakMap<vscode.TextDocument, { version: number; payload: boolean }>();

export function isPayloadDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
  if (!CONTENT_SCHEMES.has(doc.uri.scheme)) return false;
  if (isScimPayloadFileName(doc.uri.path)) return true;
  if (!vscode.workspace.getConfiguration('scimWorkbench.payloads', doc).get<boolean>('detectByContent', true)) return false;
  const hit = cache.get(doc);
  if (hit && hit.version === doc.version) return hit.payload;
  const payload = hasScimSchemas(doc.getText(new vscode.Range(0, 0, 200, 0)));
  cache.set(doc, { version: doc.version, payload });
  return payload;
}

/** From the name: `*.request.scim.json` / `*.response.scim.json`; otherwise the rules guess. */
export function payloadDirection(doc: vscode.TextDocument): Direction {
  return directionFromFileName(doc.uri.path);
}

/** Whether VS Code's JSON support also sees the document through our jsonValidation schema. */
export function jsonSchemaCovers(doc: vscode.TextDocument): boolean {
  return isScimPayloadFileName(doc.uri.path);
}
