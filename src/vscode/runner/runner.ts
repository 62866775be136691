// The request runner: one per extension context, loaded on first use (its command, a request file's Send, or
// VS Code restoring the panel). Owns the history, the panel, the send in flight from the panel, and what the panel
// asks for (re-send, copy as curl, save the response, open as a request file, the active editor's body).
import * as vscode from 'vscode';
import type { RunnerApp, RunnerRequest, RunnerResult, ToExtension, ToWebview } from '../../core/protocol';
import { requestFileApps } from '../requestFiles/requestFileApps';
import { perContext, type WorkbenchContext } from '../shared/workbenchContext';
import { curlCommand } from './curlCommand';
import { RunnerHistory, summary } from './runnerHistory';
import { RunnerPanel } from './runnerPanel';
import { emptyRequest, toRequestFileText, toScimRequest } from './runnerRequest';
import { sendToApplication } from './runnerSend';
import { eventText } from './runnerProgress';
import { saveResponse } from './saveResponse';
import { sendBlockedReason } from './runnerTrust';

interface PanelState { request?: RunnerRequest; resultId?: string }

export class Runner implements vscode.Disposable {
  readonly history: RunnerHistory;
  private panel: RunnerPanel | undefined;
  /** What the panel shows now, so a panel that is (re)loading gets it with `init`. */
  private current: RunnerResult | undefined;
  private pendingRequest: RunnerRequest | undefined;
  private inFlight: { id: string; controller: AbortController } | undefined;
  private sendCounter = 0;
  private lastTextEditor: vscode.TextEditor | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: WorkbenchContext) {
    this.history = new RunnerHistory(ctx.extension.workspaceState);
    this.lastTextEditor = vscode.window.activeTextEditor;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => { if (e) this.lastTextEditor = e; }),
      requestFileApps(ctx).onDidChange(() => { void this.postApps(); }),
      // Trusting the workspace lifts the panel's restricted-mode banner.
      vscode.workspace.onDidGrantWorkspaceTrust(() => { if (this.panel?.isReady) void this.postInit(this.panel); }),
    );
  }

  /** Opens (or reveals) the panel beside the editor; `request` fills its form. */
  async open(opts: { request?: RunnerRequest; preserveFocus?: boolean } = {}): Promise<RunnerPanel> {
    if (opts.request) this.pendingRequest = opts.request;
    if (this.panel) {
      this.panel.panel.reveal(undefined, opts.preserveFocus ?? false);
      if (opts.request && this.panel.post({ type: 'request', request: opts.request })) this.pendingRequest = undefined;
      return this.panel;
    }
    return this.attach(RunnerPanel.create(this.ctx, vscode.ViewColumn.Beside, opts.preserveFocus ?? false, (m, p) => this.handle(m, p)));
  }

  /** VS Code restores a panel after a reload (WebviewPanelSerializer). */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    const s = (typeof state === 'object' && state !== null ? state : {}) as PanelState;
    if (typeof s.resultId === 'string') this.current = this.history.get(s.resultId);
    this.attach(new RunnerPanel(this.ctx, panel, (m, p) => this.handle(m, p)));
  }

  private attach(panel: RunnerPanel): RunnerPanel {
    this.panel?.dispose();
    this.panel = panel;
    panel.onDidClose(() => {
      if (this.panel === panel) this.panel = undefined;
      this.inFlight?.controller.abort();
    });
    return panel;
  }

  get panelOpen(): boolean {
    return this.panel !== undefined;
  }

  async apps(): Promise<RunnerApp[]> {
    return (await requestFileApps(this.ctx).list()).map((a) => ({
      id: a.info.id, source: a.info.source ?? '',
      ...(a.info.name !== undefined ? { name: a.info.name } : {}),
      ...(a.info.baseUrl !== undefined ? { baseUrl: a.info.baseUrl } : {}),
    }));
  }

  private async postApps(): Promise<void> {
    if (this.panel?.isReady) this.panel.post({ type: 'apps', apps: await this.apps() });
  }

  /** A response received elsewhere (a request file's Send): into history, and shown in the panel. */
  async record(result: RunnerResult, show: boolean): Promise<void> {
    this.history.add(result);
    if (!show) {
      this.panel?.post({ type: 'history', items: this.history.items() });
      return;
    }
    this.current = result;
    const panel = this.panel ?? (await this.open({ preserveFocus: true }));
    if (!panel.panel.visible) panel.panel.reveal(undefined, true);
    panel.post({ type: 'result', result });
    panel.post({ type: 'history', items: this.history.items() });
  }

  private async handle(message: ToExtension, panel: RunnerPanel): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.postInit(panel, message.resultId);
      case 'send':
        return this.sendFromPanel(message.request, panel);
      case 'cancel':
        this.inFlight?.controller.abort();
        return;
      case 'showHistory': {
        const result = this.history.get(message.id);
        if (!result) return void panel.post({ type: 'notice', level: 'error', text: 'That history entry is gone.' });
        this.current = result;
        panel.post({ type: 'result', result });
        return;
      }
      case 'resend': {
        const result = this.history.get(message.id);
        if (!result) return void panel.post({ type: 'notice', level: 'error', text: 'That history entry is gone.' });
        if (result.hadPromptSecret) {
          return void panel.post({ type: 'notSent', message: 'This request carried a value typed at a password prompt, which history does not keep: send it again from its request file.' });
        }
        panel.post({ type: 'request', request: result.request });
        return this.sendFromPanel(result.request, panel);
      }
      case 'copyCurl':
        return this.copyCurl(message.id, panel);
      case 'saveResponse': {
        const result = this.history.get(message.id);
        if (!result) return void panel.post({ type: 'notice', level: 'error', text: 'That response is gone from history.' });
        const uri = await saveResponse(this.ctx, result);
        if (!uri) return;
        panel.post({ type: 'notice', level: 'info', text: `Saved as ${vscode.workspace.asRelativePath(uri)}.` });
        await vscode.window.showTextDocument(uri, { viewColumn: this.besidePanel(panel), preview: false });
        return;
      }
      case 'openRequestFile': {
        const doc = await vscode.workspace.openTextDocument({ language: 'scim-request', content: toRequestFileText(message.request) });
        await vscode.window.showTextDocument(doc, { viewColumn: this.besidePanel(panel) });
        return;
      }
      case 'bodyFromEditor':
        return this.bodyFromEditor(panel);
      case 'clearHistory':
        this.history.clear(message.appId);
        panel.post({ type: 'history', items: this.history.items() });
        return;
    }
  }

  private async postInit(panel: RunnerPanel, resultId?: string): Promise<void> {
    const result = this.current ?? (resultId ? this.history.get(resultId) : undefined);
    const apps = await this.apps();
    const request = this.pendingRequest;
    this.pendingRequest = undefined;
    panel.post({
      type: 'init', apps, history: this.history.items(), trusted: vscode.workspace.isTrusted,
      ...(result ? { result } : {}), ...(request ? { request } : {}),
    });
  }

  private async sendFromPanel(request: RunnerRequest, panel: RunnerPanel): Promise<void> {
    const untrusted = sendBlockedReason();
    if (untrusted) return void panel.post({ type: 'notSent', message: untrusted });
    const converted = toScimRequest(request);
    if (!converted.ok) return void panel.post({ type: 'notSent', message: converted.message });
    const target = await requestFileApps(this.ctx).find(request.appId);
    if (!target) return void panel.post({ type: 'notSent', message: request.appId ? `No registry in this workspace defines the application "${request.appId}".` : 'Choose an application first.' });
    const blocked = sendBlockedReason(target.file);
    if (blocked) return void panel.post({ type: 'notSent', message: blocked });
    this.inFlight?.controller.abort();
    const sendId = `s${++this.sendCounter}`;
    const flight = { id: sendId, controller: new AbortController() };
    this.inFlight = flight;
    panel.post({ type: 'sending', sendId, label: `${converted.request.method} ${converted.request.path} → ${target.info.id}` });
    try {
      const outcome = await sendToApplication(this.ctx, target, converted.request, {
        signal: flight.controller.signal,
        onEvent: (e) => {
          const text = eventText(e);
          if (text) panel.post({ type: 'progress', sendId, text });
        },
      });
      if (!outcome.sent) return void panel.post({ type: 'notSent', sendId, message: outcome.message });
      const result: RunnerResult = {
        id: outcome.result.exchange.id, appId: target.info.id, source: { kind: 'panel' }, request,
        exchange: outcome.result.exchange, explanation: outcome.explanation, checks: outcome.checks,
        prettyBody: outcome.prettyBody, omittedChars: outcome.omittedChars, hadPromptSecret: false,
      };
      this.history.add(result);
      this.current = result;
      panel.post({ type: 'result', sendId, result });
      panel.post({ type: 'history', items: this.history.items() });
    } finally {
      if (this.inFlight === flight) this.inFlight = undefined;
    }
  }

  /** An editor column other than the panel's, so opening a file never hides the panel. */
  private besidePanel(panel: RunnerPanel): vscode.ViewColumn {
    const column = panel.panel.viewColumn;
    return column === undefined || column === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
  }

  private async copyCurl(id: string, panel: RunnerPanel): Promise<void> {
    const result = this.history.get(id);
    if (!result) return void panel.post({ type: 'notice', level: 'error', text: 'That history entry is gone.' });
    const target = await requestFileApps(this.ctx).find(result.appId);
    await vscode.env.clipboard.writeText(curlCommand(result.exchange, target?.app.app.auth));
    panel.post({ type: 'notice', level: 'info', text: 'Copied as curl: the credential is read from an environment variable, never pasted.' });
  }

  private async bodyFromEditor(panel: RunnerPanel): Promise<void> {
    const editor = this.lastTextEditor && !this.lastTextEditor.document.isClosed ? this.lastTextEditor : vscode.window.visibleTextEditors[0];
    if (!editor) return void panel.post({ type: 'notice', level: 'error', text: 'No editor to take a body from: open a JSON payload first.' });
    const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
    panel.post({ type: 'body', text, source: vscode.workspace.asRelativePath(editor.document.uri) });
  }

  /** Shows a history entry in the panel (a request file's "Open in Request Runner" link). */
  async show(resultId: string): Promise<void> {
    const result = this.history.get(resultId);
    if (!result) return;
    this.current = result;
    this.panel?.post({ type: 'result', result });
  }

  /** The extension-host tests speak for the page through this, and read what the page was sent. */
  testHook(receive: unknown): { open: boolean; ready: boolean; posted: ToWebview[]; count: number } {
    if (receive !== undefined) this.panel?.receive(receive);
    return { open: this.panel !== undefined, ready: this.panel?.isReady ?? false, posted: [...(this.panel?.posted ?? [])], count: this.panel?.postedCount ?? 0 };
  }

  dispose(): void {
    this.history.dispose();
    this.inFlight?.controller.abort();
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export const runner = perContext((ctx): Runner => ctx.track(new Runner(ctx)));

export { emptyRequest, summary };
