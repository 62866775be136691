// Conversions every diagnostics adapter shares: core offsets to vscode ranges, finding codes to README links.
import * as vscode from 'vscode';
import type { OffsetRange } from '../../core/text';

export function toRange(doc: vscode.TextDocument, range: OffsetRange): vscode.Range {
  return new vscode.Range(doc.positionAt(range.start), doc.positionAt(range.end));
}

/**
 * The README entry of a finding code: the packaged README, anchored at the code (the README gives every code
 * an anchor of its lower-cased name), so the link works offline and matches the installed version.
 */
export function findingCodeTarget(extensionUri: vscode.Uri, code: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'README.md').with({ fragment: code.toLowerCase() });
}
