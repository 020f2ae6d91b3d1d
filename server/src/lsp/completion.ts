import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range,
  type CancellationToken,
} from 'vscode-languageserver/node';
import { isInstrumentKind, type KbRecord } from '../core/kb/record';
import { escapeMarkdown } from '../core/present/escape';
import { FIELD_DOCS } from '../core/present/fieldDocs';
import { fieldCard } from '../core/present/hoverCard';
import { kindLabel, recordLabel, searchTerms } from '../core/present/labels';
import type { DocumentInfo, IndexedDocument } from '../core/workspace/types';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { Checkpoint } from './guard';
import type { Session } from './session';

type Where =
  | { type: 'key'; range: Range }
  | { type: 'value'; field: 'entities' | 'treaties' | 'related'; range: Range }
  | { type: 'link'; range: Range; close: boolean };

const KEY_LINE = /^([A-Za-z_][\w-]*)\s*:(.*)$/;
const VALUE_BREAK = /[\s,[\]"'{}]/;

/** Works out from the text around the cursor what is being typed: a key, a list value, or a `[[link`. */
export function completionContext(doc: IndexedDocument, offset: number): Where | undefined {
  const { text, lines } = doc.parsed;
  const pos = lines.positionAt(offset);
  const lineStart = lines.lineStart(pos.line);
  const before = text.slice(lineStart, offset);
  const fm = doc.parsed.frontMatter;
  const inFrontMatter = fm ? offset >= fm.contentSpan.start && offset <= fm.contentSpan.end : false;
  const rangeFrom = (start: number, end = offset): Range => ({ start: lines.positionAt(start), end: lines.positionAt(end) });

  if (inFrontMatter) {
    if (/^[A-Za-z_]*$/.test(before)) {
      let end = offset;
      while (end < text.length && /[\w-]/.test(text[end])) end++;
      return { type: 'key', range: rangeFrom(lineStart, end) };
    }
    let field: string | undefined;
    const m = KEY_LINE.exec(before);
    if (m) field = m[1];
    else if (/^\s/.test(before)) {
      // An indented list item or continuation: the field is the nearest unindented key above.
      for (let line = pos.line - 1; line >= 0; line--) {
        const t = text.slice(lines.lineStart(line), lines.lineEnd(line));
        if (t.startsWith('---')) break;
        const km = KEY_LINE.exec(t);
        if (km) {
          field = km[1];
          break;
        }
      }
    }
    if (field !== 'entities' && field !== 'treaties' && field !== 'related') return undefined;
    let start = offset;
    while (start > lineStart && !VALUE_BREAK.test(text[start - 1])) start--;
    if (m && start <= lineStart + m[1].length) return undefined; // still on the key
    let end = offset;
    while (end < text.length && !VALUE_BREAK.test(text[end])) end++;
    return { type: 'value', field, range: rangeFrom(start, end) };
  }
  const open = before.lastIndexOf('[[');
  if (open >= 0 && !before.slice(open).includes(']]') && !before.slice(open).includes('|')) {
    const start = lineStart + open + 2;
    let end = offset;
    while (end < text.length && /[A-Za-z0-9._-]/.test(text[end])) end++;
    return { type: 'link', range: rangeFrom(start, end), close: !text.startsWith(']]', end) && !text.startsWith('|', end) };
  }
  return undefined;
}

function recordItem(record: KbRecord, range: Range, suffix: string): CompletionItem {
  return {
    label: recordLabel(record),
    kind: isInstrumentKind(record.kind) ? CompletionItemKind.Reference : CompletionItemKind.Value,
    detail: kindLabel(record.kind),
    // Matching either language: the filter text carries the id, both names and the aliases.
    filterText: searchTerms(record).join(' '),
    sortText: record.id,
    textEdit: { range, newText: record.id + suffix },
    documentation: record.description
      ? { kind: MarkupKind.Markdown, value: escapeMarkdown(record.description.ko ?? record.description.en ?? '') }
      : undefined,
  };
}

function documentItem(doc: DocumentInfo, range: Range, suffix: string): CompletionItem {
  const title = doc.title ?? '';
  return {
    label: title ? `${doc.id} — ${title}` : doc.id!,
    kind: CompletionItemKind.File,
    detail: doc.date ? `document · ${doc.date}` : 'document',
    filterText: [doc.id, title].join(' '),
    sortText: doc.id,
    textEdit: { range, newText: doc.id + suffix },
  };
}

export async function completion(session: Session, params: CompletionParams, token?: CancellationToken): Promise<CompletionList | null> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc || doc.isKbFile) return null;
  const where = completionContext(doc, doc.parsed.lines.offsetAt(params.position));
  if (!where) return null;
  const check = new Checkpoint(token);
  const items: CompletionItem[] = [];
  if (where.type === 'key') {
    const present = doc.parsed.frontMatter?.fields ?? new Map();
    const isNote = present.has('id');
    for (const f of FIELD_DOCS) {
      if (present.has(f.key) || (f.definitionOnly && !isNote)) continue;
      items.push({
        label: f.key,
        kind: CompletionItemKind.Property,
        detail: f.format.replace(/`/g, ''),
        documentation: { kind: MarkupKind.Markdown, value: fieldCard(f.key) },
        textEdit: { range: where.range, newText: `${f.key}: ` },
      });
    }
    return { isIncomplete: false, items };
  }
  const listed = new Set(where.type === 'value' ? listedIds(doc, where.field) : []);
  listed.delete(doc.parsed.text.slice(doc.parsed.lines.offsetAt(where.range.start), doc.parsed.lines.offsetAt(where.range.end)));
  const suffix = where.type === 'link' && where.close ? ']]' : '';
  const wantRecords = where.type === 'link' || where.field !== 'related';
  if (wantRecords) {
    for (const { record } of index.kb.records()) {
      await check.tick();
      if (listed.has(record.id)) continue;
      if (where.type === 'value') {
        const instrument = isInstrumentKind(record.kind);
        if ((where.field === 'treaties') !== instrument) continue;
      }
      items.push(recordItem(record, where.range, suffix));
    }
  }
  if (where.type === 'link' || where.field === 'related') {
    for (const other of documentsWithIds(index)) {
      await check.tick();
      if (other.uri === doc.uri || listed.has(other.id!) || index.kb.has(other.id!)) continue;
      items.push(documentItem(other, where.range, suffix));
    }
  }
  return { isIncomplete: false, items };
}

function listedIds(doc: IndexedDocument, field: string): string[] {
  const items = doc.parsed.frontMatter?.fields.get(field)?.items ?? [];
  return items.map((i) => i.value).filter((v): v is string => typeof v === 'string');
}

function* documentsWithIds(index: WorkspaceIndex): Iterable<DocumentInfo> {
  for (const d of index.infos()) if (d.id && !d.isKbFile && !d.isDefinitionNote) yield d;
}

