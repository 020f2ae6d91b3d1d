import { KnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import type { KbRecord, LoadedRecord } from '../../../server/src/core/kb/record';
import { recognize, type RecognitionInput } from '../../../server/src/core/recognition';
import type { Mention } from '../../../server/src/core/recognition/types';

/** A small knowledge base written for these tests (not the built-in data). */
export const RECORDS: KbRecord[] = [
  { id: 'kor', kind: 'country', name: { ko: '대한민국', en: 'Republic of Korea' }, aliases: { ko: ['한국', '남한'], en: ['South Korea', 'ROK'] }, short: ['한', '남'] },
  { id: 'prk', kind: 'country', name: { ko: '조선민주주의인민공화국', en: "Democratic People's Republic of Korea" }, aliases: { ko: ['북한'], en: ['North Korea', 'DPRK'] }, short: ['북', '조'] },
  { id: 'usa', kind: 'country', name: { ko: '미국', en: 'United States' }, aliases: { en: ['US', 'USA'] }, short: ['미'] },
  { id: 'jpn', kind: 'country', name: { ko: '일본', en: 'Japan' }, short: ['일'] },
  { id: 'chn', kind: 'country', name: { ko: '중국', en: 'China' }, short: ['중'] },
  { id: 'rus', kind: 'country', name: { ko: '러시아', en: 'Russia' }, aliases: { ko: ['러시아 연방'], en: ['Russian Federation'] }, short: ['러'] },
  { id: 'kaz', kind: 'country', name: { ko: '카자흐스탄', en: 'Kazakhstan' }, short: ['카자흐'] },
  { id: 'pol', kind: 'country', name: { ko: '폴란드', en: 'Poland' }, short: ['폴'] },
  { id: 'ind', kind: 'country', name: { ko: '인도', en: 'India' } },
  { id: 'fra', kind: 'country', name: { ko: '프랑스', en: 'France' }, short: ['불'] },
  { id: 'sdn', kind: 'country', name: { ko: '수단', en: 'Sudan' } },
  { id: 'gha', kind: 'country', name: { ko: '가나', en: 'Ghana' } },
  { id: 'tgo', kind: 'country', name: { ko: '토고', en: 'Togo' } },
  { id: 'gum', kind: 'territory', name: { ko: '괌', en: 'Guam' } },
  { id: 'sun', kind: 'historical-state', name: { ko: '소련', en: 'Soviet Union' }, aliases: { en: ['USSR'] }, short: ['소'] },
  { id: 'pyongyang', kind: 'territory', name: { ko: '평양', en: 'Pyongyang' }, country: 'prk' },
  { id: 'nato', kind: 'organization', name: { ko: '북대서양조약기구', en: 'North Atlantic Treaty Organization' }, aliases: { ko: ['나토'], en: ['NATO'] } },
  { id: 'un', kind: 'organization', name: { ko: '국제연합', en: 'United Nations' }, aliases: { ko: ['유엔'], en: ['UN'] } },
  { id: 'unsc', kind: 'body', name: { ko: '유엔 안전보장이사회', en: 'UN Security Council' }, aliases: { ko: ['안보리'], en: ['UNSC'] }, parent: 'un' },
  { id: 'eu', kind: 'organization', name: { ko: '유럽연합', en: 'European Union' }, aliases: { en: ['EU'] } },
  { id: 'kor-mofa', kind: 'ministry', name: { ko: '대한민국 외교부', en: 'Ministry of Foreign Affairs (Korea)' }, qualified_aliases: { ko: ['외교부'], en: ['Foreign Ministry'] }, country: 'kor', default_for: ['ko'] },
  { id: 'pol-mfa', kind: 'ministry', name: { ko: '폴란드 외무부', en: 'Ministry of Foreign Affairs of Poland' }, qualified_aliases: { ko: ['외교부'], en: ['Foreign Ministry'] }, country: 'pol' },
  { id: 'jpn-mfa', kind: 'ministry', name: { ko: '일본 외무성', en: 'Ministry of Foreign Affairs of Japan' }, qualified_aliases: { ko: ['외무성', '외교부'], en: ['Foreign Ministry'] }, country: 'jpn' },
  { id: 'usa-state-dept', kind: 'ministry', name: { ko: '미국 국무부', en: 'United States Department of State' }, aliases: { ko: ['국무부'], en: ['State Department'] }, country: 'usa' },
  { id: 'moon-jae-in', kind: 'person', name: { ko: '문재인', en: 'Moon Jae-in' }, country: 'kor' },
  { id: 'lavrov', kind: 'person', name: { ko: '세르게이 라브로프', en: 'Sergey Lavrov' }, ambiguous_aliases: { ko: ['외무장관'] }, country: 'rus' },
  { id: 'choe-son-hui', kind: 'person', name: { ko: '최선희', en: 'Choe Son Hui' }, ambiguous_aliases: { ko: ['외무장관'] }, country: 'prk' },
  { id: 'itpp', kind: 'programme', name: { ko: '개별 맞춤형 협력 관계 프로그램', en: 'Individually Tailored Partnership Programme' }, aliases: { en: ['ITPP'] } },
  { id: 'mou-kaz', kind: 'agreement', name: { ko: '한-카자흐스탄 협력 양해각서', en: 'Korea–Kazakhstan cooperation memorandum' }, aliases: { en: ['MOU'] } },
  {
    id: 'russia-dprk-treaty-2000',
    kind: 'treaty',
    name: { ko: '조선민주주의인민공화국과 러시아 연방 사이의 친선, 선린 및 협조에 관한 조약', en: 'Treaty on Friendship, Good-Neighborly Relations and Cooperation' },
    aliases: { ko: ['북·러 우호조약'] },
  },
  {
    id: 'ussr-dprk-treaty-1961',
    kind: 'treaty',
    name: { ko: '조선민주주의인민공화국과 소비에트사회주의공화국연맹 간의 우호, 협조 및 호상원조에 관한 조약', en: 'Treaty of Friendship, Co-operation and Mutual Assistance' },
    aliases: { ko: ['조소우호조약'] },
  },
  {
    id: 'russia-dprk-treaty-2024',
    kind: 'treaty',
    name: { ko: '포괄적인 전략적 동반자 관계에 관한 조약', en: 'Treaty on Comprehensive Strategic Partnership' },
  },
  { id: 'abm-treaty', kind: 'treaty', name: { ko: '탄도탄요격미사일 제한조약', en: 'Anti-Ballistic Missile Treaty' }, aliases: { en: ['ABM Treaty'] } },
  { id: 'un-charter', kind: 'treaty', name: { ko: '국제연합 헌장', en: 'Charter of the United Nations' }, aliases: { ko: ['유엔 헌장'], en: ['UN Charter'] } },
  { id: 'unscr-1718', kind: 'resolution', name: { ko: '유엔 안보리 결의 제1718호', en: 'UN Security Council resolution 1718' }, number: 1718 },
  { id: 'unscr-2397', kind: 'resolution', name: { ko: '유엔 안보리 결의 제2397호', en: 'UN Security Council resolution 2397' }, number: 2397 },
];

export function kbOf(records: KbRecord[] = RECORDS): KnowledgeBase {
  return new KnowledgeBase(
    records.map((record, i): LoadedRecord => ({ record, origin: { uri: 'memory:test.yaml', idSpan: { start: i, end: i }, builtin: true } })),
  );
}

export const KB = kbOf();

/** `null` for a document whose language could not be told. */
export type Lang = 'ko' | 'en' | null;

export function docOf(text: string, language: Lang = 'ko'): RecognitionInput {
  return { text, textSegments: [{ start: 0, end: text.length }], links: [], language: language ?? undefined };
}

/** `text=ids` for each mention, e.g. `북한=prk`, `외교부=kor-mofa`, `=` with nothing after for unknown instruments. */
export function found(text: string, language: Lang = 'ko', kb = KB): string[] {
  return recognize(docOf(text, language), kb).map((m) => `${m.text}=${m.ids.join(',')}`);
}

export function mentionsOf(text: string, language: Lang = 'ko', kb = KB): Mention[] {
  return recognize(docOf(text, language), kb);
}
