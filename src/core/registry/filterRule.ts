// REGISTRY_FILTER_SYNTAX: parses each filters[].expression with the core filter parser and maps error
// ranges back into the JSON string, across escapes and `{{placeholder}}` templates.
import type { Node } from 'jsonc-parser';
import { parseFilter } from '../filter';
import type { Finding } from '../findings';
import { childValue, decodeStringNode, rangeInString } from './jsonText';

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/**
 * Replaces each `{{name}}` placeholder with what `replace` returns for it; `inString` says whether the placeholder
 * sits inside a string literal (the author quoted it) or stands for a whole value.
 */
export function mapPlaceholders(expression: string, replace: (name: string, inString: boolean, placeholder: string) => string): string {
  const inString: boolean[] = [];
  let open = false;
  for (let i = 0; i < expression.length; i++) {
    inString.push(open);
    const ch = expression[i];
    if (ch === '\\' && open) {
      inString.push(open);
      i++;
    } else if (ch === '"') {
      open = !open;
    }
  }
  return expression.replace(PLACEHOLDER, (match, offset: number) => replace(match.slice(2, -2).trim(), inString[offset] === true, match));
}

/** The names of the `{{name}}` placeholders in an expression, in order. */
export function placeholderNames(expression: string): string[] {
  return [...expression.matchAll(PLACEHOLDER)].map((m) => m[0].slice(2, -2).trim());
}

/**
 * Replaces `{{name}}` placeholders with a neutral value of the same length, so parser offsets still line up:
 * inside a string literal with `x`s, outside one with a string literal `"xx"` (the runner substitutes values
 * that the author quotes or not; a bare placeholder stands for a whole value).
 */
export function substitutePlaceholders(expression: string): string {
  return mapPlaceholders(expression, (_name, inString, match) => (inString ? 'x'.repeat(match.length) : `"${'x'.repeat(match.length - 2)}"`));
}

export function filterFindings(appNode: Node, text: string): Finding[] {
  const filters = childValue(appNode, 'filters');
  if (filters?.type !== 'array') return [];
  const out: Finding[] = [];
  for (const item of filters.children ?? []) {
    const expr = childValue(item, 'expression');
    if (expr?.type !== 'string') continue;
    const decoded = decodeStringNode(text, expr);
    const { errors } = parseFilter(substitutePlaceholders(decoded.value));
    for (const error of errors) {
      out.push({
        code: 'REGISTRY_FILTER_SYNTAX',
        severity: 'error',
        // Offsets in the parser's message are relative to the expression; the range already says where.
        message: `Filter does not parse: ${error.message.replace(/ at \d+/g, '')}.`.replace(/\.\.$/, '.'),
        range: rangeInString(decoded, error.range.start, error.range.end),
      });
    }
  }
  return out;
}
