// The requests each identity provider sends during provisioning, as its vendor documents them. The probes send
// these forms verbatim, so a finding says "this is what Entra (or Okta) sends, and this is what happened".
// Sources:
// - RFC 7644 §3.5.2 (PATCH; remove with `members[value eq "..."]` is the RFC's own example, §3.5.2.2).
// - Microsoft Entra, "Known issues and resolutions with SCIM 2.0 protocol compliance" (default behaviour, without
//   the `aadOptscim062020` flag): `"op": "Replace"`, `"value": "False"`, member removal as
//   `{"op": "Remove", "path": "members", "value": [{"value": "<id>"}]}`; with the flag, a path-less `replace`
//   whose value carries dotted keys (`"name.givenName"`). Microsoft Entra, "Tutorial: Develop and plan
//   provisioning for a SCIM endpoint": users looked up with `filter=userName eq "..."`, groups with
//   `excludedAttributes=members&filter=displayName eq "..."`, members added with `"op": "Add"` and `"$ref": null`.
// - Okta, "SCIM 2.0 Protocol Reference": users looked up with `filter=userName eq "..."&startIndex=1&count=100`,
//   deactivation as a path-less `{"op": "replace", "value": {"active": false}}`, profile updates as GET then PUT,
//   member removal with `members[value eq "..."]`, and a full push of membership as `replace` of `members`.
import type { ScimRequest } from '../http';
import type { IdpProfile } from '../registry/model';
import type { AnyProbeCode } from './codes';
import type { FindingSeverity } from './types';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export interface PatchBody {
  schemas: string[];
  Operations: PatchOperation[];
}

export function patchBody(...ops: PatchOperation[]): PatchBody {
  return { schemas: [PATCH_SCHEMA], Operations: ops };
}

/** Ways an IdP's PATCH departs from the RFC form; each can be tried on its own to find which one a server refuses. */
export type PatchFeature = 'capitalisedOps' | 'stringBooleans' | 'pathless';

export const PATCH_FEATURES: Readonly<Record<PatchFeature, { label: string; rejected: AnyProbeCode; ignored: AnyProbeCode }>> = {
  capitalisedOps: { label: 'a capitalised op ("Replace")', rejected: 'PATCH_CAPITALISED_OP_REJECTED', ignored: 'PATCH_CAPITALISED_OP_IGNORED' },
  stringBooleans: { label: 'a boolean sent as a string ("False")', rejected: 'PATCH_STRING_BOOLEAN_REJECTED', ignored: 'PATCH_STRING_BOOLEAN_IGNORED' },
  pathless: { label: 'a path-less replace ({"active": false})', rejected: 'PATCH_PATHLESS_REJECTED', ignored: 'PATCH_PATHLESS_REJECTED' },
};

const capitalise = (op: string): string => op.charAt(0).toUpperCase() + op.slice(1).toLowerCase();
const stringBoolean = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 'True' : 'False') : v);

/** The RFC operations rewritten with some IdP features, e.g. Entra's `Replace` with `"False"`. */
export function withFeatures(ops: readonly PatchOperation[], features: readonly PatchFeature[]): PatchOperation[] {
  return ops.map((o) => {
    let op: PatchOperation = { ...o };
    if (features.includes('stringBooleans')) op.value = stringBoolean(op.value);
    if (features.includes('pathless') && op.path !== undefined && !op.path.includes('[') && op.op.toLowerCase() !== 'remove') {
      op = { op: op.op, value: { [op.path]: op.value } };
    }
    if (features.includes('capitalisedOps')) op.op = capitalise(op.op);
    return op;
  });
}

/** RFC deactivation: `replace` of `active` with a JSON boolean. */
export const RFC_DEACTIVATE: readonly PatchOperation[] = [{ op: 'replace', path: 'active', value: false }];
export const RFC_REACTIVATE: readonly PatchOperation[] = [{ op: 'replace', path: 'active', value: true }];

export interface MemberChange {
  /** What the form is called in checks and findings. */
  form: string;
  body: PatchBody;
}

export interface IdpStyle {
  profile: IdpProfile;
  /** The IdP's name in messages. */
  name: string;
  /** How this IdP deactivates a user: the RFC operation with these features. */
  deactivationFeatures: readonly PatchFeature[];
  /** Adds members the way this IdP does. */
  addMembers(ids: readonly string[]): MemberChange;
  /**
   * Removes `remove` the way this IdP does. `keep` is the membership that must remain: an IdP that pushes the
   * whole list (Okta's replace) sends it.
   */
  removeMembers(remove: readonly string[], keep: readonly string[]): MemberChange;
  /** The lookup the IdP sends before creating a user. */
  userLookup(userName: string): ScimRequest;
  /** The lookup the IdP sends before creating (or to find) a group. */
  groupLookup(displayName: string): ScimRequest;
}

export function eqFilter(attribute: string, value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}

/** RFC 7644 forms: add with a value array, remove by value filter (§3.5.2.2). */
export const RFC_STYLE: IdpStyle = {
  profile: 'rfc',
  name: 'an RFC 7644 client',
  deactivationFeatures: [],
  addMembers: (ids) => ({ form: 'RFC add', body: patchBody({ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }) }),
  removeMembers: (remove) => ({
    form: 'RFC remove by filter',
    body: patchBody(...remove.map((id) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` }))),
  }),
  userLookup: (userName) => ({ method: 'GET', path: '/Users', query: { filter: eqFilter('userName', userName) } }),
  groupLookup: (displayName) => ({ method: 'GET', path: '/Groups', query: { filter: eqFilter('displayName', displayName) } }),
};

/** Microsoft Entra ID's default (non-compliance-flag) forms. */
export const ENTRA_STYLE: IdpStyle = {
  profile: 'entra',
  name: 'Microsoft Entra ID',
  deactivationFeatures: ['capitalisedOps', 'stringBooleans'],
  addMembers: (ids) => ({ form: 'Entra "Add"', body: patchBody({ op: 'Add', path: 'members', value: ids.map((value) => ({ $ref: null, value })) }) }),
  removeMembers: (remove) => ({ form: 'Entra "Remove" with a value array', body: patchBody({ op: 'Remove', path: 'members', value: remove.map((value) => ({ value })) }) }),
  userLookup: (userName) => ({ method: 'GET', path: '/Users', query: { filter: eqFilter('userName', userName) } }),
  groupLookup: (displayName) => ({ method: 'GET', path: '/Groups', query: { excludedAttributes: 'members', filter: eqFilter('displayName', displayName) } }),
};

/** Okta's forms for OIN integrations (PATCH); its AIW integrations use PUT for groups, which the lifecycle probe replays. */
export const OKTA_STYLE: IdpStyle = {
  profile: 'okta',
  name: 'Okta',
  deactivationFeatures: ['pathless'],
  addMembers: (ids) => ({ form: 'Okta add', body: patchBody({ op: 'add', path: 'members', value: ids.map((value) => ({ value, display: value })) }) }),
  removeMembers: (_remove, keep) => ({ form: 'Okta replace of the whole member list', body: patchBody({ op: 'replace', path: 'members', value: keep.map((value) => ({ value, display: value })) }) }),
  userLookup: (userName) => ({ method: 'GET', path: '/Users', query: { filter: eqFilter('userName', userName), startIndex: 1, count: 100 } }),
  groupLookup: (displayName) => ({ method: 'GET', path: '/Groups', query: { filter: eqFilter('displayName', displayName), startIndex: 1, count: 100 } }),
};

export function idpStyle(profile: IdpProfile): IdpStyle {
  return profile === 'entra' ? ENTRA_STYLE : profile === 'okta' ? OKTA_STYLE : RFC_STYLE;
}

/** The deactivation request `style` sends. */
export function deactivationBody(style: IdpStyle): PatchBody {
  return patchBody(...withFeatures(RFC_DEACTIVATE, style.deactivationFeatures));
}

/**
 * A form the chosen IdP sends that the server refuses breaks that IdP's provisioning: an error. Under another
 * profile the code's own severity applies.
 */
export function featureSeverity(style: IdpStyle, feature: PatchFeature): FindingSeverity | undefined {
  return style.deactivationFeatures.includes(feature) ? 'error' : undefined;
}
