import type { Span } from '../text/span';
import type { DocumentSummary } from './summary';
import type { DocumentInfo, IndexedDocument, MentioningDocument } from './types';

/**
 * "Mentioned in" lists: each file keeps, per id, where it first mentions it, and one shared list entry (title,
 * date); the index compares them across re-analyses to drop only the lists that changed.
 */

/**
 * Where a file first mentions each id: `spans[2i]`, `spans[2i + 1]` for `ids[i]` (start -1: referred to, never
 * mentioned). A summary's own arrays serve as they are: no map, no string per entry for ten thousand files.
 */
export interface FirstMentions {
  readonly ids: readonly string[];
  readonly spans: ArrayLike<number>;
}

export const NO_MENTIONS: FirstMentions = { ids: [], spans: [] };

/** Most recent first, then by uri. Plain comparisons: ISO dates and URIs sort correctly by code unit. */
export function sortMentioning(docs: MentioningDocument[]): MentioningDocument[] {
  return docs.sort((a, b) => cmp(b.info.date ?? '', a.info.date ?? '') || cmp(a.info.uri, b.info.uri));
}

/** The first mention of each id (annotations included). */
export function firstMentions(doc: IndexedDocument | DocumentSummary): FirstMentions {
  if (!('parsed' in doc)) return { ids: doc.ids, spans: doc.firstMention };
  const ids: string[] = [];
  const spans: number[] = [];
  const seen = new Set<string>();
  for (const m of doc.mentions) {
    for (const id of m.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
      spans.push(m.span.start, m.span.end);
    }
  }
  return { ids, spans };
}

/** Where the file first mentions the id, if it does. */
export function firstMentionOf(table: FirstMentions, id: string): Span | undefined {
  const i = table.ids.indexOf(id);
  return i >= 0 && table.spans[2 * i] >= 0 ? { start: table.spans[2 * i], end: table.spans[2 * i + 1] } : undefined;
}

/** Calls `visit` for every id the file mentions, with where it first does. */
export function forEachFirstMention(table: FirstMentions, visit: (id: string, start: number, end: number) => void): void {
  for (let i = 0; i < table.ids.length; i++) if (table.spans[2 * i] >= 0) visit(table.ids[i], table.spans[2 * i], table.spans[2 * i + 1]);
}

/** Ids whose first mention differs between two tables (added, removed or moved). */
export function changedFirstMentions(before: FirstMentions, after: FirstMentions, changed: (id: string) => void): void {
  if (before.ids.length === 0) return forEachFirstMention(after, changed);
  if (after.ids.length === 0) return forEachFirstMention(before, changed);
  const sameIn = (other: FirstMentions, id: string, start: number, end: number) => {
    const there = firstMentionOf(other, id);
    return there !== undefined && there.start === start && there.end === end;
  };
  forEachFirstMention(before, (id, start, end) => sameIn(after, id, start, end) || changed(id));
  forEachFirstMention(after, (id, start, end) => sameIn(before, id, start, end) || changed(id));
}

/** A plain copy: lists must not keep a whole analysis alive. */
export function listEntry(doc: DocumentInfo): DocumentInfo {
  const { uri, version, id, title, date, isDefinitionNote, isKbFile } = doc;
  return { uri, version, id, title, date, isDefinitionNote, isKbFile };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
