import { existsSync } from 'node:fs';
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { FileEdit } from '../core/fixes/types';
import { LineIndex } from '../core/text/lineIndex';
import { uriToPath } from '../core/workspace/uri';
import type { Session } from './session';

/**
 * Core file edits → an LSP WorkspaceEdit. With `documentChanges` support the edits carry the open documents'
 * versions (a stale edit is refused by the editor, never misapplied) and new files are created first.
 * Returns undefined when the client cannot apply it (a new file without resource-operation support).
 */
export function toWorkspaceEdit(session: Session, fileEdits: FileEdit[]): WorkspaceEdit | undefined {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const fe of fileEdits) {
    const uri = session.clientUri(fe.uri);
    const exists = !!session.index?.document(fe.uri) || !!session.openDocument(fe.uri) || fileExists(fe.uri);
    const creating = !!fe.create && !exists;
    if (creating && !session.flags.createFiles) return undefined;
    const lines = creating ? new LineIndex('') : session.lines(fe.uri);
    if (!lines) return undefined;
    const edits: TextEdit[] = fe.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText }));
    if (session.flags.documentChanges) {
      if (creating) documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      documentChanges.push({ textDocument: { uri, version: creating ? null : session.version(fe.uri) }, edits });
    } else {
      (changes[uri] ??= []).push(...edits);
    }
  }
  return session.flags.documentChanges ? { documentChanges } : { changes };
}

function fileExists(uri: string): boolean {
  const p = uriToPath(uri);
  return !!p && existsSync(p);
}
