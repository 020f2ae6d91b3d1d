import {
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
  type CancellationToken,
} from 'vscode-languageserver/node';
import { kindClass, type KbRecord, type KindClass } from '../core/kb/record';
import { bilingualName, kindLabel, recordLabel, recordMatches } from '../core/present/labels';
import type { DocumentInfo, IndexedDocument } from '../core/workspace/types';
import { Checkpoint } from './guard';
import type { Session } from './session';

const SYMBOL_KIND: Record<KindClass, SymbolKind> = {
  country: SymbolKind.Namespace,
  organization: SymbolKind.Module,
  person: SymbolKind.Variable,
  instrument: SymbolKind.Struct,
};

function symbolKind(record: KbRecord | undefined): SymbolKind {
  return record ? SYMBOL_KIND[kindClass(record.kind)] ?? SymbolKind.Object : SymbolKind.Object;
}

/** Outline: the front-matter fields, the headings (nested by level), and the entities the text mentions. */
export async function documentSymbols(session: Session, params: DocumentSymbolParams): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc || doc.isKbFile) return null;
  const { lines, frontMatter } = doc.parsed;
  const symbols: DocumentSymbol[] = [];

  if (frontMatter) {
    const children: DocumentSymbol[] = [];
    for (const field of frontMatter.fields.values()) {
      const end = Math.max(field.keySpan.end, field.valueSpan.end);
      children.push({
        name: field.key,
        detail: summarise(field.value),
        kind: SymbolKind.Property,
        range: lines.rangeOf({ start: field.keySpan.start, end }),
        selectionRange: lines.rangeOf(field.keySpan),
      });
    }
    symbols.push({
      name: 'front-matter',
      kind: SymbolKind.Namespace,
      range: lines.rangeOf(frontMatter.span),
      selectionRange: lines.rangeOf({ start: frontMatter.span.start, end: frontMatter.span.start + 3 }),
      children,
    });
  }

  // Headings nest under the nearest shallower heading; a heading's range runs to the next heading of its level.
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  const headings = doc.parsed.headings;
  headings.forEach((h, i) => {
    const next = headings.slice(i + 1).find((o) => o.level <= h.level);
    const end = next ? next.span.start - 1 : doc.parsed.text.length;
    const symbol: DocumentSymbol = {
      name: h.text.trim() || '(empty heading)',
      detail: `h${h.level}`,
      kind: SymbolKind.String,
      range: lines.rangeOf({ start: h.span.start, end: Math.max(h.span.end, end) }),
      selectionRange: lines.rangeOf(h.span),
      children: [],
    };
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1].symbol.children! : symbols).push(symbol);
    stack.push({ level: h.level, symbol });
  });

  const byId = new Map<string, { first: number; last: number; firstSpan: { start: number; end: number }; count: number }>();
  for (const m of doc.mentions) {
    for (const id of m.ids) {
      const e = byId.get(id);
      if (e) {
        e.last = m.span.end;
        e.count++;
      } else byId.set(id, { first: m.span.start, last: m.span.end, firstSpan: m.span, count: 1 });
    }
  }
  if (byId.size) {
    const children: DocumentSymbol[] = [];
    let start = Infinity;
    let end = 0;
    for (const [id, e] of byId) {
      const record = index.kb.record(id);
      start = Math.min(start, e.first);
      end = Math.max(end, e.last);
      children.push({
        name: record ? bilingualName(record.name, id) : id,
        detail: `${record ? kindLabel(record.kind) : 'unknown'} · ${id} · ${e.count}×`,
        kind: symbolKind(record),
        range: lines.rangeOf({ start: e.first, end: e.last }),
        selectionRange: lines.rangeOf(e.firstSpan),
      });
    }
    symbols.push({
      name: 'mentioned entities',
      kind: SymbolKind.Package,
      range: lines.rangeOf({ start, end }),
      selectionRange: lines.rangeOf({ start, end: start }),
      children,
    });
  }
  if (session.flags.hierarchicalSymbols) return symbols;
  return flatten(symbols, params.textDocument.uri);
}

function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: s.kind, location: { uri, range: s.selectionRange }, containerName: container },
    ...flatten(s.children ?? [], uri, s.name),
  ]);
}

function summarise(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ').slice(0, 80);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object') return '{…}';
  return String(value ?? '').slice(0, 80);
}

/** Every entity, instrument and document whose id or name (either language) contains the query. */
export async function workspaceSymbols(session: Session, params: WorkspaceSymbolParams, token?: CancellationToken): Promise<SymbolInformation[]> {
  const index = await session.current();
  const check = new Checkpoint(token);
  const query = params.query.trim().toLowerCase();
  const out: SymbolInformation[] = [];
  for (const { record } of index.kb.records()) {
    await check.tick();
    if (!recordMatches(record, query)) continue;
    const def = index.definition(record.id);
    if (!def) continue;
    out.push({ name: recordLabel(record), kind: symbolKind(record), location: session.location(def), containerName: kindLabel(record.kind) });
  }
  for (const doc of index.infos()) {
    await check.tick();
    if (doc.isKbFile || doc.isDefinitionNote) continue;
    const name = documentName(doc);
    if (query && !`${name} ${doc.id ?? ''}`.toLowerCase().includes(query)) continue;
    out.push({
      name,
      kind: SymbolKind.File,
      location: { uri: session.clientUri(doc.uri), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      containerName: doc.date ?? 'document',
    });
  }
  return out;
}

function documentName(doc: DocumentInfo): string {
  const base = doc.uri.slice(doc.uri.lastIndexOf('/') + 1);
  const title = doc.title ?? safeDecode(base);
  return doc.id ? `${title} (${doc.id})` : title;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
