// A small knowledge base and RuleContext for rule and fix tests: records are literals written here.
import { DEFAULT_CONFIG, type PolicyLensConfig } from '../../../server/src/core/config/config';
import { KnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import type { KbRecord, LoadedRecord } from '../../../server/src/core/kb/record';
import type { Mention } from '../../../server/src/core/recognition/types';
import type { RuleContext } from '../../../server/src/core/rules/types';
import type { Span } from '../../../server/src/core/text/span';

const records: KbRecord[] = [
  { id: 'kor', kind: 'country', name: { ko: '대한민국', en: 'Republic of Korea' }, aliases: { ko: ['한국'], en: ['South Korea'] } },
  { id: 'prk', kind: 'country', name: { ko: '북한', en: 'North Korea' } },
  { id: 'rus', kind: 'country', name: { ko: '러시아', en: 'Russia' } },
  { id: 'nato', kind: 'organization', name: { ko: '북대서양조약기구', en: 'NATO' } },
  { id: 'moon-jae-in', kind: 'person', name: { ko: '문재인', en: 'Moon Jae-in' } },
  { id: 'kassym-jomart-tokayev', kind: 'person', name: { ko: '토카예프', en: 'Kassym-Jomart Tokayev' } },
  { id: 'kor-ministry-of-foreign-affairs', kind: 'ministry', name: { ko: '외교부', en: 'Ministry of Foreign Affairs' } },
  { id: 'russia-dprk-treaty-2000', kind: 'treaty', name: { ko: '북러 우호조약', en: 'Treaty on Friendship' } },
  { id: 'un-charter', kind: 'treaty', name: { en: 'UN Charter' } },
];

export const kb = new KnowledgeBase(
  records.map((record): LoadedRecord => ({ record, origin: { uri: 'builtin:kb.yaml', idSpan: { start: 0, end: 0 }, builtin: true } })),
);

export interface FakeOptions {
  config?: Partial<PolicyLensConfig>;
  /** Corpus documents by front-matter id. */
  documents?: Record<string, string>;
  /** Other definitions of ids (uri, span) as the workspace index would report them. */
  definitions?: Record<string, { uri: string; span: Span }[]>;
}

export function fakeContext(options: FakeOptions = {}): RuleContext {
  const config = { ...DEFAULT_CONFIG, severity: {}, ...options.config };
  const documents = options.documents ?? {};
  return {
    config,
    kb,
    documentWithId: (id) => (documents[id] ? { uri: documents[id], title: id } : undefined),
    otherDefinitions: (id, exceptUri) => (options.definitions?.[id] ?? []).filter((d) => d.uri !== exceptUri),
    allIds: () => [...records.map((r) => r.id), ...Object.keys(documents)],
  };
}

/** A mention of `text` at its n-th occurrence in `source` (what recognition would report). */
export function mentionOf(source: string, text: string, ids: string[], kind: Mention['kind'], via: Mention['via'] = 'alias', occurrence = 0): Mention {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = source.indexOf(text, at + 1);
  if (at < 0) throw new Error(`'${text}' not in fixture`);
  return { span: { start: at, end: at + text.length }, ids, kind, via, text };
}
