import type { Span } from '../text/span';
import type { DocumentSummary } from './summary';
import type { DocumentInfo, IndexedDocument, MentioningDocument } from './types';

/**
 * "Mentioned in" lists: each file keeps, per id, where it first mentions it ("start:end"), and one shared list
 * entry (title, date); the index compares them across re-analyses to drop only the lists that changed.
 */

/** Most recent first, then by uri. Plain comparisons: ISO dates and URIs sort correctly by code unit. */
export function sortMentioning(docs: MentioningDocument[]): MentioningDocument[] {
  return docs.sort((a, b) => cmp(b.info.date ?? '', a.info.date ?? '') || cmp(a.info.uri, b.info.uri));
}

/** id → "start:end" of its first mention (annotations included). */
export function firstMentions(doc: IndexedDocument | DocumentSummary): Map<string, string> {
  const out = new Map<string, string>();
  if ('parsed' in doc) {
    for (const m of doc.mentions) for (const id of m.ids) if (!out.has(id)) out.set(id, `${m.span.start}:${m.span.end}`);
  } else {
    doc.ids.forEach((id, i) => {
      if (doc.firstMention[2 * i] >= 0) out.set(id, `${doc.firstMention[2 * i]}:${doc.firstMention[2 * i + 1]}`);
    });
  }
  return out;
}

export function spanOf(where: string): Span {
  const colon = where.indexOf(':');
  return { start: Number(where.slice(0, colon)), end: Number(where.slice(colon + 1)) };
}

/** A plain copy: lists must not keep a whole analysis alive. */
export function listEntry(doc: DocumentInfo): DocumentInfo {
  const { uri, version, id, title, date, isDefinitionNote, isKbFile } = doc;
  return { uri, version, id, title, date, isDefinitionNote, isKbFile };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
