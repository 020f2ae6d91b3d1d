import {
  ErrorCodes,
  ResponseError,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type WorkspaceEdit,
  type CancellationToken,
} from 'vscode-languageserver/node';
import type { FileEdit } from '../core/fixes/types';
import type { Span } from '../core/text/span';
import type { Target } from '../core/workspace/types';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { toWorkspaceEdit } from './edits';
import { Checkpoint } from './guard';
import { idsOf } from './navigation';
import type { Session } from './session';

const ID_PATTERN = /^[A-Za-z0-9._-]+$/;
const ID_CHAR = /[A-Za-z0-9._-]/;

function refuse(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, message);
}

/** The one id a rename at this target would change, or an error explaining why there is none. */
function renamableId(index: WorkspaceIndex, target: Target | undefined): string {
  const ids = idsOf(target);
  if (ids.length === 0) throw refuse('Nothing to rename here: place the cursor on an id, a [[link]] or a mention.');
  if (ids.length > 1) throw refuse(`This mention is ambiguous (${ids.join(', ')}): rename one of the ids where it is defined.`);
  const id = ids[0];
  const defs = index.kb.definitions(id);
  const inWorkspace = defs.some((d) => !d.origin.builtin) || index.documentsWithId(id).length > 0;
  if (!inWorkspace) {
    if (defs.length) {
      throw refuse(
        `'${id}' is defined only in the built-in knowledge base, which cannot be renamed. ` +
          'Define it in a workspace kb file first if you want your own id.',
      );
    }
    throw refuse(`'${id}' is not defined anywhere: there is no definition to rename.`);
  }
  return id;
}

export async function prepareRename(session: Session, params: PrepareRenameParams): Promise<{ range: Range; placeholder: string } | null> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc) return null;
  const target = index.targetAt(doc.uri, doc.parsed.lines.offsetAt(params.position));
  const id = renamableId(index, target);
  const span = idSpanWithin(doc.parsed.text, target!.span, id) ?? target!.span;
  return { range: doc.parsed.lines.rangeOf(span), placeholder: id };
}

/**
 * Renames an id in every place that spells it: the definition (`id:` in a kb file or note), front-matter lists and
 * `[[links]]`. Mentions are names in prose, not ids, so they stay as written (they follow the record anyway).
 */
export async function rename(session: Session, params: RenameParams, token?: CancellationToken): Promise<WorkspaceEdit | null> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc) return null;
  const target = index.targetAt(doc.uri, doc.parsed.lines.offsetAt(params.position));
  const id = renamableId(index, target);
  const newId = params.newName.trim();
  if (!ID_PATTERN.test(newId)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${params.newName}' is not a valid id: use letters, digits, '.', '_' and '-'.`);
  }
  if (newId === id) return { changes: {} };
  if (index.kb.has(newId) || index.documentsWithId(newId).length) {
    throw refuse(`'${newId}' already exists: renaming would merge two records.`);
  }
  const check = new Checkpoint(token);
  const perFile = new Map<string, FileEdit>();
  for (const ref of index.references(id, true)) {
    await check.tick();
    if (ref.kind === 'mention') continue;
    if (index.kb.definitions(id).some((d) => d.origin.builtin && d.origin.uri === ref.uri)) continue;
    // The file's text, not its analysis: a corpus-wide rename must not analyse every document it touches.
    const text = index.text(ref.uri);
    if (text === undefined) continue;
    const span = idSpanWithin(text, ref.span, id);
    if (!span) continue;
    const fe = perFile.get(ref.uri) ?? { uri: ref.uri, edits: [] };
    if (!fe.edits.some((e) => e.span.start === span.start)) fe.edits.push({ span, newText: newId });
    perFile.set(ref.uri, fe);
  }
  // Records in kb files point at each other (parties, replaced_by, replaces, country, parent, roles' `of`): the
  // index keeps no spans for those, so find the id where it stands as a whole YAML scalar.
  for (const uri of index.uris()) {
    await check.tick();
    if (index.kindOf(uri) !== 'kb') continue;
    const kbDoc = index.document(uri);
    if (!kbDoc?.isKbFile) continue;
    if (index.kb.definitions(id).some((d) => d.origin.builtin && d.origin.uri === uri)) continue;
    for (const span of scalarOccurrences(kbDoc.parsed.text, id)) {
      const fe = perFile.get(uri) ?? { uri, edits: [] };
      if (!fe.edits.some((e) => e.span.start === span.start)) fe.edits.push({ span, newText: newId });
      perFile.set(uri, fe);
    }
  }
  return toWorkspaceEdit(session, [...perFile.values()]) ?? null;
}

/** Where `id` is a whole scalar in YAML text: `key: id`, `- id`, `[a, id]`, `"id"`, never part of a longer word. */
export function scalarOccurrences(text: string, id: string): Span[] {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<=(?:^[ \\t]*|[:-][ \\t]+|[\\[,{][ \\t]*|['"]))${escaped}(?=[ \\t]*(?:$|[\\],}#'"]))`, 'gm');
  const out: Span[] = [];
  for (const m of text.matchAll(re)) out.push({ start: m.index!, end: m.index! + id.length });
  return out;
}

/** The id as written inside a span (which may include quotes or `[[…]]`), bounded by non-id characters. */
export function idSpanWithin(text: string, span: Span, id: string): Span | undefined {
  let from = span.start;
  for (;;) {
    const at = text.indexOf(id, from);
    if (at < 0 || at + id.length > span.end) return undefined;
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + id.length] ?? '';
    if (!ID_CHAR.test(before) && !ID_CHAR.test(after)) return { start: at, end: at + id.length };
    from = at + 1;
  }
}
