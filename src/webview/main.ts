// Browser side of the request-runner panel (bundled by esbuild into dist/webview.js). Builds the page from kit
// controls (@vscode-elements/elements), keeps its form in webview state (so hiding the panel or reloading the
// window loses nothing), says `ready` once it listens, and renders what the extension sends as text.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { RunnerResult, ToWebview } from '../core/protocol';
import { clear, h } from './dom';
import { HistoryView } from './historyView';
import { RequestForm } from './requestForm';
import { ResponseView } from './responseView';
import { loadState, onMessage, post, saveState } from './vscodeApi';

const root = document.getElementById('runner') as HTMLElement;
const state = loadState();
let sendingId: string | undefined;

const form = new RequestForm(() => {
  const request = form.read();
  saveState({ request });
  history.forApp(request.appId);
});
const response = new ResponseView((action, result) => {
  if (action === 'openRequestFile') post({ type: 'openRequestFile', request: result.request });
  else post({ type: action, id: result.id });
});
const history = new HistoryView(
  (id) => post({ type: 'showHistory', id }),
  (id) => post({ type: 'resend', id }),
  (appId) => post({ type: 'clearHistory', appId }),
);

const sendButton = h('vscode-button', { id: 'send', title: 'Send (Ctrl+Enter)' }, 'Send');
const cancelButton = h('vscode-button', { id: 'cancel', secondary: true, disabled: true }, 'Cancel');
const busy = h('vscode-progress-ring', { id: 'busy', 'aria-label': 'Sending' });
const progress = h('span', { class: 'progress-text', id: 'progress', role: 'status', 'aria-live': 'polite' });
const openAsFile = h('vscode-button', { id: 'open-request-file', secondary: true, title: 'Open this request as a .scim request file' }, 'Open as .scim file');
const notice = h('div', { class: 'notice', id: 'notice', role: 'status', 'aria-live': 'polite' });
const trustBanner = h('p', { class: 'banner', id: 'trust-banner', hidden: true }, 'Restricted mode: SCIM Workbench sends nothing from an untrusted workspace. Trust the workspace to send requests.');
busy.hidden = true;

function setSending(id: string | undefined, label = ''): void {
  sendingId = id;
  busy.hidden = id === undefined;
  (cancelButton as HTMLElement & { disabled: boolean }).disabled = id === undefined;
  (sendButton as HTMLElement & { disabled: boolean }).disabled = id !== undefined;
  progress.textContent = id ? `Sending ${label}…` : '';
  if (id) response.message(`Sending ${label}…`, 'busy');
}

function send(): void {
  if (sendingId) return;
  const request = form.read();
  if (!form.validate() && request.query.filter === undefined) return;
  notice.textContent = '';
  post({ type: 'send', request });
}

sendButton.addEventListener('click', send);
cancelButton.addEventListener('click', () => post({ type: 'cancel' }));
openAsFile.addEventListener('click', () => post({ type: 'openRequestFile', request: form.read() }));
form.more.addEventListener('body-from-editor', () => post({ type: 'bodyFromEditor' }));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    send();
  } else if (e.key === 'Escape' && sendingId) post({ type: 'cancel' });
});

function showResult(result: RunnerResult): void {
  response.show(result);
  saveState({ resultId: result.id });
  const id = (result.exchange.response?.body.kind === 'json' ? /"id"\s*:\s*"([^"]{1,200})"/.exec(result.prettyBody)?.[1] : undefined);
  if (id) form.setPathOptions(id);
}

function handle(m: ToWebview): void {
  switch (m.type) {
    case 'init':
      root.setAttribute('aria-busy', 'false');
      trustBanner.hidden = m.trusted;
      form.setApps(m.apps);
      // The request asked for, else the form as the user left it, else the request of a file's response.
      form.fill(m.request ?? state.request ?? (m.result?.source.kind === 'file' ? m.result.request : undefined)
        ?? { appId: m.apps[0]?.id ?? '', method: 'GET', path: '/Users', query: {}, headers: [], body: '' });
      if (!form.read().appId && m.apps[0]) form.fill({ ...form.read(), appId: m.apps[0].id });
      history.set(m.history);
      history.forApp(form.read().appId);
      if (m.result) showResult(m.result);
      saveState({ request: form.read() });
      return;
    case 'apps':
      form.setApps(m.apps);
      return;
    case 'history':
      history.set(m.items);
      history.forApp(form.read().appId);
      return;
    case 'sending':
      setSending(m.sendId, m.label);
      return;
    case 'progress':
      if (m.sendId === sendingId) {
        progress.textContent = m.text;
        response.message(`Still sending: ${m.text}`, 'busy');
      }
      return;
    case 'result':
      if (m.sendId === undefined || m.sendId === sendingId) setSending(undefined);
      // A request file's response brings its request along, ready to change and send again from here.
      if (m.result.source.kind === 'file' && !sendingId) {
        form.fill(m.result.request);
        saveState({ request: form.read() });
        history.forApp(m.result.appId);
      }
      showResult(m.result);
      return;
    case 'notSent':
      if (m.sendId === undefined || m.sendId === sendingId) setSending(undefined);
      response.message(`Not sent: ${m.message}`, 'error');
      return;
    case 'request':
      form.fill(m.request);
      saveState({ request: form.read() });
      history.forApp(m.request.appId);
      return;
    case 'body':
      form.setBody(m.text);
      notice.textContent = `Body taken from ${m.source}.`;
      return;
    case 'notice':
      notice.className = `notice ${m.level}`;
      notice.textContent = m.text;
      return;
  }
}

form.actions.append(sendButton, cancelButton, busy, progress);
clear(root);
root.append(
  h('header', { class: 'title' }, h('h1', {}, 'SCIM Request Runner'), notice),
  trustBanner,
  h('div', { class: 'columns' },
    form.top,
    response.element,
    h('div', { class: 'more' }, form.more, h('div', { class: 'actions' }, openAsFile)),
    history.element),
);
onMessage(handle);
post({ type: 'ready', ...(state.resultId ? { resultId: state.resultId } : {}) });
form.focus();
