// History of the chosen application (workspace state, newest first): select an entry to show it; re-send it.
import type { HistoryItem } from '../core/protocol';
import { clear, h } from './dom';

export class HistoryView {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'history-list', id: 'history-list', 'aria-label': 'History' });
  private readonly heading = h('h2', {}, 'History');
  private items: HistoryItem[] = [];
  private appId = '';

  constructor(private readonly onShow: (id: string) => void, private readonly onResend: (id: string) => void, private readonly onClear: (appId: string) => void) {
    const clearButton = h('vscode-button', { secondary: true, id: 'clear-history' }, 'Clear');
    clearButton.addEventListener('click', () => { if (this.appId) this.onClear(this.appId); });
    this.element = h('section', { class: 'history', 'aria-label': 'History' }, h('div', { class: 'history-head' }, this.heading, clearButton), this.list);
  }

  set(items: HistoryItem[]): void {
    this.items = items;
    this.render();
  }

  forApp(appId: string): void {
    this.appId = appId;
    this.render();
  }

  private render(): void {
    const mine = this.items.filter((i) => i.appId.toLowerCase() === this.appId.toLowerCase());
    this.heading.textContent = `History${this.appId ? ` of ${this.appId}` : ''} (${mine.length})`;
    clear(this.list);
    if (mine.length === 0) {
      this.list.append(h('li', { class: 'hint' }, 'Nothing sent to this application yet.'));
      return;
    }
    for (const item of mine) {
      const time = new Date(item.at).toLocaleTimeString();
      const show = h('button', { class: `history-entry ${item.ok ? 'ok' : 'error'}`, title: 'Show this response' },
        h('span', { class: 'outcome' }, item.outcome), ` ${item.method} ${item.target}`, h('span', { class: 'meta' }, ` · ${item.durationMs} ms · ${time}`));
      show.addEventListener('click', () => this.onShow(item.id));
      const resend = h('vscode-button', { secondary: true, title: `Send ${item.method} ${item.target} again` }, 'Re-send');
      resend.addEventListener('click', () => this.onResend(item.id));
      this.list.append(h('li', {}, show, resend));
    }
  }
}
