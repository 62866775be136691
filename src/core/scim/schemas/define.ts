// Terse builders for attribute definitions. RFC 7643 §2.2 gives the defaults a definition may omit
// (required false, caseExact false, mutability readWrite, returned default, uniqueness none), so each schema
// file states only what differs from them, which keeps the data readable against the RFC text.
import type { AttributeDefinition, AttributeType, AttributeExtras } from '../types';

export type Attr = AttributeDefinition & AttributeExtras;
type Overrides = Partial<Omit<Attr, 'name' | 'type' | 'description'>>;

export function attr(name: string, type: AttributeType, description: string, o: Overrides = {}): Attr {
  const def: Attr = {
    name,
    type,
    multiValued: o.multiValued ?? false,
    description,
    required: o.required ?? false,
    caseExact: o.caseExact ?? false,
    mutability: o.mutability ?? 'readWrite',
    returned: o.returned ?? 'default',
    uniqueness: o.uniqueness ?? 'none',
  };
  if (o.canonicalValues) def.canonicalValues = o.canonicalValues;
  if (o.referenceTypes) def.referenceTypes = o.referenceTypes;
  if (o.subAttributes) def.subAttributes = o.subAttributes;
  if (o.rfcSection) def.rfcSection = o.rfcSection;
  if (o.anyValue) def.anyValue = true;
  if (o.closedValues) def.closedValues = true;
  return def;
}

export const str = (n: string, d: string, o?: Overrides): Attr => attr(n, 'string', d, o);
export const bool = (n: string, d: string, o?: Overrides): Attr => attr(n, 'boolean', d, o);
export const int = (n: string, d: string, o?: Overrides): Attr => attr(n, 'integer', d, o);
export const ref = (n: string, d: string, referenceTypes: string[], o?: Overrides): Attr =>
  attr(n, 'reference', d, { ...o, referenceTypes });
export const complex = (n: string, d: string, subAttributes: Attr[], o?: Overrides): Attr =>
  attr(n, 'complex', d, { ...o, subAttributes });

/** Sets the same characteristic on an attribute and all its sub-attributes (e.g. readOnly `groups`). */
export function deep(a: Attr, o: Overrides): Attr {
  const copy: Attr = { ...a, ...o };
  if (a.subAttributes) copy.subAttributes = a.subAttributes.map((s) => deep(s, o));
  return copy;
}

/** Tags every attribute (and sub-attribute) without an rfcSection with the given one. */
export function section(attrs: Attr[], rfcSection: string): Attr[] {
  return attrs.map((a) => {
    const copy: Attr = { ...a, rfcSection: a.rfcSection ?? rfcSection };
    if (a.subAttributes) copy.subAttributes = section(a.subAttributes, rfcSection);
    return copy;
  });
}

/**
 * The sub-attributes RFC 7643 §2.4 gives multi-valued attributes (value, display, type, primary), with the
 * canonical type values the schema names.
 */
export function multi(valueType: AttributeType, valueDescription: string, noun: string, types?: string[]): Attr[] {
  return [
    attr('value', valueType, valueDescription, valueType === 'reference' ? { referenceTypes: ['external'] } : {}),
    str('display', 'A human-readable name, primarily used for display purposes. READ-ONLY.'),
    str('type', `A label indicating the ${noun}'s function${types && types.length ? `, e.g. ${types.map((t) => `'${t}'`).join(', ')}` : ''}.`, types && types.length ? { canonicalValues: types } : {}),
    bool('primary', `A Boolean value indicating the 'primary' or preferred ${noun} value. The primary attribute value 'true' MUST appear no more than once.`),
  ];
}
