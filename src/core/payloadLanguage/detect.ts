// Which documents are SCIM payloads, decided cheaply: the editor asks for every JSON document it opens, so
// content detection looks at the first few KB only and never parses the whole text.
import { createScanner } from 'jsonc-parser';
import type { Direction } from '../scim/payloadModel';

/** How much of a document content detection reads. A top-level `schemas` after this is not seen. */
export const DETECT_PREFIX_CHARS = 4096;

// jsonc-parser's SyntaxKind is an ambient const enum, which isolatedModules cannot read: its values, as published.
const SyntaxKind = {
  OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5, ColonToken: 6,
  StringLiteral: 10, LineCommentTrivia: 12, BlockCommentTrivia: 13, LineBreakTrivia: 14, Trivia: 15, EOF: 17,
} as const;

const NAME_PATTERN = /\.scim\.jsonc?$/i;
const SCIM_URN_PREFIX = 'urn:ietf:params:scim:';

/** `*.scim.json` and `*.scim.jsonc` (any directory, case-insensitive). */
export function isScimPayloadFileName(fileName: string): boolean {
  return NAME_PATTERN.test(fileName);
}

/**
 * How the payload travels, from its name: `*.request.scim.json` (or `.req.`) is a request body,
 * `*.response.scim.json` (or `.res.`) a response body; anything else is `unknown` and the rules guess per document.
 * The editor and the CLI both decide with this.
 */
export function directionFromFileName(fileName: string): Direction {
  const lower = fileName.toLowerCase();
  if (/\.(request|req)\.scim\.jsonc?$/.test(lower)) return 'request';
  if (/\.(response|res)\.scim\.jsonc?$/.test(lower)) return 'response';
  return 'unknown';
}

/**
 * True when the document's top-level object has a `schemas` member naming a SCIM URN within the first
 * DETECT_PREFIX_CHARS characters. A substring pre-check rejects most JSON files without scanning.
 */
export function hasScimSchemas(text: string): boolean {
  const head = text.length > DETECT_PREFIX_CHARS ? text.slice(0, DETECT_PREFIX_CHARS) : text;
  if (!head.includes('"schemas"') && !/"schemas"/i.test(head)) return false;
  if (!head.toLowerCase().includes(SCIM_URN_PREFIX)) return false;
  const s = createScanner(head, true);
  // Containers open at the current position ('{' or '['); `schemasValue` is set right after `"schemas":` at the top.
  const stack: string[] = [];
  let expectKey = false;
  let schemasValue = false;
  let inSchemasArray = false;
  for (let t: number = s.scan(); t !== SyntaxKind.EOF; t = s.scan()) {
    switch (t) {
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        continue;
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        inSchemasArray = schemasValue && t === SyntaxKind.OpenBracketToken;
        stack.push(t === SyntaxKind.OpenBraceToken ? '{' : '[');
        expectKey = t === SyntaxKind.OpenBraceToken;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        stack.pop();
        if (stack.length <= 1) inSchemasArray = false;
        if (stack.length === 0) return false;
        break;
      case SyntaxKind.CommaToken:
        expectKey = stack[stack.length - 1] === '{';
        break;
      case SyntaxKind.ColonToken:
        expectKey = false;
        continue; // keeps `schemasValue` for the token after the colon
      case SyntaxKind.StringLiteral: {
        const value = s.getTokenValue();
        if (stack.length === 1 && expectKey) {
          expectKey = false;
          schemasValue = value.toLowerCase() === 'schemas';
          continue;
        }
        const direct = schemasValue || (inSchemasArray && stack.length === 2);
        if (direct && value.toLowerCase().startsWith(SCIM_URN_PREFIX)) return true;
        break;
      }
      default:
        break;
    }
    schemasValue = false;
  }
  return false;
}
