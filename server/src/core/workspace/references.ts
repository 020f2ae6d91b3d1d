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

/** The places in one document that refer to an id, in text order. */
export function referencesIn(doc: IndexedDocument, id: string): Reference[] {
  const out: Reference[] = [];
  const fields = doc.parsed.frontMatter?.fields;
  for (const key of ID_LIST_FIELDS) {
    for (const item of fields?.get(key)?.items ?? []) {
      if (item.value === id) out.push({ uri: doc.uri, span: item.span, kind: 'front-matter' });
    }
  }
  for (const link of doc.parsed.links) {
    if (link.target === id) out.push({ uri: doc.uri, span: link.targetSpan, kind: 'link' });
  }
  for (const m of doc.mentions) {
    if (m.via !== 'annotation' && m.ids.includes(id)) out.push({ uri: doc.uri, span: m.span, kind: 'mention' });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
