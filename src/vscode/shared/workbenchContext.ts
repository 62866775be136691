// One object owns everything the extension creates: the log, lazily-built services, and every disposable.
// Adapters receive it instead of reaching for globals.
import * as vscode from 'vscode';

export class WorkbenchContext implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {}

  /**
   * The log, created on first use (an output channel costs activation time a session may never need); it opens
   * with the line activation used to write.
   */
  get log(): vscode.LogOutputChannel {
    if (!this.channel) {
      this.channel = this.track(vscode.window.createOutputChannel('SCIM Workbench', { log: true }));
      this.channel.info(`SCIM Workbench ${String((this.extension.extension.packageJSON as { version?: string }).version)} activated`);
    }
    return this.channel;
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

/**
 * An accessor that gives one service per extension context, built by `make` on first use (activate() stays cheap;
 * every feature that asks gets the same instance).
 */
export function perContext<T, A extends unknown[] = []>(make: (ctx: WorkbenchContext, ...args: A) => T): (ctx: WorkbenchContext, ...args: A) => T {
  const instances = new WeakMap<WorkbenchContext, T>();
  return (ctx, ...args) => {
    let instance = instances.get(ctx);
    if (instance === undefined) {
      instance = make(ctx, ...args);
      instances.set(ctx, instance);
    }
    return instance;
  };
}
