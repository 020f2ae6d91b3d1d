// Small helpers for the integration suite: everything goes through the public `vscode` API, as a user's editor does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'policy-lens.policy-lens';

export function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

export async function openDoc(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Position of the `occurrence`-th `needle` (0-based) plus `delta` characters into it. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${i}) occurs in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `get` until `ok` holds. The first requests after start-up can come back empty while the client activates
 * and the server indexes the workspace, so every provider query goes through this.
 */
export async function eventually<T>(get: () => Thenable<T> | T, ok: (v: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await get();
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    await sleep(250);
  }
  assert.fail(`${what}: not reached within ${ms} ms; last value: ${describe(last)}${lastError ? `; last error: ${lastError}` : ''}`);
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v, null, 1)?.slice(0, 2000) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Start-up: waits (without failing) until the server has published any Policy Lens diagnostic or answered a hover,
 * so that later waits can be short and a broken feature fails fast instead of eating the CI budget.
 */
export async function waitForServer(doc: vscode.TextDocument, at: vscode.Position, ms = 60_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const published = vscode.languages.getDiagnostics().some(([, ds]) => ds.some((d) => /^PL\d{3}$/.test(codeOf(d))));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    if (published || hoverText(hovers).trim()) break;
    await sleep(250);
  }
  return Date.now() - t0;
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export interface Target {
  uri: vscode.Uri;
  range: vscode.Range;
}

/** Definition results come as Location or LocationLink; one shape for both. */
export function targets(defs: (vscode.Location | vscode.LocationLink)[] | undefined): Target[] {
  return (defs ?? []).map((d) =>
    'targetUri' in d ? { uri: d.targetUri, range: d.targetSelectionRange ?? d.targetRange } : { uri: d.uri, range: d.range },
  );
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return String(typeof c === 'object' && c !== null ? c.value : c);
}

export function diagnosticsWithCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
}

/** The 0-based line of the first line containing `needle` in a workspace file. */
export async function lineOf(uri: vscode.Uri, needle: string): Promise<number> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const line = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `"${needle}" occurs in ${uri.path}`);
  return line;
}
