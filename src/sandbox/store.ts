// In-memory storage for one application's Users or Groups. SCIMMY owns the SCIM semantics (schema coercion,
// PATCH, Bulk); this store only keeps records, hands out versions and enforces server-side uniqueness.
// Lists are served from an insertion-ordered array so paging 100k records is a slice, not a sort.

export interface RecordMeta {
  resourceType: string;
  created: string;
  lastModified: string;
  version: string;
}

export type ScimRecord = Record<string, unknown> & { id: string; meta: RecordMeta };

export class UniquenessError extends Error {
  constructor(
    readonly attribute: string,
    readonly value: string,
  ) {
    super(`${attribute} '${value}' is already in use`);
  }
}

export interface StoreOptions {
  resourceType: 'User' | 'Group';
  /** The attribute whose values must be unique (userName for Users), or undefined. */
  uniqueAttribute?: string;
  /** RFC 7643 userName is caseExact=false, so uniqueness ignores case unless this is set (a vendor quirk). */
  uniqueCaseSensitive?: boolean;
}

export class ResourceStore {
  readonly resourceType: 'User' | 'Group';
  private readonly byId = new Map<string, ScimRecord>();
  private ordered: ScimRecord[] = [];
  private orderDirty = false;
  private readonly unique = new Map<string, string>();
  private readonly uniqueAttribute: string | undefined;
  private readonly caseSensitive: boolean;
  private version = 0;

  constructor(options: StoreOptions) {
    this.resourceType = options.resourceType;
    this.uniqueAttribute = options.uniqueAttribute;
    this.caseSensitive = options.uniqueCaseSensitive ?? false;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ScimRecord | undefined {
    return this.byId.get(id);
  }

  /** Every record in creation order. The array is shared: callers must not mutate it. */
  list(): readonly ScimRecord[] {
    if (this.orderDirty) {
      this.ordered = this.ordered.filter((r) => this.byId.get(r.id) === r);
      this.orderDirty = false;
    }
    return this.ordered;
  }

  nextVersion(): string {
    return `W/"${++this.version}"`;
  }

  /** Adds a record built by the caller (seeding, or a create that already has id and meta). */
  insert(record: ScimRecord): ScimRecord {
    if (this.byId.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.checkUnique(record, undefined);
    this.byId.set(record.id, record);
    this.ordered.push(record);
    this.index(record);
    return record;
  }

  /** Replaces the record with the same id, keeping its place in the list order. */
  replace(record: ScimRecord): ScimRecord {
    const old = this.byId.get(record.id);
    if (!old) throw new Error(`no record ${record.id}`);
    this.checkUnique(record, record.id);
    this.unindex(old);
    this.byId.set(record.id, record);
    const at = this.ordered.indexOf(old);
    if (at >= 0) this.ordered[at] = record;
    this.index(record);
    return record;
  }

  delete(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    this.byId.delete(id);
    this.unindex(old);
    this.orderDirty = true;
    return true;
  }

  private key(record: ScimRecord): string | undefined {
    if (!this.uniqueAttribute) return undefined;
    const value = record[this.uniqueAttribute];
    if (typeof value !== 'string') return undefined;
    return this.caseSensitive ? value : value.toLowerCase();
  }

  private checkUnique(record: ScimRecord, selfId: string | undefined): void {
    const key = this.key(record);
    if (key === undefined || !this.uniqueAttribute) return;
    const owner = this.unique.get(key);
    if (owner !== undefined && owner !== selfId) {
      throw new UniquenessError(this.uniqueAttribute, String(record[this.uniqueAttribute]));
    }
  }

  private index(record: ScimRecord): void {
    const key = this.key(record);
    if (key !== undefined) this.unique.set(key, record.id);
  }

  private unindex(record: ScimRecord): void {
    const key = this.key(record);
    if (key !== undefined && this.unique.get(key) === record.id) this.unique.delete(key);
  }
}
