import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { isInstrumentKind } from '../kb/record';
import type { Mention } from '../recognition/types';
import { inferDate, INFERENCE_WINDOW } from './inferDate';
import { inferTitle } from './inferTitle';

/** Front-matter values the text itself suggests (for "Insert front-matter" and "Add missing field"). */
export interface InferredMetadata {
  title?: string;
  date?: string;
  source?: string;
  language?: 'ko' | 'en';
  entities: string[];
  treaties: string[];
}

export function inferMetadata(doc: ParsedDocument, mentions: readonly Mention[], kb: KnowledgeBase): InferredMetadata {
  const { entities, treaties } = mentionedIds(doc, mentions, kb);
  return {
    title: inferTitle(doc),
    date: inferDate(doc),
    source: inferSource(doc),
    language: doc.language,
    entities,
    treaties,
  };
}

/** Unambiguous recognised ids of the body, first-seen order, split into entities and instruments. */
export function mentionedIds(doc: ParsedDocument, mentions: readonly Mention[], kb: KnowledgeBase): { entities: string[]; treaties: string[] } {
  const entities: string[] = [];
  const treaties: string[] = [];
  const seen = new Set<string>();
  const fm = doc.frontMatter?.span;
  for (const m of mentions) {
    if (m.ids.length !== 1 || m.ambiguous) continue;
    if (fm && m.span.start < fm.end && m.span.end > fm.start) continue;
    const id = m.ids[0];
    if (seen.has(id)) continue;
    seen.add(id);
    const kind = kb.record(id)?.kind ?? (m.kind === 'unknown' ? undefined : m.kind);
    if (!kind) continue;
    (isInstrumentKind(kind) ? treaties : entities).push(id);
  }
  return { entities, treaties };
}

const IMAGE = /\.(?:png|jpe?g|gif|webp|svg|bmp|ico|tiff?)(?:[?#]|$)/i;

/** The first source link: the one after a `자료출처`/`출처`/`Source` label, else the first http(s) link that is not an image. */
export function inferSource(doc: ParsedDocument): string | undefined {
  const candidates = doc.urls.filter(
    (u) => u.where !== 'front-matter' && u.attribute !== 'src' && /^https?:\/\//i.test(u.url) && !IMAGE.test(u.url),
  );
  if (!candidates.length) return undefined;
  const body = doc.text.slice(doc.body.start, Math.min(doc.body.end, doc.body.start + INFERENCE_WINDOW));
  // `자료출처`/`출처` label a link with or without a colon; the English word only as a label (`Source:`).
  const label = /자료\s?출처|출처|\bSources?\s*[:：]/i.exec(body);
  if (label) {
    const labelAt = doc.body.start + label.index;
    const after = candidates.find((u) => u.span.start >= labelAt && u.span.start - labelAt < 400);
    if (after) return after.url;
  }
  return candidates[0].url;
}
