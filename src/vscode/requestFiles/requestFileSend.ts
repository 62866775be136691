// Sending from request files: `scimWorkbench.sendRequest` (arguments: the file URI and a line of the request)
// and `scimWorkbench.sendAllRequests` (the file URI). A request is resolved against its application and the
// file's last response (so "create, then PATCH what was created" works), sent through the runner under a
// cancellable progress notification, and its result drawn after the request line and shown in the runner panel.
import * as vscode from 'vscode';
import type { SendResult } from '../../core/http';
import { outcomeText, type RunnerResult } from '../../core/protocol';
import { requestAt, resolveRequest, type ParsedRequest, type ResponseSnapshot } from '../../core/requestFile';
import type { Finding } from '../../core/findings';
import { redact } from '../../core/registry';
import { appendExplanation } from '../runner/explanationMarkdown';
import { abortSignalOf, eventText } from '../runner/runnerProgress';
import { fromResolvedRequest } from '../runner/runnerRequest';
import { sendBlockedReason } from '../runner/runnerTrust';
import { findingDiagnostic } from '../shared/documentDiagnostics';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { applicationForRequest } from './requestFileApplication';
import { REQUEST_FILE_DIAGNOSTIC_SOURCE } from './requestFileDiagnostics';
import { isRequestFileDocument, type RequestFileModels } from './requestFileDocuments';
import type { RequestFileResults, RequestResult } from './requestFileResults';

/** What `scimWorkbench.sendRequest` returns to its caller when a request was sent. */
export interface SendSummary {
  status: number | null;
  ok: boolean;
  durationMs: number;
  retries: number;
}

interface SendOptions {
  /** File variables computed once per run (Send all). */
  memo?: Map<string, string>;
  /** The run's cancellation (Send all); a single send makes its own. */
  token?: vscode.CancellationToken;
  progress?: vscode.Progress<{ message?: string }>;
}

export class RequestFileSender implements vscode.Disposable {
  private readonly snapshots = new Map<string, ResponseSnapshot>();
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly sendErrors = vscode.languages.createDiagnosticCollection('scim-request-send');
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a send starts or ends (the code lenses show Cancel meanwhile). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.sendErrors, this.changed];

  constructor(private readonly ctx: WorkbenchContext, private readonly models: RequestFileModels, private readonly results: RequestFileResults) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.sendErrors.delete(e.document.uri); }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.sendErrors.delete(doc.uri)),
    );
  }

  isRunning(uri: vscode.Uri, index: number): boolean {
    return this.running.has(`${uri.toString()}#${index}`);
  }

  cancel(uri: vscode.Uri, index?: number): void {
    for (const [key, source] of this.running) if (key.startsWith(`${uri.toString()}#`) && (index === undefined || key.endsWith(`#${index}`))) source.cancel();
  }

  /** Sends the request at `line` (0-based); undefined when nothing was sent (the reason is shown). */
  async send(uri: vscode.Uri, line: number): Promise<SendSummary | undefined> {
    const doc = await this.document(uri);
    if (!doc) return undefined;
    const request = requestAt(this.models.parsed(doc), doc.offsetAt(new vscode.Position(Math.max(0, line), 0)));
    if (!request) {
      void vscode.window.showInformationMessage(`There is no request at line ${line + 1} of ${vscode.workspace.asRelativePath(uri)}.`);
      return undefined;
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `SCIM: ${request.requestLine.method} ${shortTarget(request)}`, cancellable: true },
      (progress, token) => this.sendOne(doc, request, { token, progress }));
  }

  /** Sends every request of the file in order, with one set of file variables; stops at the first not sent. */
  async sendAll(uri: vscode.Uri): Promise<(SendSummary | undefined)[]> {
    const doc = await this.document(uri);
    if (!doc) return [];
    const requests = this.models.parsed(doc).requests;
    const memo = new Map<string, string>();
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `SCIM: sending ${requests.length} requests of ${vscode.workspace.asRelativePath(uri)}`, cancellable: true }, async (progress, token) => {
      const out: (SendSummary | undefined)[] = [];
      for (const [i, request] of requests.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${i + 1}/${requests.length}: ${request.requestLine.method} ${shortTarget(request)}` });
        // Re-read the request: an earlier send may have been edited around, and indexes are what stays.
        const current = this.models.parsed(doc).requests[request.index] ?? request;
        const summary = await this.sendOne(doc, current, { memo, token, progress });
        out.push(summary);
        if (!summary) break;
      }
      return out;
    });
  }

  private async document(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!isRequestFileDocument(doc)) {
      void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(uri)} is not a SCIM request file (*.scim, *.scim.http).`);
      return undefined;
    }
    return doc;
  }

  private async sendOne(doc: vscode.TextDocument, request: ParsedRequest, opts: SendOptions): Promise<SendSummary | undefined> {
    const blocked = sendBlockedReason();
    if (blocked) return this.notSent(doc, request, blocked);
    const file = this.models.parsed(doc);
    const choice = await applicationForRequest(this.ctx, doc.uri, file, request);
    if (!choice.ok) return this.notSent(doc, request, choice.message);
    const target = choice.chosen;
    const baseUrl = typeof target.app.app.baseUrl === 'string' ? target.app.app.baseUrl : '';
    const key = `${doc.uri.toString()}#${request.index}`;
    const source = new vscode.CancellationTokenSource();
    const outer = opts.token?.onCancellationRequested(() => source.cancel());
    this.running.set(key, source);
    this.changed.fire();
    this.sendErrors.delete(doc.uri);
    try {
      const resolved = await resolveRequest(file, request, {
        app: { id: target.info.id, baseUrl },
        ...(this.snapshots.has(doc.uri.toString()) ? { lastResponse: this.snapshots.get(doc.uri.toString()) as ResponseSnapshot } : {}),
        prompt: (label, { password }) => Promise.resolve(vscode.window.showInputBox({ title: `${request.name ?? 'SCIM request'}: ${label}`, prompt: label, password, ignoreFocusOut: true })),
        ...(opts.memo ? { memo: opts.memo } : {}),
      });
      if (!resolved.ok) {
        if (resolved.cancelled) return this.notSent(doc, request, 'Cancelled at a prompt: nothing was sent.');
        this.showResolveErrors(doc, resolved.errors);
        return this.notSent(doc, request, resolved.errors.map((e) => e.message).join(' '));
      }
      const r = resolved.request;
      this.results.set(doc, request, { kind: 'sending', text: `sending to ${target.info.id}…`, hover: new vscode.MarkdownString('Sending…') });
      // The engine (undici) and the payload rules load with the first send, not with the extension.
      const { sendToApplication } = await import('../runner/runnerSend');
      const outcome = await sendToApplication(this.ctx, target, { method: r.method, path: r.url, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) }, {
        signal: abortSignalOf(source.token),
        redact: r.secrets,
        onEvent: (e) => {
          const text = eventText(e);
          if (!text) return;
          opts.progress?.report({ message: text });
          // Waits show where the request is, as they happen.
          if (e.type === 'retry' || e.type === 'rateLimitWait') {
            const hover = new vscode.MarkdownString();
            hover.appendText(text);
            this.results.set(doc, request, { kind: 'sending', text: `${text}…`, hover });
          }
        },
      });
      if (!outcome.sent) return this.notSent(doc, request, outcome.message);
      const { result, explanation } = outcome;
      if (result.exchange.response) this.snapshots.set(doc.uri.toString(), snapshotOf(result));
      this.results.set(doc, request, this.resultView(result, explanation, target.app.app, target.info.source));
      const runnerResult: RunnerResult = {
        id: result.exchange.id, appId: target.info.id,
        source: { kind: 'file', file: vscode.workspace.asRelativePath(doc.uri), line: doc.positionAt(request.requestLine.range.start).line, ...(request.name !== undefined ? { name: request.name } : {}) },
        // History keeps no prompt answer: the URL, headers and body are redacted like the exchange.
        request: fromResolvedRequest(target.info.id, baseUrl, {
          ...r, url: redact(r.url, r.secrets),
          headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, redact(v, r.secrets)])),
          ...(r.body !== undefined ? { body: redact(r.body, r.secrets) } : {}),
        }),
        exchange: result.exchange, explanation, checks: outcome.checks, prettyBody: outcome.prettyBody, omittedChars: outcome.omittedChars,
        hadPromptSecret: r.secrets.length > 0,
      };
      const { runner } = await import('../runner/runner');
      await runner(this.ctx).record(runnerResult, true);
      const ex = result.exchange;
      return { status: ex.response?.status ?? null, ok: result.ok, durationMs: ex.timings.totalMs, retries: ex.retries };
    } finally {
      outer?.dispose();
      source.dispose();
      this.running.delete(key);
      this.changed.fire();
    }
  }

  private notSent(doc: vscode.TextDocument, request: ParsedRequest, message: string): undefined {
    const hover = new vscode.MarkdownString('**Not sent**: ');
    hover.appendText(message);
    this.results.set(doc, request, { kind: 'notSent', text: 'not sent', hover });
    void vscode.window.showWarningMessage(message);
    return undefined;
  }

  /** Send-time problems (a reference with no value) where they are, unless the editor already shows them. */
  private showResolveErrors(doc: vscode.TextDocument, errors: readonly Finding[]): void {
    const shown = this.models.findings(doc);
    const fresh = errors.filter((e) => !shown.some((s) => s.code === e.code && s.range.start === e.range.start && s.range.end === e.range.end));
    this.sendErrors.set(doc.uri, fresh.map((f) => findingDiagnostic(doc, f, this.ctx.extension.extensionUri, REQUEST_FILE_DIAGNOSTIC_SOURCE)));
  }

  private resultView(result: SendResult, explanation: RunnerResult['explanation'], app: Parameters<typeof appendExplanation>[2]['app'], registryLabel: string | undefined): RequestResult {
    const ex = result.exchange;
    const res = ex.response;
    const hover = new vscode.MarkdownString();
    hover.isTrusted = { enabledCommands: ['scimWorkbench.openRunner'] };
    const waited = ex.retries > 0 ? ` · ${ex.retries} ${ex.retries === 1 ? 'retry' : 'retries'} (waited ${(ex.timings.waitedMs / 1000).toFixed(1)} s)` : '';
    hover.appendMarkdown(`**${res ? `${res.status} ${res.statusText}` : `No response: ${ex.error?.kind ?? 'failure'}`}** · ${ex.timings.totalMs} ms${waited} · \`${ex.request.line}\`\n\n`);
    if (!res && ex.error) {
      hover.appendText(ex.error.message);
      hover.appendMarkdown('\n\n');
    }
    for (const a of ex.attempts.filter((x) => x.why !== 'first')) {
      hover.appendMarkdown(`- attempt ${a.n} after ${(a.waitedMs / 1000).toFixed(1)} s: `);
      hover.appendText(a.why);
      hover.appendMarkdown('\n');
    }
    if (explanation) appendExplanation(hover, explanation, { extensionUri: this.ctx.extension.extensionUri, ...(app ? { app } : {}), ...(registryLabel ? { registryLabel } : {}) });
    hover.appendMarkdown(`\n[Open in Request Runner](command:scimWorkbench.openRunner?${encodeURIComponent(JSON.stringify([{ resultId: ex.id }]))})`);
    const kind = !res ? 'failure' : res.status >= 400 ? 'error' : 'ok';
    const text = !res ? outcomeText(ex, null) : `${outcomeText(ex, explanation)} · ${ex.timings.totalMs} ms${waited}`;
    return { kind, text, hover };
  }

  dispose(): void {
    for (const s of this.running.values()) s.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function shortTarget(request: ParsedRequest): string {
  const t = request.requestLine.target;
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

function snapshotOf(result: SendResult): ResponseSnapshot {
  const res = result.exchange.response as NonNullable<SendResult['exchange']['response']>;
  return { status: res.status, headers: res.headers, ...(result.json !== undefined ? { body: result.json } : {}), bodyText: result.text };
}
