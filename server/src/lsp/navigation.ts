import {
  DocumentHighlightKind,
  type DefinitionParams,
  type DocumentHighlight,
  type DocumentHighlightParams,
  type Location as LspLocation,
  type LocationLink,
  type ReferenceParams,
  type CancellationToken,
} from 'vscode-languageserver/node';
import { referencesIn } from '../core/workspace/references';
import type { Location, Target } from '../core/workspace/types';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { Checkpoint } from './guard';
import { ascii, JsonBytes } from './jsonBytes';
import { SerializedResult } from './serializedResult';
import type { Session } from './session';

/** The ids a target stands for: a mention may be ambiguous (several), a front-matter key stands for none. */
export function idsOf(target: Target | undefined): string[] {
  if (!target) return [];
  switch (target.type) {
    case 'mention':
      return target.mention.ids;
    case 'front-matter-key':
      return [];
    default:
      return [target.id];
  }
}

async function targetAt(session: Session, uri: string, position: { line: number; character: number }) {
  const index = await session.current(uri);
  const doc = index.document(uri);
  if (!doc) return { index, target: undefined, doc };
  return { index, doc, target: index.targetAt(doc.uri, doc.parsed.lines.offsetAt(position)) };
}

/** Where an id leads: the document with that id for `related:`, else its definition (workspace, then built-in). */
function destinations(index: WorkspaceIndex, target: Target): Location[] {
  const out: Location[] = [];
  for (const id of idsOf(target)) {
    const related = target.type === 'front-matter-id' && target.field === 'related';
    const docs = related || !index.kb.has(id) ? index.documentsWithId(id) : [];
    if (docs.length) {
      for (const d of docs) out.push({ uri: d.uri, span: d.parsed.frontMatter?.fields.get('id')?.valueSpan ?? { start: 0, end: 0 } });
      continue;
    }
    const def = index.definition(id);
    if (def) out.push(def);
  }
  return out;
}

export async function definition(session: Session, params: DefinitionParams): Promise<LspLocation[] | LocationLink[] | null> {
  const { index, doc, target } = await targetAt(session, params.textDocument.uri, params.position);
  if (!doc || !target) return null;
  const locations = destinations(index, target);
  if (!locations.length) return null;
  if (!session.flags.definitionLinks) return locations.map((l) => session.location(l));
  const origin = doc.parsed.lines.rangeOf(target.span);
  return locations.map((l) => {
    const { uri, range } = session.location(l);
    return { originSelectionRange: origin, targetUri: uri, targetRange: range, targetSelectionRange: range };
  });
}

export async function references(
  session: Session,
  params: ReferenceParams,
  token?: CancellationToken,
): Promise<LspLocation[] | SerializedResult<LspLocation[]> | null> {
  const { index, target } = await targetAt(session, params.textDocument.uri, params.position);
  const ids = idsOf(target);
  if (!ids.length) return null;
  if (ids.length === 1) return singleIdReferences(session, index, ids[0], params.context.includeDeclaration);
  const check = new Checkpoint(token);
  const seen = new Set<string>();
  const out: LspLocation[] = [];
  for (const id of ids) {
    const refs = index.references(id, false);
    // The index hands out one array per id until a file referring to it changes: convert it once.
    let cached = convertedReferences.get(refs);
    if (!cached) {
      const converted: LspLocation[] = [];
      for (const ref of refs) {
        await check.tick();
        converted.push(session.location(ref));
      }
      cached = { converted };
      convertedReferences.set(refs, cached);
    }
    const definitions = params.context.includeDeclaration ? index.definitionReferences(id).map((r) => session.location(r)) : [];
    // Several ids (an ambiguous mention): one location may refer to more than one of them.
    for (const loc of [...cached.converted, ...definitions]) {
      const key = `${loc.uri}#${loc.range.start.line}:${loc.range.start.character}:${loc.range.end.line}:${loc.range.end.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(loc);
    }
  }
  return out;
}

/** Converted reference lists, by the index's array (see WorkspaceIndex.references). */
const convertedReferences = new WeakMap<object, { converted: LspLocation[] }>();

/**
 * The references of one id as the JSON of its Location[], written straight from the index's reference lists
 * (no object per location: a country named in every document has 15,000), and kept, serialized, for every
 * request until a file referring to the id changes (WorkspaceIndex.referencesKey). Definitions, a few, follow.
 */
function singleIdReferences(session: Session, index: WorkspaceIndex, id: string, includeDeclaration: boolean): SerializedResult<LspLocation[]> {
  const definitions = includeDeclaration ? index.definitionReferences(id).map((r) => session.location(r)) : [];
  const key = index.referencesKey(id);
  let answers = serializedReferences.get(key);
  if (!answers) serializedReferences.set(key, (answers = new Map()));
  const definitionsKey = JSON.stringify(definitions);
  let answer = answers.get(definitionsKey);
  if (!answer) {
    if (answers.size > 4) answers.clear();
    const out = scratch.reset().raw(OPEN);
    const at = new Int32Array(4);
    let uri = '';
    let uriJson = EMPTY;
    let first = true;
    index.referencesTo(id, (fileUri, lines, start, end) => {
      if (fileUri !== uri) [uri, uriJson] = [fileUri, uriJsonOf(session.clientUriOfIndexed(fileUri))];
      lines.writePosition(start, at, 0);
      lines.writePosition(end, at, 2);
      if (!first) out.raw(COMMA);
      first = false;
      out.raw(URI).raw(uriJson).raw(START_LINE).int(at[0]).raw(CHARACTER).int(at[1]).raw(END_LINE).int(at[2]).raw(CHARACTER).int(at[3]).raw(LOCATION_END);
    });
    for (const d of definitions) {
      if (!first) out.raw(COMMA);
      first = false;
      out.raw(Buffer.from(JSON.stringify(d), 'utf8'));
    }
    answer = SerializedResult.ofJsonBytes<LspLocation[]>(out.raw(CLOSE).done());
    answers.set(definitionsKey, answer);
  }
  return answer;
}

/**
 * Prepares, in idle time after indexing, the answers of the ids referred to from the most files: a country named
 * in every document has 15,000 references, and its first answer (~2 MB of JSON) would otherwise cost that user
 * 20-60 ms of building on top of the transfer. The largest first, within `budgetBytes`; `stale` stops it when the
 * index is replaced. Answers are kept as any other (until a file referring to the id changes), so after an edit
 * the next request builds its answer again, with the code already warm.
 */
export async function prepareReferences(
  session: Session,
  index: WorkspaceIndex,
  pause: () => Promise<void>,
  stale: () => boolean,
  options: { minFiles?: number; budgetBytes?: number } = {},
): Promise<{ ids: number; bytes: number }> {
  // Ids in at least one file in twenty (and two files): in a 10,000-document archive, those in 500 or more.
  const { minFiles = Math.max(2, Math.ceil(index.uris().length / 20)), budgetBytes = 32 * 1024 * 1024 } = options;
  let bytes = 0;
  let ids = 0;
  for (const id of index.mostReferred(minFiles)) {
    if (stale() || bytes >= budgetBytes) break;
    bytes += singleIdReferences(session, index, id, true).bytes().length;
    ids++;
    await pause();
  }
  return { ids, bytes };
}

const serializedReferences = new WeakMap<object, Map<string, SerializedResult<LspLocation[]>>>();
/** Where answers are written before their exact-size copy is kept. */
const scratch = new JsonBytes();

/** A uri as JSON bytes; remembered (bounded): the same thousands of files appear in every large answer. */
function uriJsonOf(uri: string): Buffer {
  let json = uriJsons.get(uri);
  if (!json) {
    if (uriJsons.size >= 100_000) uriJsons.clear();
    uriJsons.set(uri, (json = Buffer.from(JSON.stringify(uri), 'utf8')));
  }
  return json;
}
const uriJsons = new Map<string, Buffer>();

// The fixed fragments of a Location's JSON, in JSON.stringify's key order (what session.location returns).
const [OPEN, CLOSE, COMMA, EMPTY] = ['[', ']', ',', ''].map(ascii);
const URI = ascii('{"uri":');
const START_LINE = ascii(',"range":{"start":{"line":');
const CHARACTER = ascii(',"character":');
const END_LINE = ascii('},"end":{"line":');
const LOCATION_END = ascii('}}}');

export async function documentHighlight(session: Session, params: DocumentHighlightParams): Promise<DocumentHighlight[] | null> {
  const { index, doc, target } = await targetAt(session, params.textDocument.uri, params.position);
  const ids = idsOf(target);
  if (!doc || !ids.length) return null;
  const out: DocumentHighlight[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    // Only this document: the corpus-wide reference search is too much for every cursor move.
    const defs = index.kb.definitions(id).filter((d) => d.origin.uri === doc.uri);
    const refs = [...referencesIn(doc, id), ...defs.map((d) => ({ span: d.origin.idSpan, kind: 'definition' as const }))];
    if (doc.id === id && doc.parsed.frontMatter?.fields.get('id')) {
      refs.push({ span: doc.parsed.frontMatter.fields.get('id')!.valueSpan, kind: 'definition' });
    }
    for (const ref of refs) {
      if (seen.has(ref.span.start)) continue;
      seen.add(ref.span.start);
      out.push({
        range: doc.parsed.lines.rangeOf(ref.span),
        kind: ref.kind === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      });
    }
  }
  return out;
}
