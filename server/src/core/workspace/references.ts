import type { Span } from '../text/span';
import type { IndexedDocument, Reference } from './types';

/** Front-matter lists whose items are ids. */
export const ID_LIST_FIELDS = ['entities', 'treaties', 'related'] as const;

/** Every id a document refers to in any way: mentions, wiki-links, front-matter id lists. */
export function referencedIds(doc: IndexedDocument): Set<string> {
  const ids = new Set<string>();
  for (const m of doc.mentions) for (const id of m.ids) ids.add(id);
  for (const link of doc.parsed.links) ids.add(link.target);
  const fields = doc.parsed.frontMatter?.fields;
  for (const key of ID_LIST_FIELDS) {
    for (const item of fields?.get(key)?.items ?? []) if (typeof item.value === 'string') ids.add(item.value);
  }
  return ids;
}

/**
 * Every place the document refers to an id, in this order: front-matter id lists, wiki-links, mentions (not
 * annotations: their link is the reference), an ambiguous mention once per id it may mean. The one definition
 * of a reference, for `referencesIn` and for document summaries.
 */
export function forEachReference(doc: IndexedDocument, visit: (id: string, span: Span, kind: Reference['kind']) => void): void {
  const fields = doc.parsed.frontMatter?.fields;
  for (const key of ID_LIST_FIELDS) {
    for (const item of fields?.get(key)?.items ?? []) if (typeof item.value === 'string') visit(item.value, item.span, 'front-matter');
  }
  for (const link of doc.parsed.links) visit(link.target, link.targetSpan, 'link');
  for (const m of doc.mentions) {
    if (m.via !== 'annotation') for (const id of m.ids) visit(id, m.span, 'mention');
  }
}

/** The places in one document that refer to an id, in text order. */
export function referencesIn(doc: IndexedDocument, id: string): Reference[] {
  const out: Reference[] = [];
  forEachReference(doc, (ref, span, kind) => {
    if (ref === id) out.push({ uri: doc.uri, span, kind });
  });
  return out.sort((a, b) => a.span.start - b.span.start);
}
