// The page's side of the channel: typed posting, validated receiving (unknown messages are dropped), and the
// webview state that survives hiding the panel and reloading the window.
import { parseToWebview, type RunnerRequest, type ToExtension, type ToWebview } from '../core/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface PageState {
  request?: RunnerRequest;
  /** The response shown, by exchange id (its body is fetched again from history on reload). */
  resultId?: string;
  tab?: string;
}

const api = acquireVsCodeApi();

export function post(message: ToExtension): void {
  api.postMessage(message);
}

export function loadState(): PageState {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as PageState) : {};
}

export function saveState(patch: Partial<PageState>): void {
  api.setState({ ...loadState(), ...patch });
}

export function onMessage(handle: (message: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseToWebview(event.data);
    if (!message) {
      console.warn('SCIM runner: dropped a message the page does not understand');
      return;
    }
    handle(message);
  });
}
