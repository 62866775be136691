// The response side: status, time, size, retries and waits; for an error the inspector's explanation (category,
// meaning, retryable, deviations, the registry entries it matches with their workaround); for a success the
// payload rules' checks of the body; then the body, the headers, the attempts and the request as sent.
import type { RunnerResult } from '../core/protocol';
import { clear, h } from './dom';

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function table(rows: [string, string][], caption: string): HTMLElement {
  return h('table', { class: 'kv' }, h('caption', { class: 'visually-hidden' }, caption),
    h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))));
}

export class ResponseView {
  readonly element: HTMLElement;
  private readonly status = h('div', { class: 'status-line', id: 'status-line', role: 'status', 'aria-live': 'polite' }, 'No response yet: fill in the request and press Send (Ctrl+Enter).');
  private readonly details = h('div', { class: 'details', id: 'response-details' });
  private readonly actions = h('div', { class: 'actions response-actions' });
  private current: RunnerResult | undefined;

  constructor(private readonly act: (action: 'copyCurl' | 'saveResponse' | 'resend' | 'openRequestFile', result: RunnerResult) => void) {
    const button = (label: string, action: 'copyCurl' | 'saveResponse' | 'resend' | 'openRequestFile', title: string): HTMLElement => {
      const b = h('vscode-button', { secondary: true, id: `action-${action}`, title }, label);
      b.addEventListener('click', () => { if (this.current) this.act(action, this.current); });
      return b;
    };
    append(this.actions,
      button('Re-send', 'resend', 'Send this request again'),
      button('Copy as curl', 'copyCurl', 'Copy a curl command; the credential stays an environment variable'),
      button('Save response', 'saveResponse', 'Save the body as a *.response.scim.json file in the workspace'),
      button('Open as .scim file', 'openRequestFile', 'Open this request as a request file'));
    this.actions.hidden = true;
    this.element = h('section', { class: 'response', 'aria-label': 'Response' }, h('h2', {}, 'Response'), this.status, this.actions, this.details);
  }

  get result(): RunnerResult | undefined {
    return this.current;
  }

  message(text: string, kind: 'info' | 'error' | 'busy' = 'info'): void {
    this.status.className = `status-line ${kind}`;
    this.status.textContent = text;
  }

  show(r: RunnerResult): void {
    this.current = r;
    const ex = r.exchange;
    const res = ex.response;
    clear(this.details);
    this.actions.hidden = false;
    const from = r.source.kind === 'file' ? ` · from ${r.source.file}:${r.source.line + 1}${r.source.name ? ` (${r.source.name})` : ''}` : '';
    const waits = ex.retries > 0 ? ` · ${ex.retries} ${ex.retries === 1 ? 'retry' : 'retries'}, waited ${(ex.timings.waitedMs / 1000).toFixed(1)} s` : '';
    this.status.className = `status-line ${!res ? 'error' : res.status >= 400 ? 'error' : 'ok'}`;
    clear(this.status);
    this.status.append(
      h('span', { class: 'status-code' }, res ? `${res.status} ${res.statusText}${ex.error?.kind === 'aborted' ? ' (cancelled while waiting to retry)' : ''}` : `No response: ${ex.error?.kind ?? 'failure'}`),
      h('span', { class: 'meta' }, ` · ${ex.timings.totalMs} ms · ${res ? size(res.body.size) : '0 B'}${waits} · ${r.appId} · ${ex.request.line}${from}`),
    );
    if (!res && ex.error) this.details.append(h('p', { class: 'error-text' }, ex.error.message));
    if (r.explanation) this.details.append(this.explanation(r));
    if (res && res.status < 400) this.details.append(this.checks(r));
    if (ex.attempts.length > 1 || ex.timings.waitedMs > 0) this.details.append(this.attempts(r));
    const body = h('pre', { class: 'body', id: 'response-body', tabindex: 0, 'aria-label': 'Response body' });
    body.textContent = r.prettyBody === '' ? '(empty body)' : r.prettyBody;
    this.details.append(
      h('h3', {}, 'Body'),
      ...(r.omittedChars > 0 ? [h('p', { class: 'hint' }, `The first ${r.prettyBody.length} characters; ${r.omittedChars} more are not shown.`)] : []),
      body,
      h('h3', {}, 'Response headers'),
      res ? table(Object.entries(res.headers), 'Response headers') : h('p', {}, 'None.'),
      h('h3', {}, 'Request as sent'),
      h('pre', { class: 'sent' }, [ex.request.line, ...Object.entries(ex.request.headers).map(([k, v]) => `${k}: ${v}`), '', ex.request.body?.text ?? ''].join('\n')),
    );
  }

  private explanation(r: RunnerResult): HTMLElement {
    const x = r.explanation as NonNullable<RunnerResult['explanation']>;
    const card = h('div', { class: 'explanation', id: 'explanation', role: 'region', 'aria-label': 'Explanation' },
      h('h3', {}, `Explained: ${x.category}${x.scimType ? ` (scimType ${x.scimType})` : ''}`),
      x.detail ? h('p', { class: 'detail' }, h('strong', {}, 'Detail: '), x.detail) : null,
      h('p', {}, x.meaning),
      h('p', {}, h('strong', {}, 'Retryable: '), x.retryable ? `yes${x.retryAfterSeconds !== null ? ` (after ${x.retryAfterSeconds} s)` : ''}` : 'no'),
    );
    if (x.deviations.length > 0) {
      card.append(h('h4', {}, 'Deviations from RFC 7644'), h('ul', {}, ...x.deviations.map((d) => h('li', {}, h('code', {}, d.code), ' ', d.message))));
    }
    card.append(h('h4', {}, `Registry (${r.appId})`));
    if (x.registryMatches.length === 0) card.append(h('p', { class: 'hint' }, 'No errors or knownIssues entry of this application matches.'));
    else {
      card.append(h('ul', { class: 'matches' }, ...x.registryMatches.map((m) => h('li', {},
        h('code', {}, `${m.kind === 'error' ? 'errors' : 'knownIssues'}[${m.index}]`), ' ', m.meaning ?? '(no meaning recorded)',
        m.workaround ? h('div', { class: 'workaround' }, h('strong', {}, 'Workaround: '), m.workaround) : null))));
    }
    return card;
  }

  private checks(r: RunnerResult): HTMLElement {
    if (r.checks.length === 0) return h('div', { class: 'checks ok', id: 'checks' }, h('h3', {}, 'Checks'), h('p', {}, r.exchange.response?.body.kind === 'json' ? 'The body follows RFC 7643/7644: no findings.' : 'Not a JSON body: nothing to check.'));
    return h('div', { class: 'checks', id: 'checks' }, h('h3', {}, `Checks: ${r.checks.length} finding${r.checks.length === 1 ? '' : 's'} in the body`),
      h('ul', {}, ...r.checks.map((c) => h('li', { class: `sev-${c.severity}` }, h('code', {}, c.code), ` line ${c.line}: `, c.message))));
  }

  private attempts(r: RunnerResult): HTMLElement {
    return h('div', { class: 'attempts', id: 'attempts' }, h('h3', {}, 'Attempts and waits'),
      h('ol', {}, ...r.exchange.attempts.map((a) => h('li', {},
        `${a.status ?? a.error?.kind ?? '?'} in ${a.durationMs} ms`,
        a.waitedMs > 0 ? ` after waiting ${(a.waitedMs / 1000).toFixed(1)} s` : '',
        a.why !== 'first' ? ` (${a.why})` : '',
        a.retryAfter ? ` · Retry-After: ${a.retryAfter}` : '',
        a.notRetried ? ` · not retried: ${a.notRetried}` : ''))));
  }
}

function append(el: Element, ...children: Node[]): void {
  el.append(...children);
}
