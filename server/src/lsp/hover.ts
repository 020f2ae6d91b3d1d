import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { KbRecord } from '../core/kb/record';
import {
  ambiguousCard,
  documentCard,
  fieldCard,
  recordCard,
  unknownCard,
  MAX_MENTIONED_LINKS,
  type CardContext,
  type MentionedIn,
} from '../core/present/hoverCard';
import type { Mention } from '../core/recognition/types';
import type { IndexedDocument, Target } from '../core/workspace/types';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import type { Session } from './session';

/** Hover: a card for the mention, link, front-matter id or key under the cursor. */
export async function hover(session: Session, params: HoverParams): Promise<Hover | null> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc) return null;
  const target = index.targetAt(doc.uri, doc.parsed.lines.offsetAt(params.position));
  if (!target) return null;
  const value = cardFor(session, index, doc, target);
  if (!value) return null;
  // Never `isTrusted`: the card carries data from documents; escaping is the first line, distrust the second.
  return {
    contents: { kind: session.flags.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value },
    range: doc.parsed.lines.rangeOf(target.span),
  };
}

export function cardContext(session: Session, index: WorkspaceIndex, language?: 'ko' | 'en'): CardContext {
  return {
    nameOf: (id) => index.kb.record(id)?.name,
    linkTo: (id) => {
      const loc = index.definition(id);
      return loc ? session.link(loc) : undefined;
    },
    language,
  };
}

/** "Mentioned in N documents": the index keeps the list per id (see documentsMentioning); this links the first few. */
function mentionedIn(session: Session, index: WorkspaceIndex, id: string): MentionedIn {
  const mentioning = index.documentsMentioning(id);
  const documents = mentioning.slice(0, MAX_MENTIONED_LINKS).map(({ info, firstMention }) => ({
    title: info.title ?? basename(info.uri),
    date: info.date,
    link: session.link({ uri: info.uri, span: firstMention }),
  }));
  return { total: mentioning.length, documents };
}

function fullCard(session: Session, index: WorkspaceIndex, record: KbRecord, ctx: CardContext, mention?: Mention): string {
  const def = index.definition(record.id);
  const builtin = !!index.kb.get(record.id)?.origin.builtin;
  return recordCard(record, ctx, {
    mentionedIn: mentionedIn(session, index, record.id),
    definedAt: def ? session.link(def) : undefined,
    builtin,
    foundAs: mention ? { via: mention.via, text: mention.text } : undefined,
  });
}

function cardFor(session: Session, index: WorkspaceIndex, doc: IndexedDocument, target: Target): string | undefined {
  const ctx = cardContext(session, index, doc.parsed.language);
  const recordCardOf = (id: string) => {
    const record = index.kb.record(id);
    return record ? fullCard(session, index, record, ctx) : undefined;
  };
  switch (target.type) {
    case 'front-matter-key':
      return fieldCard(target.key);
    case 'mention': {
      const { mention } = target;
      const records = mention.ids.map((id) => index.kb.record(id)).filter((r): r is KbRecord => !!r);
      if (records.length === 0) return unknownCard(mention.text, mention.kind === 'unknown' ? 'instrument' : 'id');
      if (records.length > 1 || mention.ambiguous) return ambiguousCard(mention.text, records, ctx);
      return fullCard(session, index, records[0], ctx, mention);
    }
    case 'link':
    case 'definition':
    case 'front-matter-id': {
      const byRecord = recordCardOf(target.id);
      if (byRecord && !(target.type === 'front-matter-id' && target.field === 'related')) return byRecord;
      const docs = index.documentsWithId(target.id);
      if (docs.length) {
        const d = docs[0];
        return documentCard({ id: target.id, title: d.title, date: d.date, link: session.link({ uri: d.uri, span: { start: 0, end: 0 } }) });
      }
      if (byRecord) return byRecord;
      return unknownCard(target.id, target.type === 'link' ? 'link' : 'id');
    }
  }
}

function basename(uri: string): string {
  try {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  } catch {
    return uri.slice(uri.lastIndexOf('/') + 1);
  }
}
