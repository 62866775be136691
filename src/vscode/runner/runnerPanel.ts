// The request-runner webview panel: its HTML shell, the typed message channel (validated on receipt; unknown
// messages are dropped and logged), and the `ready` handshake (nothing is posted before the page says it
// listens). Not kept alive when hidden: the page keeps its form in webview state and asks again on `ready`.
import * as vscode from 'vscode';
import { parseToExtension, type ToExtension, type ToWebview } from '../../core/protocol';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { RUNNER_VIEW_TYPE, runnerHtml, runnerWebviewOptions } from './runnerPanelHtml';

export class RunnerPanel implements vscode.Disposable {
  private ready = false;
  /** The last messages posted to the page, newest last (the extension-host tests read them). */
  readonly posted: ToWebview[] = [];
  /** How many messages were posted in all (the log above keeps the last 50). */
  postedCount = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(
    private readonly ctx: WorkbenchContext,
    readonly panel: vscode.WebviewPanel,
    private readonly handle: (message: ToExtension, panel: RunnerPanel) => void | Promise<void>,
  ) {
    const extensionUri = ctx.extension.extensionUri;
    panel.webview.options = runnerWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'scim.svg');
    panel.webview.html = runnerHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // Hidden, the page is gone; shown again, it reloads and says `ready` again.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  static create(ctx: WorkbenchContext, column: vscode.ViewColumn, preserveFocus: boolean, handle: RunnerPanel['handle']): RunnerPanel {
    const panel = vscode.window.createWebviewPanel(RUNNER_VIEW_TYPE, 'SCIM Request Runner', { viewColumn: column, preserveFocus }, {
      ...runnerWebviewOptions(ctx.extension.extensionUri),
      enableFindWidget: true,
    });
    return new RunnerPanel(ctx, panel, handle);
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Posts when the page listens; before `ready` the message would be lost, so callers rely on `init` instead. */
  post(message: ToWebview): boolean {
    if (!this.ready) return false;
    this.posted.push(message);
    this.postedCount++;
    this.posted.splice(0, Math.max(0, this.posted.length - 50));
    void this.panel.webview.postMessage(message);
    return true;
  }

  /** A message from the page (or a test speaking for it): validated first, dropped when it is not one of ours. */
  receive(raw: unknown): void {
    const message = parseToExtension(raw);
    if (!message) {
      this.ctx.log.warn(`Runner panel: dropped a message the extension does not understand (${describe(raw)}).`);
      return;
    }
    if (message.type === 'ready') this.ready = true;
    Promise.resolve(this.handle(message, this)).catch((err: unknown) => {
      this.ctx.log.error(`Runner panel: ${message.type} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      this.post({ type: 'notice', level: 'error', text: `${message.type} failed: ${err instanceof Error ? err.message : String(err)}` });
    });
  }

  dispose(): void {
    const first = this.disposables.length > 0;
    for (const d of this.disposables.splice(0)) d.dispose();
    if (first) {
      this.closed.fire();
      this.closed.dispose();
      this.panel.dispose();
    }
  }
}

function describe(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type) : typeof raw;
  return `type ${type.slice(0, 40)}`;
}
