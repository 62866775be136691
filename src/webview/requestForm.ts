// The request side: application, method, path (with the resource paths to pick from), the SCIM query fields
// (the filter checked by the core parser as you type, its error under the field), extra headers and a JSON body.
import { parseFilter } from '../core/filter';
import { QUERY_FIELDS, type QueryField, type RunnerApp, type RunnerRequest } from '../core/protocol';
import { append, clear, control, h, type ValueElement } from './dom';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const RESOURCE_PATHS = ['/Users', '/Groups', '/Me', '/ServiceProviderConfig', '/ResourceTypes', '/Schemas', '/Bulk', '/.search', '/Users/.search', '/Groups/.search'];
const QUERY_LABELS: Record<QueryField, string> = {
  filter: 'filter', startIndex: 'startIndex', count: 'count', attributes: 'attributes',
  excludedAttributes: 'excludedAttributes', sortBy: 'sortBy', sortOrder: 'sortOrder',
};
const QUERY_HINTS: Partial<Record<QueryField, string>> = {
  filter: 'userName eq "bjensen" and active eq true', startIndex: '1', count: '100', attributes: 'userName,emails', excludedAttributes: 'members', sortBy: 'userName',
};

function option(value: string, label = value, selected = false): HTMLElement {
  return h('vscode-option', { value, selected }, label);
}

/**
 * Selects `value` in a kit select: marks the option (what the control reads when its options arrive) and sets the
 * value once the control has taken its options in (they are read on slotchange, after this task).
 */
function select(el: ValueElement, value: string): void {
  for (const o of Array.from(el.querySelectorAll('vscode-option'))) {
    if ((o.getAttribute('value') ?? '') === value) o.setAttribute('selected', '');
    else o.removeAttribute('selected');
  }
  el.value = value;
  setTimeout(() => { if (el.value !== value) el.value = value; }, 0);
}

export class RequestForm {
  /** Application, method, path and the send actions: what stays in view. */
  readonly top: HTMLElement;
  /** Query fields, headers and body. */
  readonly more: HTMLElement;
  private readonly app = control('vscode-single-select', { id: 'app', 'aria-label': 'Application', combobox: true, filter: 'contains' });
  private readonly appHelp = h('vscode-form-helper', { id: 'app-help' });
  private readonly method = control('vscode-single-select', { id: 'method', 'aria-label': 'Method' }, ...METHODS.map((m) => option(m)));
  private readonly path = control('vscode-textfield', { id: 'path', 'aria-label': 'Path', placeholder: '/Users' });
  private readonly pathPick = control('vscode-single-select', { id: 'path-pick', 'aria-label': 'Insert a resource path', title: 'Insert a resource path' });
  private readonly query = new Map<QueryField, ValueElement>();
  private readonly filterHelp = h('vscode-form-helper', { id: 'filter-help', role: 'status' });
  private readonly headers = h('div', { class: 'headers', id: 'headers' });
  private readonly body = control('vscode-textarea', { id: 'body', 'aria-label': 'JSON body', monospace: true, rows: 10, resize: 'vertical', placeholder: '{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "…" }' });
  private readonly bodyHelp = h('vscode-form-helper', { id: 'body-help', role: 'status' });
  /** Send, Cancel and progress go here, beside the request line (main.ts fills it). */
  readonly actions = h('div', { class: 'actions send-actions' });
  private apps: RunnerApp[] = [];
  private pendingAppId = '';
  private lastId: string | undefined;

  constructor(private readonly onChange: () => void) {
    for (const f of QUERY_FIELDS) {
      const el = f === 'sortOrder'
        ? control('vscode-single-select', { id: `q-${f}`, 'aria-label': f }, option('', '(default)'), option('ascending'), option('descending'))
        : control('vscode-textfield', { id: `q-${f}`, 'aria-label': f, placeholder: QUERY_HINTS[f] ?? '', ...(f === 'startIndex' || f === 'count' ? { type: 'number', min: f === 'count' ? 0 : 1 } : {}) });
      this.query.set(f, el);
    }
    this.setPathOptions();
    const addHeader = h('vscode-button', { secondary: true, id: 'add-header' }, 'Add header');
    addHeader.addEventListener('click', () => { this.addHeader('', ''); this.changed(); });
    const fromEditor = h('vscode-button', { secondary: true, id: 'body-from-editor', title: 'Use the selection or the whole text of the editor you last used' }, 'Body from active editor');
    fromEditor.addEventListener('click', () => this.more.dispatchEvent(new CustomEvent('body-from-editor')));
    const field = (label: string, forId: string, ...content: (Node | string)[]): HTMLElement =>
      h('div', { class: 'field' }, h('vscode-label', { for: forId }, label), ...content);
    this.top = h('section', { class: 'request', 'aria-label': 'Request' },
      h('h2', {}, 'Request'),
      field('Application', 'app', this.app, this.appHelp),
      h('div', { class: 'request-line' },
        field('Method', 'method', this.method),
        field('Path', 'path', this.path),
        field('Resource', 'path-pick', this.pathPick)),
      this.actions,
    );
    this.more = h('section', { class: 'request-more', 'aria-label': 'Query, headers and body' },
      h('fieldset', { class: 'query' }, h('legend', {}, 'Query'),
        field(QUERY_LABELS.filter, 'q-filter', this.query.get('filter') as ValueElement, this.filterHelp),
        h('div', { class: 'query-grid' }, ...QUERY_FIELDS.filter((f) => f !== 'filter').map((f) => field(QUERY_LABELS[f], `q-${f}`, this.query.get(f) as ValueElement)))),
      h('fieldset', { class: 'headers-set' }, h('legend', {}, 'Headers'),
        h('p', { class: 'hint' }, 'Authentication comes from the registry: never put credentials here.'), this.headers, addHeader),
      h('fieldset', { class: 'body-set' }, h('legend', {}, 'Body'), this.body, this.bodyHelp, fromEditor),
    );
    for (const el of [this.method, this.path, this.body, ...this.query.values()]) {
      el.addEventListener('input', () => this.changed());
      el.addEventListener('change', () => this.changed());
    }
    this.app.addEventListener('change', () => { this.showAppHelp(); this.changed(); });
    this.pathPick.addEventListener('change', () => {
      if (this.pathPick.value) this.path.value = this.pathPick.value;
      this.changed();
    });
    this.validate();
  }

  private changed(): void {
    this.validate();
    this.onChange();
  }

  /** Offers the resource paths, and the resource the last response created or read. */
  setPathOptions(lastId?: string): void {
    this.lastId = lastId ?? this.lastId;
    clear(this.pathPick);
    append(this.pathPick, option('', 'Insert…', true), ...RESOURCE_PATHS.map((p) => option(p)));
    if (this.lastId) append(this.pathPick, option(`/Users/${this.lastId}`, `/Users/${this.lastId} (last response)`), option(`/Groups/${this.lastId}`, `/Groups/${this.lastId} (last response)`));
  }

  setApps(apps: RunnerApp[]): void {
    const wanted = this.app.value || this.pendingAppId;
    this.apps = apps;
    clear(this.app);
    append(this.app, ...apps.map((a) => h('vscode-option', { value: a.id, description: a.baseUrl ?? '', selected: a.id === wanted }, `${a.id}${a.name ? ` — ${a.name}` : ''}`)));
    if (apps.length === 0) this.appHelp.textContent = 'No registry application: add one to a scim-registry.jsonc, or start the sandbox.';
    if (wanted && apps.some((a) => a.id === wanted)) select(this.app, wanted);
    this.showAppHelp();
  }

  private showAppHelp(): void {
    const a = this.apps.find((x) => x.id === (this.app.value || this.pendingAppId));
    this.appHelp.textContent = a ? `${a.baseUrl ?? 'no baseUrl'} · ${a.source}` : this.apps.length ? 'Choose the application to send to.' : this.appHelp.textContent;
  }

  read(): RunnerRequest {
    const query: RunnerRequest['query'] = {};
    for (const [f, el] of this.query) if (el.value.trim() !== '') query[f] = el.value;
    const headers = Array.from(this.headers.querySelectorAll('.header-row')).map((row) => {
      const [name, value] = Array.from(row.querySelectorAll('vscode-textfield')) as ValueElement[];
      return { name: name?.value ?? '', value: value?.value ?? '' };
    });
    return { appId: this.app.value || this.pendingAppId, method: this.method.value || 'GET', path: this.path.value, query, headers, body: this.body.value };
  }

  fill(r: RunnerRequest): void {
    this.pendingAppId = r.appId;
    if (this.apps.some((a) => a.id === r.appId)) select(this.app, r.appId);
    select(this.method, METHODS.includes(r.method) ? r.method : 'GET');
    this.path.value = r.path;
    for (const [f, el] of this.query) {
      if (f === 'sortOrder') select(el, r.query[f] ?? '');
      else el.value = r.query[f] ?? '';
    }
    clear(this.headers);
    for (const hd of r.headers) this.addHeader(hd.name, hd.value);
    this.body.value = r.body;
    this.showAppHelp();
    this.validate();
  }

  setBody(text: string): void {
    this.body.value = text;
    this.changed();
  }

  private addHeader(name: string, value: string): void {
    const n = control('vscode-textfield', { 'aria-label': 'Header name', placeholder: 'If-Match', value: name });
    const v = control('vscode-textfield', { 'aria-label': 'Header value', placeholder: 'W/"3694e05e9dff590"', value });
    n.value = name;
    v.value = value;
    const remove = h('vscode-button', { secondary: true, 'aria-label': `Remove header ${name}`.trim(), title: 'Remove this header' }, 'Remove');
    const row = h('div', { class: 'header-row' }, n, v, remove);
    remove.addEventListener('click', () => { row.remove(); this.changed(); });
    for (const el of [n, v]) el.addEventListener('input', () => this.changed());
    this.headers.append(row);
  }

  /** The filter through the core parser, and the body as JSON: errors under their fields. */
  validate(): boolean {
    const filter = this.query.get('filter') as ValueElement;
    const text = filter.value.trim();
    let ok = true;
    if (text === '') {
      this.filterHelp.textContent = 'RFC 7644 §3.4.2.2 filter; checked as you type.';
      filter.invalid = false;
      this.filterHelp.classList.remove('error');
    } else {
      const parsed = parseFilter(text);
      const err = parsed.errors[0];
      filter.invalid = err !== undefined;
      this.filterHelp.classList.toggle('error', err !== undefined);
      this.filterHelp.textContent = err ? `Filter syntax: ${err.message}` : 'The filter parses.';
      ok = err === undefined;
    }
    const body = this.body.value.trim();
    let bodyOk = true;
    if (body !== '') {
      try {
        JSON.parse(body);
      } catch (e) {
        bodyOk = false;
        this.bodyHelp.textContent = `Not JSON: ${(e as Error).message}`;
      }
    }
    if (bodyOk) this.bodyHelp.textContent = body === '' ? 'No body.' : 'JSON.';
    this.body.invalid = !bodyOk;
    this.bodyHelp.classList.toggle('error', !bodyOk);
    return ok && bodyOk;
  }

  focus(): void {
    this.path.focus();
  }
}
