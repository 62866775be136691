// Building the page with DOM calls only: text always goes in as text (textContent), never as markup, so a
// response body holding `<script>` shows as those characters.
type Attrs = Record<string, string | boolean | number | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

/** A kit control's value (vscode-textfield, vscode-textarea, vscode-single-select). */
export interface ValueElement extends HTMLElement {
  value: string;
  invalid?: boolean;
  disabled: boolean;
}

export function control(tag: string, attrs: Attrs = {}, ...children: Child[]): ValueElement {
  return h(tag, attrs, ...children) as ValueElement;
}
