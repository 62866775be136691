// The cleanup journal: every resource a probe creates is written here BEFORE the request that creates it is
// sent, gets its id once the server answers, and leaves the journal only when it is gone from the server.
// A run that is cancelled, fails or is killed leaves its entries behind for `cleanup` / "SCIM: Clean Up Probe
// Resources". Writes are synchronous and atomic (temporary file, then rename), so a SIGKILL right after
// `intend()` returns still finds the entry on disk.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../atomicWrite';

export type JournalKind = 'Users' | 'Groups';

export interface JournalEntry {
  runId: string;
  appId: string;
  baseUrl: string;
  kind: JournalKind;
  /** userName or displayName: always starts with the application's test prefix. */
  name: string;
  /** Known once the server answered the create. */
  id?: string;
  /** ISO time the entry was written (before the create was sent). */
  createdAt: string;
  /** Tells apart entries of one run with the same name (a duplicate-create check makes two). */
  key?: string;
}

/** Where a journal lives. Synchronous on purpose: see the file comment. */
export interface JournalStore {
  /** A human description of where the entries are kept (a path), for messages. */
  readonly location: string;
  read(): JournalEntry[];
  write(entries: readonly JournalEntry[]): void;
}

interface JournalFile {
  version: 1;
  note: string;
  entries: JournalEntry[];
}

const NOTE = 'SCIM Workbench probe cleanup journal: resources probes created and have not removed yet. Run `scim-workbench cleanup` (or SCIM: Clean Up Probe Resources) to remove them. Holds names and ids, never secrets.';

function isEntry(e: unknown): e is JournalEntry {
  const o = e as Partial<JournalEntry> | null;
  return !!o && typeof o.runId === 'string' && typeof o.appId === 'string' && typeof o.baseUrl === 'string' &&
    (o.kind === 'Users' || o.kind === 'Groups') && typeof o.name === 'string' && typeof o.createdAt === 'string' &&
    (o.id === undefined || typeof o.id === 'string') && (o.key === undefined || typeof o.key === 'string');
}

/** A JSON file; a missing file is an empty journal. A damaged file is an error, never silently emptied. */
export function fileJournalStore(path: string): JournalStore {
  return {
    location: path,
    read() {
      if (!existsSync(path)) return [];
      const text = readFileSync(path, 'utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new Error(`The probe cleanup journal ${path} is not valid JSON (${(err as Error).message}); fix or move it before probing again.`);
      }
      const entries = (parsed as Partial<JournalFile> | null)?.entries;
      if (!Array.isArray(entries)) throw new Error(`The probe cleanup journal ${path} has no "entries" array; fix or move it before probing again.`);
      return entries.filter(isEntry);
    },
    write(entries) {
      mkdirSync(dirname(path), { recursive: true });
      const ignore = join(dirname(path), '.gitignore');
      if (!existsSync(ignore)) writeFileSync(ignore, '# SCIM Workbench state: not for version control\n*\n');
      const file: JournalFile = { version: 1, note: NOTE, entries: [...entries] };
      writeFileAtomicSync(path, JSON.stringify(file, null, 2) + '\n');
    },
  };
}

/** Default journal: beside the registry, in `.scim-workbench/` (git-ignored by the journal itself), a file per app. */
export function defaultJournalPath(registryFile: string, appId: string): string {
  return join(dirname(registryFile), '.scim-workbench', 'probe-journal', `${appId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

/** An in-memory store, for callers that keep the journal elsewhere (tests, or a host with its own storage). */
export function memoryJournalStore(initial: JournalEntry[] = []): JournalStore {
  let entries = [...initial];
  return { location: 'memory', read: () => [...entries], write: (e) => { entries = [...e]; } };
}

/** The journal of one application. Entries of other applications in the same store are left alone. */
export class CleanupJournal {
  constructor(
    readonly store: JournalStore,
    readonly appId: string,
    readonly baseUrl: string,
  ) {}

  /** Entries of this application (every run), oldest first. */
  pending(): JournalEntry[] {
    return this.store.read().filter((e) => e.appId === this.appId);
  }

  /** Records a resource about to be created. Call before sending the create. */
  intend(runId: string, kind: JournalKind, name: string, now = new Date()): JournalEntry {
    const entry: JournalEntry = { runId, appId: this.appId, baseUrl: this.baseUrl, kind, name, createdAt: now.toISOString(), key: randomBytes(4).toString('hex') };
    this.store.write([...this.store.read(), entry]);
    return entry;
  }

  /** The server answered the create with this id. */
  created(entry: JournalEntry, id: string): void {
    entry.id = id;
    this.store.write(this.store.read().map((e) => (same(e, entry) ? { ...e, id } : e)));
  }

  /** The resource is gone from the server (deleted, or it never came to exist). */
  removed(entry: JournalEntry): void {
    this.store.write(this.store.read().filter((e) => !same(e, entry)));
  }
}

function same(a: JournalEntry, b: JournalEntry): boolean {
  if (a.key !== undefined && b.key !== undefined && a.key !== b.key) return false;
  return a.runId === b.runId && a.appId === b.appId && a.kind === b.kind && a.name === b.name;
}
