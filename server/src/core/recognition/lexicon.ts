import type { KnowledgeBase } from '../kb/knowledgeBase';
import { isInstrumentKind, type KbRecord } from '../kb/record';
import { countSyllables, foldKey, isHangul, isWordChar } from './chars';
import { WEAK_KOREAN_NAMES } from './korean';
import { titleKey } from './titles';
import { MentionTexts, TitleIds } from './mentionText';
import { SharedIds } from './sharedIds';
import { StartFilter } from './startFilter';
import { CompiledTrie } from './trie';

/** How an alias may be used: a plain name, a shared body name (외교부), a deliberately ambiguous name, a compound part. */
export type AliasCategory = 'name' | 'qualified' | 'ambiguous' | 'short';

export interface AliasVariant {
  id: string;
  cat: AliasCategory;
  /** All-caps acronyms (NATO, UN, MOU) match only in this exact spelling; other names ignore case. */
  exact: string | null;
  /**
   * A one-word capitalised English name (China, Bush, Turkey) must start with a capital in the text too, so
   * `fine china` or `the bush` are not mentions; longer names (`ABM treaty`, `the russian federation`) ignore case.
   */
  capital: boolean;
}

/** Keys that start a rule other than a plain alias (a quoted title, a numbered resolution, a `Treaty on …` phrase). */
export const TRIGGER_NONE = 0;
export const TRIGGER_QUOTE = 1;
export const TRIGGER_RESOLUTION_KO = 2;
export const TRIGGER_RESOLUTION_EN = 3;
export const TRIGGER_RESOLUTION_SYMBOL = 4;
export const TRIGGER_TREATY_PHRASE = 5;

export interface LexEntry {
  key: string;
  variants: AliasVariant[];
  trigger: number;
  /** The key starts/ends with a Latin letter or digit: English word boundaries apply on that side. */
  startsWord: boolean;
  endsWord: boolean;
  startsHangul: boolean;
  endsHangul: boolean;
  /** Hangul syllables in the key: ≤ 2 is a short name (no Hangul glued before it). */
  syllables: number;
  /** A name that is also an everyday word (수단): needs country context (see WEAK_KOREAN_NAMES). */
  weak: boolean;
  /** Some variant has a case rule (exact or capital), so resolution filters variants per match. */
  caseChecked: boolean;
  /** Ids per category, precomputed so a match costs no work when no variant is case-sensitive. */
  names: string[];
  qualified: string[];
  ambiguous: string[];
  /** Claimants of a shared name by their country (폴란드 외교부) and by the languages they are default for. */
  qualifiedByCountry: Map<string, string[]> | undefined;
  qualifiedDefault: { ko: string[]; en: string[] } | undefined;
  /** The country this is a short form of (한, 미, 카자흐); undefined when none or when two countries share it. */
  shortId: string | undefined;
  /** The record of names[0], looked up once: most matches resolve to it. */
  firstRecord: KbRecord | undefined;
  /** For caseChecked entries: the id lists per set of variants whose case rule holds (bit i: variant i); see caseLists. */
  byCase: Map<number, IdLists> | undefined;
}

export interface IdLists {
  names: string[];
  qualified: string[];
  ambiguous: string[];
}

/** Variants beyond this many are filtered per match rather than memoised by bit mask. */
export const MAX_MASKED_VARIANTS = 31;

/** The entry's id lists from the variants that `holds` (shared: mentions carry them). */
export function idListsOf(lex: Pick<Lexicon, 'ids'>, entry: LexEntry, holds: (variant: number) => boolean): IdLists {
  const lists: IdLists = { names: [], qualified: [], ambiguous: [] };
  entry.variants.forEach((v, i) => {
    if (v.cat === 'short' || !holds(i)) return;
    const list = v.cat === 'name' ? lists.names : v.cat === 'qualified' ? lists.qualified : lists.ambiguous;
    if (!list.includes(v.id)) list.push(v.id);
  });
  return { names: lex.ids.share(lists.names), qualified: lex.ids.share(lists.qualified), ambiguous: lex.ids.share(lists.ambiguous) };
}

/** Everything recognition needs from one knowledge base, compiled once (see lexiconFor). */
export interface Lexicon {
  kb: KnowledgeBase;
  trie: CompiledTrie;
  entries: LexEntry[];
  /** titleKey of every instrument name and alias → the instruments' ids. */
  titles: Map<string, string[]>;
  /** The same answers per quoted text, remembered (see TitleIds). */
  titleIds: TitleIds;
  /** UN Security Council resolution number → record id. */
  resolutions: Map<number, string>;
  /** Which positions may start a key (see startFilter.ts). */
  starts: StartFilter;
  /** Candidate buffers for the scanner (see Scanner), allocated once per lexicon rather than per document. */
  buffers: { keys: Int32Array[]; ends: Int32Array[] };
  /** The ids arrays that mentions share (see sharedIds.ts), and their texts. */
  ids: SharedIds;
  texts: MentionTexts;
}

const QUOTE_OPENERS = ['‘', "'", '“', '"', '「', '『', '《', '〈'];
const TRIGGERS: [string, number][] = [
  ...QUOTE_OPENERS.map((q): [string, number] => [q, TRIGGER_QUOTE]),
  ['결의', TRIGGER_RESOLUTION_KO],
  ['resolution', TRIGGER_RESOLUTION_EN],
  ['unscr', TRIGGER_RESOLUTION_EN],
  ['s/res/', TRIGGER_RESOLUTION_SYMBOL],
  ['treaty', TRIGGER_TREATY_PHRASE],
  ['convention', TRIGGER_TREATY_PHRASE],
  ['agreement', TRIGGER_TREATY_PHRASE],
];

function isAcronym(alias: string): boolean {
  return alias.length <= 6 && /[A-Z]/.test(alias) && alias === alias.toUpperCase() && !/[\uac00-\ud7a3]/.test(alias);
}

const cache = new WeakMap<KnowledgeBase, Lexicon>();

/** The compiled lexicon of a knowledge base, built on first use and cached for the (immutable) kb's lifetime. */
export function lexiconFor(kb: KnowledgeBase): Lexicon {
  let lex = cache.get(kb);
  if (!lex) {
    lex = buildLexicon(kb);
    cache.set(kb, lex);
  }
  return lex;
}

export function buildLexicon(kb: KnowledgeBase): Lexicon {
  const ids = new SharedIds();
  const entries: LexEntry[] = [];
  const index = new Map<string, number>();
  const entryFor = (key: string): LexEntry => {
    let i = index.get(key);
    if (i === undefined) {
      i = entries.length;
      index.set(key, i);
      const first = key.charCodeAt(0);
      const last = key.charCodeAt(key.length - 1);
      entries.push({
        key,
        variants: [],
        trigger: TRIGGER_NONE,
        startsWord: isWordChar(first),
        endsWord: isWordChar(last),
        startsHangul: isHangul(first),
        endsHangul: isHangul(last),
        syllables: countSyllables(key),
        weak: WEAK_KOREAN_NAMES.has(key),
        caseChecked: false,
        names: [],
        qualified: [],
        ambiguous: [],
        qualifiedByCountry: undefined,
        qualifiedDefault: undefined,
        shortId: undefined,
        firstRecord: undefined,
        byCase: undefined,
      });
    }
    return entries[i];
  };
  const seen = new Set<string>();
  const add = (raw: string | undefined, id: string, cat: AliasCategory) => {
    if (typeof raw !== 'string') return;
    const key = foldKey(raw);
    if (!key) return;
    const trimmed = raw.trim();
    const exact = cat !== 'short' && isAcronym(trimmed) ? trimmed : null;
    const capital = cat !== 'short' && !exact && /^[A-Z][^\s]*$/.test(trimmed);
    const unique = `${key}\u0000${id}\u0000${cat}\u0000${exact}\u0000${capital}`;
    if (seen.has(unique)) return;
    seen.add(unique);
    entryFor(key).variants.push({ id, cat, exact, capital });
  };

  const titles = new Map<string, string[]>();
  const resolutions = new Map<number, string>();
  for (const { record } of kb.records()) {
    const id = record.id;
    for (const name of [record.name?.ko, record.name?.en, ...(record.aliases?.ko ?? []), ...(record.aliases?.en ?? [])]) {
      add(name, id, 'name');
      if (isInstrumentKind(record.kind) && typeof name === 'string') addTitle(titles, name, id);
    }
    for (const q of [...(record.qualified_aliases?.ko ?? []), ...(record.qualified_aliases?.en ?? [])]) add(q, id, 'qualified');
    for (const a of [...(record.ambiguous_aliases?.ko ?? []), ...(record.ambiguous_aliases?.en ?? [])]) add(a, id, 'ambiguous');
    if (isCountryLike(record)) for (const s of record.short ?? []) add(s, id, 'short');
    if (record.kind === 'resolution' && typeof record.number === 'number') resolutions.set(record.number, id);
  }
  for (const [key, trigger] of TRIGGERS) entryFor(key).trigger = trigger;
  for (const entry of entries) {
    summarise(entry, kb);
    entry.names = ids.share(entry.names);
    entry.qualified = ids.share(entry.qualified);
    entry.ambiguous = ids.share(entry.ambiguous);
    for (const [country, list] of entry.qualifiedByCountry ?? []) entry.qualifiedByCountry!.set(country, ids.share(list));
  }
  const keys = entries.map((e) => e.key);
  const trie = new CompiledTrie(keys);
  // A name of three syllables or more, a trigger or a non-Hangul key may stand right after Hangul (토대로북대서양…).
  const glued = (i: number) => entries[i].trigger !== TRIGGER_NONE || !entries[i].startsHangul || entries[i].syllables >= 3;
  const starts = new StartFilter(keys, glued);
  const size = trie.maxKeyLength + 1;
  const buffers = { keys: [0, 1, 2].map(() => new Int32Array(size)), ends: [0, 1, 2].map(() => new Int32Array(size)) };
  for (const [key, list] of titles) titles.set(key, ids.share(list));
  return { kb, trie, entries, titles, titleIds: new TitleIds(titles), resolutions, starts, buffers, ids, texts: new MentionTexts() };
}

/** `list` with `id` added once; a new list when there is none yet (most readings never need one). */
export function addUnique(list: string[] | undefined, id: string): string[] {
  if (!list) return [id];
  if (!list.includes(id)) list.push(id);
  return list;
}

function summarise(entry: LexEntry, kb: KnowledgeBase): void {
  let shortId: string | undefined;
  let shortShared = false;
  for (const v of entry.variants) {
    if (v.exact !== null || v.capital) {
      entry.caseChecked = true;
      entry.byCase ??= new Map();
    }
    if (v.cat === 'name') addUnique(entry.names, v.id);
    else if (v.cat === 'qualified') addUnique(entry.qualified, v.id);
    else if (v.cat === 'ambiguous') addUnique(entry.ambiguous, v.id);
    else if (shortId && shortId !== v.id) shortShared = true;
    else shortId = v.id;
  }
  entry.shortId = shortShared ? undefined : shortId;
  entry.firstRecord = entry.names.length ? kb.record(entry.names[0]) : undefined;
  if (!entry.qualified.length) return;
  entry.qualifiedByCountry = new Map();
  entry.qualifiedDefault = { ko: [], en: [] };
  for (const id of entry.qualified) {
    const record = kb.record(id);
    if (record?.country) {
      const list = entry.qualifiedByCountry.get(record.country);
      if (list) list.push(id);
      else entry.qualifiedByCountry.set(record.country, [id]);
    }
    for (const lang of record?.default_for ?? []) if (lang === 'ko' || lang === 'en') entry.qualifiedDefault[lang].push(id);
  }
}

function addTitle(titles: Map<string, string[]>, name: string, id: string): void {
  const key = titleKey(name);
  if (!key) return;
  const ids = titles.get(key);
  if (!ids) titles.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

export function isCountryLike(record: KbRecord | undefined): boolean {
  return record?.kind === 'country' || record?.kind === 'territory' || record?.kind === 'historical-state';
}
