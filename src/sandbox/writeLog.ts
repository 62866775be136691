// The write log: every POST, PUT, PATCH and DELETE an app receives on /Users and /Groups (operations inside /Bulk
// included), with the status it got, whatever that status was. Tests of the probes read it to prove that nothing
// outside the test prefix was touched; `GET /apps/<id>/_sandbox/writes` and `scim-workbench sandbox --write-log`
// expose it. It records names and ids only: no headers, no bodies, so no secrets.
import type { RequestHandler } from 'express';
import type { AppRuntime } from './appRuntime';
import { onResponse } from './http';
import { internalMarker } from './internal';
import { resourceTarget } from './quirks/requestUtil';
import type { ScimRecord } from './store';

export interface WriteLogEntry {
  /** 1, 2, 3... per app; never reused, not even after a reset. */
  seq: number;
  /** When the request arrived (ISO 8601, the app's clock). */
  time: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the app's base URL, without the query: `/Users/2819c223-...`. */
  path: string;
  resourceType: 'User' | 'Group';
  /** The target's id, or the id a POST created. */
  id?: string;
  /** userName (User) or displayName (Group): the target's before the write, or as sent in a POST. */
  name?: string;
  /** The name after the write, when the response shows it changed. */
  nameAfter?: string;
  /** Whether the target existed when the request arrived (always false for POST). */
  existed: boolean;
  /** The HTTP status answered (0 when the client went away before any answer). */
  status: number;
  /** Set for the operations of a /Bulk request (with the operation's bulkId, if any). */
  bulk?: { bulkId?: string };
}

type Pending = Omit<WriteLogEntry, 'seq' | 'status'>;

export class WriteLog {
  private entries: WriteLogEntry[] = [];
  private lastSeq = 0;
  /** Entries dropped because the log reached its limit (oldest first). */
  dropped = 0;

  constructor(
    private readonly onWrite?: (entry: WriteLogEntry) => void,
    private readonly limit = 1_000_000,
  ) {}

  add(pending: Pending, status: number): WriteLogEntry {
    const entry: WriteLogEntry = { seq: ++this.lastSeq, ...pending, status };
    this.entries.push(entry);
    if (this.entries.length > this.limit) {
      this.entries.shift();
      this.dropped++;
    }
    try {
      this.onWrite?.(entry);
    } catch {
      // A failing listener (a full disk behind --write-log) must not fail the request that was logged.
    }
    return entry;
  }

  /** Entries with seq > since, oldest first. */
  list(since = 0): WriteLogEntry[] {
    return since > 0 ? this.entries.filter((e) => e.seq > since) : [...this.entries];
  }

  clear(): void {
    this.entries = [];
    this.dropped = 0;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function nameOf(resourceType: 'User' | 'Group', value: unknown): string | undefined {
  const v = (value as Record<string, unknown> | undefined)?.[resourceType === 'User' ? 'userName' : 'displayName'];
  return typeof v === 'string' ? v : undefined;
}

const pendingWrites = new WeakMap<object, Pending>();

/** Registered first in an app's pipeline, so every write is logged with its final status (429s and 503s too). */
export function writeLogStart(app: AppRuntime): RequestHandler {
  return (req, res, next) => {
    if (!WRITE_METHODS.has(req.method)) return next();
    const target = resourceTarget(req);
    if (!target) return next();
    const resourceType = target.collection === 'Users' ? 'User' : 'Group';
    const id = target.id;
    const existing: ScimRecord | undefined = id === undefined ? undefined : (resourceType === 'User' ? app.users : app.groups).get(id);
    const marker = internalMarker(req, app.internalSecret);
    const pending: Pending = {
      time: new Date(app.now()).toISOString(),
      method: req.method as Pending['method'],
      path: req.path,
      resourceType,
      ...(id !== undefined ? { id } : {}),
      ...(existing ? { name: nameOf(resourceType, existing) } : {}),
      existed: existing !== undefined,
      ...(marker ? { bulk: marker.bulkId !== undefined ? { bulkId: marker.bulkId } : {} } : {}),
    };
    pendingWrites.set(req, pending);
    onResponse(res, (out) => {
      if (out.status >= 300 || !out.body || typeof out.body !== 'object') return;
      const body = out.body as Record<string, unknown>;
      if (pending.id === undefined && typeof body['id'] === 'string') pending.id = body['id'];
      const after = nameOf(resourceType, body);
      if (after !== undefined && after !== pending.name) pending.nameAfter = after;
    });
    res.on('close', () => app.writes.add(pending, res.headersSent ? res.statusCode : 0));
    next();
  };
}

/** After body parsing: a POST (or a PUT to a missing id) is logged under the name it sent. */
export function writeLogBody(): RequestHandler {
  return (req, _res, next) => {
    const pending = pendingWrites.get(req);
    if (pending && pending.name === undefined && (req.method === 'POST' || req.method === 'PUT')) {
      const sent = nameOf(pending.resourceType, req.body);
      if (sent !== undefined) pending.name = sent;
    }
    next();
  };
}
