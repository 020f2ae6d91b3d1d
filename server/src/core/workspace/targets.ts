import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { Span } from '../text/span';
import { ID_LIST_FIELDS } from './references';
import type { IndexedDocument, Target } from './types';

const within = (s: Span, offset: number) => offset >= s.start && offset <= s.end;

/** What stands at an offset: front-matter key or id, wiki-link, mention, or an id inside a kb file. */
export function findTarget(doc: IndexedDocument, offset: number, kb: KnowledgeBase): Target | undefined {
  if (doc.isKbFile) return kbFileTarget(doc, offset, kb);
  const fm = doc.parsed.frontMatter;
  if (fm && within(fm.span, offset)) {
    for (const field of fm.fields.values()) {
      if (within(field.keySpan, offset)) return { type: 'front-matter-key', span: field.keySpan, key: field.key };
      if ((ID_LIST_FIELDS as readonly string[]).includes(field.key)) {
        for (const item of field.items ?? []) {
          if (typeof item.value === 'string' && within(item.span, offset)) {
            return { type: 'front-matter-id', span: item.span, field: field.key, id: item.value };
          }
        }
      }
      if (field.key === 'id' && typeof field.value === 'string' && within(field.valueSpan, offset)) {
        return { type: 'definition', span: field.valueSpan, id: field.value };
      }
    }
    return undefined;
  }
  for (const link of doc.parsed.links) {
    if (within(link.span, offset)) return { type: 'link', span: link.targetSpan, link, id: link.target };
  }
  const mention = mentionAt(doc, offset);
  return mention ? { type: 'mention', span: mention.span, mention } : undefined;
}

/** Binary search over the sorted, non-overlapping mentions; a cursor right after a mention still hits it. */
function mentionAt(doc: IndexedDocument, offset: number) {
  const ms = doc.mentions;
  let lo = 0;
  let hi = ms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = ms[mid];
    if (m.span.end < offset) lo = mid + 1;
    else if (m.span.start > offset) hi = mid - 1;
    else return m.via === 'annotation' ? undefined : m;
  }
  return undefined;
}

const ID_CHAR = /[A-Za-z0-9._-]/;

/** In a kb YAML file: the id under the cursor, as a definition when it is a record's own `id:` value. */
function kbFileTarget(doc: IndexedDocument, offset: number, kb: KnowledgeBase): Target | undefined {
  const text = doc.parsed.text;
  let start = offset;
  let end = offset;
  while (start > 0 && ID_CHAR.test(text[start - 1])) start--;
  while (end < text.length && ID_CHAR.test(text[end])) end++;
  if (start === end) return undefined;
  const id = text.slice(start, end);
  const span = { start, end };
  const own = kb.definitions(id).find((d) => d.origin.uri === doc.uri && d.origin.idSpan.start === start);
  if (own) return { type: 'definition', span, id };
  return kb.has(id) ? { type: 'front-matter-id', span, field: '', id } : undefined;
}
