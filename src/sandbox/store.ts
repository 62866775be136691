// In-memory storage for one application's Users or Groups. SCIMMY owns the SCIM semantics (schema coercion,
// PATCH, Bulk); this store only keeps records, hands out versions and enforces server-side uniqueness.
// Lists are served from an insertion-ordered array so paging 100k records is a slice, not a sort. Every record
// also gets a sequence number at insertion, increasing along that array, so a cursor can find "the first record
// after the one I stopped at" by binary search instead of a scan.

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

/** Called after every change: (undefined, r) inserted, (old, new) replaced, (old, undefined) deleted. */
export type StoreListener = (before: ScimRecord | undefined, after: ScimRecord | undefined) => void;

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
  /** The seq of each record of `ordered`, in step with it: a cursor walk searches numbers, not a WeakMap. */
  private orderedSeqs: number[] = [];
  private orderDirty = false;
  private readonly unique = new Map<string, string>();
  private readonly uniqueAttribute: string | undefined;
  private readonly caseSensitive: boolean;
  private version = 0;
  private readonly seqs = new WeakMap<ScimRecord, number>();
  private lastSeq = 0;
  private readonly listeners: StoreListener[] = [];

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

  /** Insertion sequence of a record (a replacement keeps it): increases along list(), never reused. */
  seqOf(record: ScimRecord): number | undefined {
    return this.seqs.get(record);
  }

  /** Index in `records` (a sub-sequence of list(), e.g. filtered) of the first record inserted after `seq`. */
  indexAfter(records: readonly ScimRecord[], seq: number): number {
    const seqs = records === this.ordered ? this.orderedSeqs : undefined;
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs ? (seqs[mid] as number) : (this.seqs.get(records[mid] as ScimRecord) ?? 0)) <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  subscribe(listener: StoreListener): void {
    this.listeners.push(listener);
  }

  private changed(before: ScimRecord | undefined, after: ScimRecord | undefined): void {
    for (const l of this.listeners) l(before, after);
  }

  /** Every record in creation order. The array is shared: callers must not mutate it. */
  list(): readonly ScimRecord[] {
    if (this.orderDirty) {
      const kept = this.ordered.map((r, i) => [r, this.orderedSeqs[i] as number] as const).filter(([r]) => this.byId.get(r.id) === r);
      this.ordered = kept.map(([r]) => r);
      this.orderedSeqs = kept.map(([, seq]) => seq);
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
    this.seqs.set(record, ++this.lastSeq);
    this.ordered.push(record);
    this.orderedSeqs.push(this.lastSeq);
    this.index(record);
    this.changed(undefined, record);
    return record;
  }

  /** Replaces the record with the same id, keeping its place in the list order. */
  replace(record: ScimRecord): ScimRecord {
    const old = this.byId.get(record.id);
    if (!old) throw new Error(`no record ${record.id}`);
    this.checkUnique(record, record.id);
    this.unindex(old);
    this.byId.set(record.id, record);
    const seq = this.seqs.get(old) ?? 0;
    this.seqs.set(record, seq);
    // The list is ordered by seq (deleted records included until compaction), so the old record is found by
    // binary search rather than a scan of 100k entries.
    const at = this.indexAfter(this.ordered, seq - 1);
    if (this.ordered[at] !== old) throw new Error(`store order lost record ${record.id}`);
    this.ordered[at] = record;
    this.index(record);
    this.changed(old, record);
    return record;
  }

  delete(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    this.byId.delete(id);
    this.unindex(old);
    this.orderDirty = true;
    this.changed(old, undefined);
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
