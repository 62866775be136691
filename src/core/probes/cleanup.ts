// Removes what probes created, from the journal: at the end of every run, and later by `scim-workbench cleanup`
// or "SCIM: Clean Up Probe Resources" for runs that were cancelled, failed or killed. It deletes only resources
// whose name starts with the test prefix and that the server still names as journalled, so an id reused by the
// server for someone else's resource is never touched.
import { compactExchange, type Exchange, type ScimClient, type SendResult } from '../http';
import type { CleanupJournal, JournalEntry } from './journal';
import type { CleanupSummary } from './types';

export interface CleanupOptions {
  /** Every name must start with this (the application's testUserPrefix). */
  prefix: string;
  /** Only entries of this run (the end of a run); all of the application's entries when absent. */
  runId?: string;
  signal?: AbortSignal;
  /** Each exchange, compacted, for the run's transcript. */
  onExchange?: (exchange: Exchange) => void;
  onProgress?: (message: string, done: number, total: number) => void;
}

const nameAttribute = (entry: JournalEntry): string => (entry.kind === 'Users' ? 'userName' : 'displayName');

/** The resource's name; a user created without userName (a required-attribute check) carries it in externalId. */
function nameOf(resource: unknown, entry: JournalEntry): string | undefined {
  const r = resource as Record<string, unknown> | null;
  const v = r?.[nameAttribute(entry)] ?? (entry.kind === 'Users' ? r?.['externalId'] : undefined);
  return typeof v === 'string' ? v : undefined;
}

function describe(result: SendResult): string {
  if (result.exchange.error) return result.exchange.error.message;
  const detail = (result.json as { detail?: unknown } | undefined)?.detail;
  return `${result.status ?? '?'}${typeof detail === 'string' ? `: ${detail}` : ''}`;
}

export async function cleanUpJournal(client: ScimClient, journal: CleanupJournal, opts: CleanupOptions): Promise<CleanupSummary> {
  const entries = journal.pending().filter((e) => opts.runId === undefined || e.runId === opts.runId);
  const summary: CleanupSummary = { created: entries.length, deleted: 0, failed: [] };
  const send = async (method: string, path: string): Promise<SendResult> => {
    const result = await client.send({ method, path }, opts.signal ? { signal: opts.signal } : {});
    opts.onExchange?.(compactExchange(result.exchange));
    return result;
  };
  const fail = (entry: JournalEntry, reason: string): void => {
    summary.failed.push({ kind: entry.kind, name: entry.name, ...(entry.id !== undefined ? { id: entry.id } : {}), reason });
  };

  let done = 0;
  for (const entry of entries) {
    opts.onProgress?.(`removing ${entry.kind === 'Users' ? 'user' : 'group'} ${entry.name}`, done++, entries.length);
    if (opts.signal?.aborted) {
      fail(entry, 'cleanup was cancelled; it stays in the journal');
      continue;
    }
    if (!entry.name.startsWith(opts.prefix)) {
      fail(entry, `its name does not start with the test prefix ${opts.prefix}; not touched`);
      continue;
    }
    const ids: string[] = [];
    if (entry.id !== undefined) {
      const got = await send('GET', `/${entry.kind}/${encodeURIComponent(entry.id)}`);
      if (got.status === 404) {
        journal.removed(entry);
        summary.deleted++;
        continue;
      }
      if (!got.ok) {
        fail(entry, `could not read it back (${describe(got)})`);
        continue;
      }
      const actual = nameOf(got.json, entry);
      if (actual === undefined || actual.toLowerCase() !== entry.name.toLowerCase()) {
        fail(entry, `the server's resource ${entry.id} is now named ${actual === undefined ? '(no name)' : `"${actual}"`}, not "${entry.name}"; not touched`);
        continue;
      }
      ids.push(entry.id);
    } else {
      // The create's answer was lost (a 5xx, a reset, a kill): look the name up (filter values are JSON strings).
      const filter = `${nameAttribute(entry)} eq ${JSON.stringify(entry.name)}`;
      const found = await send('GET', `/${entry.kind}?filter=${encodeURIComponent(filter)}&count=10`);
      // Some servers answer a filter that matches nothing with 404 (EMPTY_FILTER_NOT_200): nothing to delete.
      if (found.status === 404) {
        journal.removed(entry);
        summary.deleted++;
        continue;
      }
      if (!found.ok) {
        fail(entry, `could not look it up by ${nameAttribute(entry)} (${describe(found)})`);
        continue;
      }
      const resources = (found.json as { Resources?: unknown } | undefined)?.Resources;
      for (const r of Array.isArray(resources) ? resources : []) {
        const id = (r as { id?: unknown }).id;
        if (typeof id === 'string' && nameOf(r, entry)?.toLowerCase() === entry.name.toLowerCase()) ids.push(id);
      }
    }
    let ok = true;
    for (const id of ids) {
      const del = await send('DELETE', `/${entry.kind}/${encodeURIComponent(id)}`);
      if (!del.ok && del.status !== 404) {
        ok = false;
        fail(entry, `DELETE answered ${describe(del)}`);
      }
    }
    if (ok) {
      journal.removed(entry);
      summary.deleted++;
    }
  }
  return summary;
}
