// Shared by the runner's extension-host suites: a sandbox started inside the extension host (port 0, a clock the
// test can hold), a hanging server for cancellation and timeouts, a closed port, a scratch registry pointing at both (ids rt-*, secret
// rt-token), and scratch request and payload files, all removed afterwards.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { RunnerRequest, ToWebview } from '../../src/core/protocol';
import { startSandbox, type RequestLogEntry, type RunningSandbox } from '../../src/sandbox';
import { waitFor, workspaceRoot } from './registryHelpers';
import { heldClock } from '../harness/heldClock';

export const RT_TOKEN = 'rt-sandbox-token-8c41f2a9';

export interface RunnerFixture {
  sandbox: RunningSandbox;
  traffic: RequestLogEntry[];
  hangingHits: () => number;
  /** The never-answering server's origin (rt-hang's baseUrl is below it). */
  hangingOrigin: string;
  hold(): void;
  release(aheadMs: number): void;
  registry: vscode.Uri;
  dispose(): Promise<void>;
}

const scratch: vscode.Uri[] = [];

export async function runnerFixture(): Promise<RunnerFixture> {
  const clock = heldClock();
  const traffic: RequestLogEntry[] = [];
  const sandbox = await startSandbox({
    port: 0, token: RT_TOKEN, seed: 3,
    apps: [
      ...['strict', 'slack-like'].map((p) => ({ id: p, profile: p, users: 20 })),
      // A ListResponse whose itemsPerPage echoes the requested count: a 200 whose body breaks RFC 7644.
      { id: 'echo-count', profile: 'strict', users: 20, quirks: { itemsPerPage: 'requested' as const } },
    ],
    now: clock.now,
    onRequest: (e) => traffic.push(e),
  });
  let hits = 0;
  // Answers nothing, ever: only cancellation ends a request to it.
  const hanging: Server = createServer(() => { hits++; });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const hangPort = (hanging.address() as AddressInfo).port;
  // A port nobody listens on (bound, then closed): connecting to it is refused.
  const closed: Server = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const base = (id: string): string => sandbox.apps.find((a) => a.id === id)?.baseUrl ?? '';
  const registry = vscode.Uri.joinPath(workspaceRoot(), 'registry', 'runner-test.scim-registry.jsonc');
  await vscode.workspace.fs.writeFile(registry, new TextEncoder().encode(JSON.stringify({
    applications: [
      {
        id: 'rt-strict', name: 'Runner test: strict', baseUrl: base('strict'), auth: { type: 'bearer', secret: 'rt-token' },
        errors: [{ status: 409, scimType: 'uniqueness', meaning: 'rt: that userName is taken', notes: 'rt: look the user up first' }],
      },
      { id: 'rt-slack', name: 'Runner test: slack-like', baseUrl: base('slack-like'), auth: { type: 'bearer', secret: 'rt-token' }, rateLimit: { retryAfter: 'honored' } },
      { id: 'rt-echo', name: 'Runner test: itemsPerPage echoes count', baseUrl: base('echo-count'), auth: { type: 'bearer', secret: 'rt-token' } },
      { id: 'rt-hang', name: 'Runner test: never answers', baseUrl: `http://127.0.0.1:${hangPort}/scim/v2`, auth: { type: 'none' } },
      { id: 'rt-closed', name: 'Runner test: nobody listens', baseUrl: `http://127.0.0.1:${closedPort}/scim/v2`, auth: { type: 'none' } },
    ],
  }, null, 2)));
  await vscode.commands.executeCommand('scimWorkbench.setSecret', 'rt-token', RT_TOKEN);
  await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
  // The applications are known once @app completion offers rt-strict at this sandbox's address.
  const probe = await scratchFile('probe.scim', '# @app ');
  const port = new URL(sandbox.url).port;
  await waitFor('the runner test registry to be known', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', probe.uri, new vscode.Position(0, 7));
    return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'rt-strict' && JSON.stringify([i.detail, i.documentation]).includes(`:${port}/`)) ? true : undefined;
  });
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return {
    sandbox, traffic, registry,
    hangingHits: () => hits,
    hangingOrigin: `http://127.0.0.1:${hangPort}`,
    hold: clock.hold,
    release: clock.release,
    dispose: async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of scratch.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(registry).then(undefined, () => undefined);
      await vscode.commands.executeCommand('scimWorkbench.clearSecret', 'rt-token');
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
      await sandbox.stop();
    },
  };
}

/** A new file in the workspace with `content`, opened; removed by the fixture's dispose. */
export async function scratchFile(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'requests', `scratch-runner-${scratch.length}-${name}`);
  scratch.push(uri);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

export function forget(uri: vscode.Uri): void {
  scratch.push(uri);
}

export interface ShownResult { line: number; kind: string; text: string; hover: string }

/** The results drawn in a request file; hovers as plain text (MarkdownString.appendText escapes spaces and punctuation). */
export async function results(uri: vscode.Uri): Promise<ShownResult[]> {
  const shown = await vscode.commands.executeCommand<ShownResult[]>('scimWorkbench.internal.requestFileResults', uri);
  return shown.map((r) => ({ ...r, hover: plain(r.hover) }));
}

export function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/(?<!\\)\*\*?/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|<>"'])/g, '$1');
}

/** What `scimWorkbench.sendRequest` returns. */
export interface SendSummary { status: number | null; ok: boolean; durationMs: number; retries: number }

/** Sends the request of `doc` on the line holding `needle`, by the command. */
export function sendAt(doc: vscode.TextDocument, needle: string): Thenable<SendSummary | undefined> {
  return vscode.commands.executeCommand<SendSummary | undefined>('scimWorkbench.sendRequest', doc.uri, lineOf(doc, needle));
}

export function lineOf(doc: vscode.TextDocument, needle: string): number {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the document`);
  return doc.positionAt(at).line;
}

/** What the runner panel's test hook answers: whether it is open and ready, and the messages posted to the page. */
export interface PanelHook { open: boolean; ready: boolean; posted: ToWebview[]; count: number }

/** Reads the panel's test hook; with `receive`, first speaks for the page (the message goes through validation). */
export const hook = (receive?: unknown): Thenable<PanelHook> =>
  vscode.commands.executeCommand<PanelHook>('scimWorkbench.internal.runnerPanel', receive === undefined ? undefined : { receive });

export function runnerRequest(appId: string, extra: Partial<RunnerRequest> = {}): RunnerRequest {
  return { appId, method: 'GET', path: '/Users', query: {}, headers: [], body: '', ...extra };
}

/** Speaks for the page and waits for the next message of `type` posted after it. */
export async function exchange<T extends ToWebview['type']>(message: unknown, type: T): Promise<Extract<ToWebview, { type: T }>> {
  const before = (await hook()).count;
  await hook(message);
  return waitFor(`a ${type} message`, async () => {
    const { posted, count } = await hook();
    // The log keeps the last 50 messages: the fresh ones are its last `count - before`.
    const fresh = posted.slice(Math.max(0, posted.length - (count - before)));
    return fresh.find((m): m is Extract<ToWebview, { type: T }> => m.type === type);
  });
}
