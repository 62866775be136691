// Markdown for attribute definitions, schemas and scimType values: shared by hover and completion details.
import type { AttributeDefinition, SchemaDefinition } from '../scim/types';
import { SCIM_TYPES } from '../scim/types';

export function attributeSummary(a: AttributeDefinition): string {
  return `${a.multiValued ? `${a.type}[]` : a.type}, ${a.mutability}${a.required ? ', required' : ''}`;
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** The full definition: every RFC 7643 §2.2 characteristic, canonical values, sub-attributes, description. */
export function attributeMarkdown(a: AttributeDefinition, schema: SchemaDefinition | undefined, qualifiedName: string): string {
  const rows: [string, string][] = [
    ['type', a.type + (a.referenceTypes?.length ? ` (${a.referenceTypes.join(', ')})` : '')],
    ['multiValued', String(a.multiValued)],
    ['required', String(a.required)],
    ['mutability', a.mutability],
    ['returned', a.returned],
    ['uniqueness', a.uniqueness],
    ['caseExact', String(a.caseExact)],
  ];
  if (a.canonicalValues?.length) rows.push(['canonical values', a.canonicalValues.map(code).join(', ')]);
  if (a.subAttributes?.length) rows.push(['sub-attributes', a.subAttributes.map((s) => code(s.name)).join(', ')]);
  // One line of `name value` pairs: hover tables get no column padding in VS Code and read poorly.
  const lines = [`**${qualifiedName}**${schema ? ` · ${schema.name}` : ''}`, '', a.description, '', rows.map(([k, v]) => `${k} ${v.startsWith('`') ? v : code(v)}`).join(' · ')];
  const source = a.rfcSection ?? (schema?.source === 'server' ? "the server's /Schemas" : schema?.rfcSection);
  lines.push('', `Schema: ${code(schema?.id ?? '?')}${source ? ` · defined in ${source}` : ''}`);
  return lines.join('\n');
}

export function schemaMarkdown(s: SchemaDefinition): string {
  const where = s.source === 'server' ? "from the server's /Schemas" : s.source === 'workspace' ? 'from a workspace file' : s.rfcSection;
  return [`**${s.name}** schema${where ? ` (${where})` : ''}`, '', s.description, '', code(s.id), '', `${s.attributes.length} attributes: ${s.attributes.map((a) => a.name).join(', ')}`].join('\n');
}

export function scimTypeMarkdown(value: string): string | undefined {
  const key = Object.keys(SCIM_TYPES).find((k) => k === value) ?? Object.keys(SCIM_TYPES).find((k) => k.toLowerCase() === value.toLowerCase());
  if (!key) return undefined;
  const caseNote = key === value ? '' : `\n\nThe keyword is case-sensitive: RFC 7644 spells it ${code(key)}.`;
  return `**scimType ${code(key)}** (RFC 7644 §3.12)\n\n${SCIM_TYPES[key] ?? ''}${caseNote}`;
}
