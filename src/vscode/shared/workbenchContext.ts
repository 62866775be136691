// One object owns everything the extension creates: the log, lazily-built services, and every disposable.
// Adapters receive it instead of reaching for globals.
import * as vscode from 'vscode';

export class WorkbenchContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('SCIM Workbench', { log: true });
    this.track(this.log);
  }

  track<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  asAbsolutePath(relative: string): string {
    return this.extension.asAbsolutePath(relative);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // A failing dispose must not keep the others alive.
      }
    }
  }
}
