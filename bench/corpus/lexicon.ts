/**
 * The names the generator writes into documents. Taken from the built-in knowledge base when it loads (so the
 * generated mentions are ones the server knows), else from a small list of common names.
 */
import { loadKnowledgeBase } from '../lib/core';

export interface LexName {
  id?: string;
  ko: string[];
  en: string[];
  /** Compound forms for countries: 한, 미, 러 … */
  short: string[];
  /** An English acronym that pairs with the Korean name: 북대서양조약기구(NATO). */
  acronym?: string;
}

export interface Lexicon {
  source: 'builtin-kb' | 'fallback';
  countries: LexName[];
  people: LexName[];
  orgs: LexName[];
  /** Ministries and offices: named less often than states and international organisations. */
  ministries: LexName[];
  instruments: LexName[];
  resolutions: number[];
  /** Ids a document's front-matter may list (empty for the fallback list: it knows no ids). */
  ids: string[];
}

const n = (ko: string[], en: string[], extra: Partial<LexName> = {}): LexName => ({ ko, en, short: [], ...extra });

/** Facts only (names and numbers); every sentence around them is composed by the generator. */
export function fallbackLexicon(): Lexicon {
  return {
    source: 'fallback',
    countries: [
      n(['대한민국', '한국'], ['Republic of Korea', 'South Korea'], { short: ['한'] }),
      n(['북한', '조선민주주의인민공화국'], ['North Korea', 'DPRK'], { short: ['북'] }),
      n(['미국'], ['United States'], { short: ['미'] }),
      n(['일본'], ['Japan'], { short: ['일'] }),
      n(['중국'], ['China'], { short: ['중'] }),
      n(['러시아'], ['Russia'], { short: ['러'] }),
      n(['우크라이나'], ['Ukraine'], { short: ['우'] }),
      n(['카자흐스탄'], ['Kazakhstan'], { short: ['카자흐'] }),
      n(['폴란드'], ['Poland']),
      n(['베트남'], ['Vietnam']),
      n(['인도'], ['India']),
      n(['호주'], ['Australia'], { short: ['호'] }),
      n(['독일'], ['Germany'], { short: ['독'] }),
      n(['프랑스'], ['France'], { short: ['프'] }),
      n(['영국'], ['United Kingdom'], { short: ['영'] }),
    ],
    people: [n(['반기문'], ['Ban Ki-moon']), n(['안토니우 구테흐스'], ['António Guterres'])],
    orgs: [
      n(['북대서양조약기구'], ['North Atlantic Treaty Organization'], { acronym: 'NATO' }),
      n(['국제연합', '유엔'], ['United Nations'], { acronym: 'UN' }),
      n(['유엔 안전보장이사회', '안보리'], ['UN Security Council']),
      n(['국제원자력기구'], ['International Atomic Energy Agency'], { acronym: 'IAEA' }),
      n(['동남아시아국가연합'], ['Association of Southeast Asian Nations'], { acronym: 'ASEAN' }),
      n(['유럽연합'], ['European Union'], { acronym: 'EU' }),
    ],
    ministries: [n(['외교부'], ['Ministry of Foreign Affairs'])],
    instruments: [
      n(['핵확산금지조약'], ['Treaty on the Non-Proliferation of Nuclear Weapons', 'NPT']),
      n(['유엔 헌장'], ['UN Charter', 'Charter of the United Nations']),
      n(['한미상호방위조약'], ['Mutual Defense Treaty between the Republic of Korea and the United States']),
      n(['판문점 선언'], ['Panmunjom Declaration']),
      n(['포괄적 전략적 동반자 관계에 관한 조약'], ['Treaty on Comprehensive Strategic Partnership']),
    ],
    resolutions: [1718, 1874, 2087, 2094, 2270, 2321, 2371, 2375, 2397],
    ids: [],
  };
}

const ACRONYM = /^[A-Z]{2,7}$/;

/** Builds the lexicon from the built-in knowledge base; falls back when it is not there yet. */
export async function loadLexicon(): Promise<Lexicon> {
  const kb = await loadKnowledgeBase();
  if (!kb) return fallbackLexicon();
  const lex: Lexicon = { source: 'builtin-kb', countries: [], people: [], orgs: [], ministries: [], instruments: [], resolutions: [], ids: [] };
  for (const { record: r } of kb.records()) {
    const ko = [r.name.ko, ...(r.aliases?.ko ?? [])].filter((s): s is string => !!s);
    const en = [r.name.en, ...(r.aliases?.en ?? [])].filter((s): s is string => !!s);
    if (ko.length === 0 && en.length === 0) continue;
    const entry: LexName = { id: r.id, ko, en, short: r.short ?? [] };
    lex.ids.push(r.id);
    switch (r.kind) {
      case 'country':
        lex.countries.push(entry);
        break;
      case 'person':
        lex.people.push(entry);
        break;
      case 'organization':
      case 'body':
        entry.acronym = en.find((a) => ACRONYM.test(a));
        lex.orgs.push(entry);
        break;
      case 'ministry':
        lex.ministries.push(entry);
        break;
      case 'resolution':
        if (typeof r.number === 'number') lex.resolutions.push(r.number);
        lex.instruments.push(entry);
        break;
      case 'territory':
      case 'historical-state':
        break;
      default:
        lex.instruments.push(entry);
    }
  }
  if (lex.countries.length < 5 || lex.instruments.length < 2) return fallbackLexicon();
  if (lex.people.length === 0) lex.people = fallbackLexicon().people;
  // Numbers the KB does not know stay in: texts cite them, and the server must cope (unknown instrument).
  lex.resolutions = [...new Set([...lex.resolutions, ...fallbackLexicon().resolutions])];
  return lex;
}
