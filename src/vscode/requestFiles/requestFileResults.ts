// What came back, shown after each request line of a request file: `← 409 uniqueness · 84 ms`, `← refused`,
// `← timeout`, `← not sent`, with the inspector's explanation (and the registry's matching entries) in the hover.
// Results belong to a request by its index and request-line text: editing that line drops its result.
import * as vscode from 'vscode';
import type { ParsedRequest, RequestFile } from '../../core/requestFile';
import { perContext } from '../shared/workbenchContext';
import { isRequestFileDocument, type RequestFileModels } from './requestFileDocuments';

export type ResultKind = 'ok' | 'error' | 'failure' | 'notSent' | 'sending';

export interface RequestResult {
  kind: ResultKind;
  /** After the arrow: `409 uniqueness · 84 ms`. */
  text: string;
  hover: vscode.MarkdownString;
}

interface Kept extends RequestResult {
  index: number;
  lineText: string;
}

const colors: Record<ResultKind, vscode.ThemeColor> = {
  ok: new vscode.ThemeColor('testing.iconPassed'),
  error: new vscode.ThemeColor('errorForeground'),
  failure: new vscode.ThemeColor('errorForeground'),
  notSent: new vscode.ThemeColor('editorWarning.foreground'),
  sending: new vscode.ThemeColor('descriptionForeground'),
};

export class RequestFileResults implements vscode.Disposable {
  private readonly byDoc = new Map<string, Map<number, Kept>>();
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', fontStyle: 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly disposables: vscode.Disposable[] = [this.type];

  constructor(private readonly models: RequestFileModels) {
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e))),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !this.byDoc.has(e.document.uri.toString())) return;
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) this.apply(editor);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => { this.byDoc.delete(doc.uri.toString()); }),
    );
  }

  set(doc: vscode.TextDocument, request: ParsedRequest, result: RequestResult): void {
    const key = doc.uri.toString();
    let results = this.byDoc.get(key);
    if (!results) this.byDoc.set(key, (results = new Map()));
    results.set(request.index, { ...result, index: request.index, lineText: lineTextOf(this.models.parsed(doc), request) });
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === doc) this.apply(editor);
  }

  /** The results shown now, by request line (0-based): for tests and the lens titles. */
  shown(doc: vscode.TextDocument): { line: number; kind: ResultKind; text: string; hover: string }[] {
    return this.current(doc).map(({ request, kept }) => ({ line: doc.positionAt(request.requestLine.range.start).line, kind: kept.kind, text: `← ${kept.text}`, hover: kept.hover.value }));
  }

  private current(doc: vscode.TextDocument): { request: ParsedRequest; kept: Kept }[] {
    const results = this.byDoc.get(doc.uri.toString());
    if (!results || !isRequestFileDocument(doc)) return [];
    const file = this.models.parsed(doc);
    const out: { request: ParsedRequest; kept: Kept }[] = [];
    for (const [index, kept] of results) {
      const request = file.requests[index];
      if (request && lineTextOf(file, request) === kept.lineText) out.push({ request, kept });
      else results.delete(index);
    }
    return out;
  }

  private apply(editor: vscode.TextEditor): void {
    const doc = editor.document;
    if (!this.byDoc.has(doc.uri.toString())) return;
    editor.setDecorations(this.type, this.current(doc).map(({ request, kept }): vscode.DecorationOptions => {
      const end = doc.positionAt(request.requestLine.range.end);
      // The hover belongs to the line's end, where the result text is drawn.
      return {
        range: new vscode.Range(end, end),
        hoverMessage: kept.hover,
        renderOptions: { after: { contentText: `← ${kept.text}`, color: colors[kept.kind] } },
      };
    }));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function lineTextOf(file: RequestFile, request: ParsedRequest): string {
  return file.text.slice(request.requestLine.range.start, request.requestLine.range.end);
}

export const requestFileResults = perContext((ctx, models: RequestFileModels): RequestFileResults => ctx.track(new RequestFileResults(models)));
