// Whether a probe run in this workspace did not finish: its cleanup journal (the CLI's and the extension's, beside
// a registry: see defaultJournalPath in core/probes/journal.ts) still lists resources. The activation bundle asks
// this at start, so the cleanup offer does not wait until the user happens to open a SCIM file or view.
import * as vscode from 'vscode';

const JOURNALS = '**/.scim-workbench/probe-journal/*.json';

async function hasEntries(uri: vscode.Uri): Promise<boolean> {
  try {
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as { entries?: unknown } | null;
    return Array.isArray(file?.entries) && file.entries.length > 0;
  } catch {
    return false; // unreadable or damaged: the cleanup command reports it when it is run
  }
}

/** The first journal that still lists resources, if any. */
export async function unfinishedProbeRun(): Promise<vscode.Uri | undefined> {
  for (const uri of await vscode.workspace.findFiles(JOURNALS, '**/node_modules/**', 200)) {
    if (await hasEntries(uri)) return uri;
  }
  return undefined;
}
