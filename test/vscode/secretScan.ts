// Shared by the secrets suites: the forms a secret could leak in, and the texts to look for them in (every file
// below a folder, read as bytes).
import * as vscode from 'vscode';

/** Every form a value could leak in: as is, base64 and base64url (how Basic and tokens get encoded). */
export function leakForms(values: readonly string[], pairs: readonly [string, string][]): string[] {
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
  return [...values.flatMap((v) => [v, b64(v), b64url(v)]), ...pairs.map(([u, p]) => b64(`${u}:${p}`))];
}

/** Which of `forms` `text` holds, each said with where it was (and only the first characters of the value). */
export function leaksOf(forms: readonly string[], where: string, text: string): string[] {
  return forms.filter((v) => text.includes(v)).map((v) => `${where} holds ${v.slice(0, 6)}…`);
}

/** Every file below `dir`; none when it does not exist. */
export async function filesUnder(dir: vscode.Uri): Promise<vscode.Uri[]> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const out: vscode.Uri[] = [];
  for (const [name, type] of entries) {
    const uri = vscode.Uri.joinPath(dir, name);
    if (type === vscode.FileType.Directory) out.push(...await filesUnder(uri));
    else if (type === vscode.FileType.File) out.push(uri);
  }
  return out;
}

/** Text of every file below `dir` (latin1 keeps any byte sequence searchable). */
export async function textsUnder(dir: vscode.Uri): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const uri of await filesUnder(dir)) texts.set(uri.path, Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('latin1'));
  return texts;
}
