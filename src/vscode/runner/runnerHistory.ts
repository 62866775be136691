// The runner's history: per application, newest first, the last 200 responses, in the workspace state. Entries
// are redacted at the source (the engine's exchange) and keep the head of big bodies only, so the workspace
// state stays small; the newest full results stay in memory for "Save response" and the panel.
import type * as vscode from 'vscode';
import { compactExchange } from '../../core/http';
import { outcomeText, type HistoryItem, type RunnerResult } from '../../core/protocol';

const KEY = 'scimWorkbench.runner.history';
export const HISTORY_LIMIT = 200;
/** Characters of each body a history entry keeps. */
export const HISTORY_BODY_CHARS = 16_384;
const FULL_IN_MEMORY = 20;
const FLUSH_MS = 500;

type Stored = Record<string, RunnerResult[]>;

export class RunnerHistory implements vscode.Disposable {
  private readonly full: RunnerResult[] = [];
  /** The stored history, read once; written back shortly after changes (a Send all adds many at once). */
  private stored: Stored | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly state: vscode.Memento) {}

  private all(): Stored {
    this.stored ??= { ...this.state.get<Stored>(KEY, {}) };
    return this.stored;
  }

  private changed(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => { void this.flush(); }, FLUSH_MS);
  }

  /** Writes the history to the workspace state now. */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.stored) await this.state.update(KEY, this.stored);
  }

  add(result: RunnerResult): void {
    this.full.unshift(result);
    this.full.splice(FULL_IN_MEMORY);
    const all = this.all();
    const key = result.appId.toLowerCase();
    all[key] = [shrink(result), ...(all[key] ?? []).filter((r) => r.id !== result.id)].slice(0, HISTORY_LIMIT);
    this.changed();
  }

  /** The entry with this id: the full result while it is recent, else the stored (shortened) one. */
  get(id: string): RunnerResult | undefined {
    return this.full.find((r) => r.id === id) ?? Object.values(this.all()).flat().find((r) => r.id === id);
  }

  /** Summaries, newest first; of one application, or of all. */
  items(appId?: string): HistoryItem[] {
    const all = this.all();
    const lists = appId !== undefined ? [all[appId.toLowerCase()] ?? []] : Object.values(all);
    return lists.flat().map(summary).sort((a, b) => b.at.localeCompare(a.at));
  }

  clear(appId: string): void {
    delete this.all()[appId.toLowerCase()];
    for (let i = this.full.length - 1; i >= 0; i--) if (this.full[i]?.appId.toLowerCase() === appId.toLowerCase()) this.full.splice(i, 1);
    this.changed();
  }

  dispose(): void {
    void this.flush();
  }
}

function shrink(r: RunnerResult): RunnerResult {
  const prettyBody = r.prettyBody.length > HISTORY_BODY_CHARS ? r.prettyBody.slice(0, HISTORY_BODY_CHARS) : r.prettyBody;
  return { ...r, exchange: compactExchange(r.exchange, HISTORY_BODY_CHARS), prettyBody, omittedChars: r.omittedChars + (r.prettyBody.length - prettyBody.length) };
}

export function summary(r: RunnerResult): HistoryItem {
  const ex = r.exchange;
  let target = ex.request.url;
  try {
    const u = new URL(ex.request.url);
    target = u.pathname + u.search;
  } catch {
    // keep the URL as recorded
  }
  return {
    id: r.id, appId: r.appId, at: ex.startedAt, method: ex.request.method, target,
    status: ex.response?.status ?? null, ok: ex.response !== undefined && ex.response.status < 400,
    durationMs: ex.timings.totalMs, outcome: outcomeText(ex, r.explanation),
  };
}
