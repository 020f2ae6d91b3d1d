import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { RecordKind } from '../kb/record';
import { FOLD as FOLD_IMPORT, isHangul as isHangulImport, isWordChar as isWordCharImport } from './chars';
import { compoundAt, shortPairAt } from './compounds';
import { triggerAt } from './instrumentRules';
import { countryContextAt, countryTrapAt, particleAt, shortNameTrapAt } from './korean';
import { idListsOf, isCountryLike, MAX_MASKED_VARIANTS, type AliasVariant, type IdLists, type LexEntry, type Lexicon } from './lexicon';
import type { MentionTexts } from './mentionText';
import { acronymPairAfter, splitCountryPrefix } from './pairs';
import type { RecognitionInput } from './recognize';
import { yearEnd } from './resolutions';
import { QUOTE_KINDS } from './titles';
import type { Mention, MentionVia } from './types';

// Module-local references: imported bindings can compile to property getters (tsx/CJS), too slow per character.
const FOLD = FOLD_IMPORT;
const isHangul = isHangulImport;
const isWordChar = isWordCharImport;

export interface Resolved {
  ids: string[];
  via: MentionVia;
  ambiguous: boolean;
}

/** One reading of the text at a position: the mentions it yields and where scanning resumes. */
export interface Plan {
  end: number;
  mentions: Mention[];
  /**
   * A single country mention ending at `end`: context for a following qualified alias (폴란드 외교부). Always present
   * (undefined when none), so every plan has one shape for the scan loop.
   */
  country: string | undefined;
}

/**
 * The left-to-right scan of one document and the context the rules share (the current segment, candidate
 * buffers, the last country mentioned). Internal to recognition: the rules in compounds.ts, pairs.ts and
 * instrumentRules.ts read its members; callers use recognize() or RecognitionJob. One scanner serves document
 * after document (see `begin`): recognize() keeps one per lexicon rather than making ~1 KB of objects per document.
 */
export class Scanner {
  /**
   * The mentions found so far: the first `count` entries of a buffer kept from document to document (`take`
   * copies them out at the exact length, instead of the array growing by copies as each document's mentions come).
   */
  readonly out: Mention[] = [];
  count = 0;
  doc!: RecognitionInput;
  text = '';
  readonly kb: KnowledgeBase;
  readonly entries: LexEntry[];
  readonly texts: MentionTexts;
  segStart = 0;
  segEnd = 0;
  lastCountry: string | undefined;
  lastCountryEnd = -1;
  /**
   * Candidate buffers per nesting level: 0 the main scan, 1 pairs/compounds, 2 look-ahead for a qualified alias.
   * Shared by every scan of the lexicon: their contents never outlive one reading (scans are synchronous).
   */
  readonly keys: Int32Array[];
  readonly ends: Int32Array[];
  readonly noCloserUntil = new Int32Array(QUOTE_KINDS);
  readonly noCloserSegment = new Int32Array(QUOTE_KINDS).fill(-1);

  constructor(readonly lex: Lexicon) {
    this.kb = lex.kb;
    this.entries = lex.entries;
    this.texts = lex.texts;
    this.keys = lex.buffers.keys;
    this.ends = lex.buffers.ends;
  }

  /** Starts on a document: no mentions yet, no country seen, no quote searched. */
  begin(doc: RecognitionInput): this {
    this.doc = doc;
    this.text = doc.text;
    this.clear();
    this.segStart = 0;
    this.segEnd = 0;
    this.lastCountry = undefined;
    this.lastCountryEnd = -1;
    this.noCloserUntil.fill(0);
    this.noCloserSegment.fill(-1);
    return this;
  }

  /** The mentions found, as an array of their own; the scanner keeps none. */
  take(): Mention[] {
    const found = this.out.slice(0, this.count);
    this.clear();
    return found;
  }

  /** Forgets the mentions (the buffer must not keep a document's mentions alive). */
  clear(): void {
    this.out.fill(undefined as unknown as Mention, 0, this.count);
    this.count = 0;
  }

  /**
   * Scans the segment [start, end) from `from` until `stopAt` (a reading starting before it is finished);
   * returns where it stopped.
   */
  scan(start: number, end: number, from: number, stopAt: number): number {
    this.segStart = start;
    this.segEnd = end;
    const { text, out } = this;
    const trie = this.lex.trie;
    const starts = this.lex.starts;
    const stop = Math.min(end, stopAt);
    let p = from;
    // Nothing starts inside a Latin word (English names need a word boundary), nor inside a Korean word unless some
    // key from here may be glued (long names), nor where no key's first code units are: most positions are skipped.
    while ((p = starts.next(text, p, start, end, stop)) < stop) {
      const n = trie.collect(text, p, end, this.keys[0], this.ends[0]);
      const plan = n > 0 ? this.bestAt(p, n) : null;
      if (!plan) {
        p++;
        continue;
      }
      // Indexed, not for-of: this runs once per reading, mostly before V8 has optimised scan().
      const mentions = plan.mentions;
      for (let i = 0; i < mentions.length; i++) out[this.count++] = mentions[i];
      if (plan.country) {
        this.lastCountry = plan.country;
        this.lastCountryEnd = plan.end;
      }
      p = plan.end;
    }
    return p;
  }

  prev(p: number): number {
    return p > this.segStart ? this.text.charCodeAt(p - 1) : -1;
  }

  next(p: number): number {
    return p < this.segEnd ? this.text.charCodeAt(p) : -1;
  }

  /** The longest reading at p among the n candidate keys in buffer 0 (shortest first); ties keep the earlier rule. */
  bestAt(p: number, n: number): Plan | null {
    const keys = this.keys[0];
    const ends = this.ends[0];
    let best: Plan | null = null;
    for (let k = n - 1; k >= 0 && !best; k--) {
      const entry = this.entries[keys[k]];
      if (entry.variants.length) best = this.aliasAt(entry, p, ends[k]);
    }
    if (best && best.mentions.length === 1 && best.mentions[0].via === 'alias') {
      best = splitCountryPrefix(this, p, n, best) ?? best;
    }
    let shortEnd = -1;
    let shortId: string | undefined;
    for (let k = n - 1; k >= 0 && shortEnd < 0; k--) {
      const id = this.entries[keys[k]].shortId;
      if (id) {
        shortEnd = ends[k];
        shortId = id;
      }
    }
    // The other rules are given the end to beat: a reading that would lose is not built (most resolutions
    // lose to the alias naming them, `resolution 1718`, and many compounds to a longer name).
    if (shortId && !isHangul(this.prev(p)) && !isWordChar(this.prev(p))) {
      best = compoundAt(this, p, best ? best.end : -1) ?? best;
      best = shortPairAt(this, p, shortEnd, shortId, best ? best.end : -1) ?? best;
    }
    for (let k = n - 1; k >= 0; k--) {
      const entry = this.entries[keys[k]];
      if (!entry.trigger) continue;
      best = triggerAt(this, entry.trigger, p, best ? best.end : -1) ?? best;
    }
    return best;
  }

  // ---- aliases -------------------------------------------------------------------------------------------------

  /** Word-shape rules for a key found at [p, end): English word boundaries, Korean glue and trap rules. */
  boundaryOk(entry: LexEntry, p: number, end: number): boolean {
    const prev = this.prev(p);
    const next = this.next(end);
    if (entry.startsWord && isWordChar(prev)) return false;
    if (entry.endsWord && isWordChar(next)) return false;
    if (entry.startsHangul) {
      // A short name needs no Hangul before it (태평양 does not contain 평양), a longer one may be glued
      // (토대로북대서양조약기구와의); a one-syllable name (괌) stands alone or before a particle (괌에서).
      if (entry.syllables <= 2 && isHangul(prev)) return false;
      if (entry.syllables === 1 && entry.endsHangul && isHangul(next) && !particleAt(this.text, end)) return false;
    }
    if (entry.endsHangul && entry.syllables <= 2 && isHangul(next) && shortNameTrapAt(this.text, end)) return false;
    return true;
  }

  /** The variant's case rule holds for the text at [p, end): exact spelling for acronyms, a capital for names. */
  caseOk(v: AliasVariant, p: number, end: number): boolean {
    const exact = v.exact;
    if (exact !== null) {
      if (end - p !== exact.length) return false;
      for (let i = 0; i < exact.length; i++) if (this.text.charCodeAt(p + i) !== exact.charCodeAt(i)) return false;
      return true;
    }
    if (v.capital) {
      const c = this.text.charCodeAt(p);
      return FOLD[c] !== c; // folds to something else: an upper-case letter
    }
    return true;
  }

  /**
   * The records a key names here, by category: plain names, then shared (qualified) names, then ambiguous ones.
   * Every match is resolved, so the answer is one object reused: callers read it before resolving anything else.
   */
  resolve(entry: LexEntry, p: number, end: number): Resolved | null {
    const { names, qualified, ambiguous } = entry.caseChecked ? this.caseLists(entry, p, end) : entry;
    if (names.length) return this.reading(names, 'alias', names.length > 1);
    if (qualified.length) return this.resolveQualified(entry, qualified, p, end);
    if (ambiguous.length) return this.reading(ambiguous, 'alias', ambiguous.length > 1);
    return null;
  }

  private readonly resolved: Resolved = { ids: [], via: 'alias', ambiguous: false };

  private reading(ids: string[], via: MentionVia, ambiguous: boolean): Resolved {
    const r = this.resolved;
    r.ids = ids;
    r.via = via;
    r.ambiguous = ambiguous;
    return r;
  }

  /**
   * The id lists of the variants whose case rule holds at [p, end), memoised per set of such variants. The lists
   * are made by helpers: a closure here would make V8 allocate its context on every call, memo hit or not.
   */
  caseLists(entry: LexEntry, p: number, end: number): IdLists {
    const variants = entry.variants;
    if (variants.length > MAX_MASKED_VARIANTS) return this.caseListsUnmasked(entry, p, end);
    let mask = 0;
    for (let i = 0; i < variants.length; i++) if (variants[i].cat !== 'short' && this.caseOk(variants[i], p, end)) mask |= 1 << i;
    return entry.byCase!.get(mask) ?? this.maskedLists(entry, mask);
  }

  private maskedLists(entry: LexEntry, mask: number): IdLists {
    const lists = idListsOf(this.lex, entry, (i) => ((mask >>> i) & 1) === 1);
    entry.byCase!.set(mask, lists);
    return lists;
  }

  private caseListsUnmasked(entry: LexEntry, p: number, end: number): IdLists {
    return idListsOf(this.lex, entry, (i) => this.caseOk(entry.variants[i], p, end));
  }

  /**
   * A shared name (외교부, Foreign Ministry): the claimant of the country mentioned right before (폴란드 외교부,
   * Poland's Foreign Ministry) or right after (Foreign Ministry of Poland); else the record that is the default for
   * the language (Korean for a Hangul name, else the document's); else every claimant, flagged ambiguous.
   */
  resolveQualified(entry: LexEntry, claimants: string[], p: number, end: number): Resolved {
    if (this.lastCountry && this.gapIsQualifier(this.lastCountryEnd, p)) {
      const hit = this.claimantsOf(entry, claimants, this.lastCountry);
      if (hit.length) return this.reading(hit, 'qualified', hit.length > 1);
    }
    const after = this.claimantsOf(entry, claimants, this.countryAfterOf(end));
    if (after.length) return this.reading(after, 'qualified', after.length > 1);
    // A Korean shared name is Korean usage whatever the document's dominant script (a Korean passage in a mostly
    // English page still means Korea's 외교부); other names follow the document's language.
    const lang = entry.startsHangul ? 'ko' : this.doc.language;
    const defaults = lang && entry.qualifiedDefault ? entry.qualifiedDefault[lang].filter((id) => claimants.includes(id)) : [];
    if (defaults.length === 1) return this.reading(this.lex.ids.one(defaults[0]), 'alias', false);
    return this.reading(claimants, 'alias', claimants.length > 1);
  }

  /** The claimants of a shared name that belong to `country` (shared ids). */
  private claimantsOf(entry: LexEntry, claimants: string[], country: string | undefined): string[] {
    const ids = country ? entry.qualifiedByCountry?.get(country) : undefined;
    return ids ? this.lex.ids.share(ids.filter((id) => claimants.includes(id))) : [];
  }

  /** Between a country and its body: nothing, a space, `의`, or an English possessive. */
  gapIsQualifier(from: number, to: number): boolean {
    if (from < this.segStart || from > to || to - from > 4) return false;
    const t = this.text;
    let i = from;
    if (t.charCodeAt(i) === 0xc758 /* 의 */) i++;
    else if (FOLD[t.charCodeAt(i)] === 0x27 && t.charCodeAt(i + 1) === 0x73 /* 's */) i += 2;
    if (i < to && FOLD[t.charCodeAt(i)] === 32) i++;
    return i === to;
  }

  static readonly OF = /\s+of\s+(?:the\s+)?/iy;

  /** `Foreign Ministry of (the) Poland`: the country named right after `of`, if any. */
  countryAfterOf(end: number): string | undefined {
    Scanner.OF.lastIndex = end;
    if (!Scanner.OF.test(this.text) || Scanner.OF.lastIndex >= this.segEnd) return undefined;
    return this.countryNameAt(Scanner.OF.lastIndex);
  }

  /** The country whose name starts at `at` (longest name first), if any; uses candidate buffer 2. */
  countryNameAt(at: number): string | undefined {
    const n = this.lex.trie.collect(this.text, at, this.segEnd, this.keys[2], this.ends[2]);
    for (let k = n - 1; k >= 0; k--) {
      const entry = this.entries[this.keys[2][k]];
      if (!this.boundaryOk(entry, at, this.ends[2][k])) continue;
      const id = entry.names.find((name) => isCountryLike(this.kb.record(name)));
      if (id) return id;
    }
    return undefined;
  }

  aliasAt(entry: LexEntry, p: number, matchEnd: number): Plan | null {
    let end = matchEnd;
    if (!this.boundaryOk(entry, p, end)) return null;
    if (entry.weak && !this.countryContext(p, end)) return null;
    const r = this.resolve(entry, p, end);
    if (!r) return null;
    const record = r.ids === entry.names ? entry.firstRecord : this.kb.record(r.ids[0]);
    const countryLike = isCountryLike(record);
    // 러시아어, 한국어: the language, not the country. (러시아인, 한국인 stay mentions of the country.)
    if (countryLike && entry.endsHangul && countryTrapAt(this.text, end)) return null;
    const pair = acronymPairAfter(this, end, r.ids);
    if (pair) {
      const m = this.mention(p, pair.end, pair.ids, 'acronym-pair', pair.ids.length > 1);
      return this.aliasPlanOf(m, countryLike && pair.ids.length === 1 ? pair.ids[0] : undefined);
    }
    // A resolution named by its alias keeps its year with it, as the numbered form does: `… resolution 1718 (2006)`.
    if (record?.kind === 'resolution') end = yearEnd(this.text, end, this.segEnd);
    const m = this.mention(p, end, r.ids, r.via, r.ambiguous, record?.kind);
    return this.aliasPlanOf(m, countryLike && r.ids.length === 1 ? r.ids[0] : undefined);
  }

  /**
   * The plan of an alias reading, the most common one by far: one object reused at every position, since a plan
   * lives only until scan() has taken its mentions (bestAt keeps at most one alias reading).
   */
  private readonly aliasPlan: Plan = { end: 0, mentions: [], country: undefined };

  private aliasPlanOf(m: Mention, country: string | undefined): Plan {
    const plan = this.aliasPlan;
    plan.end = m.span.end;
    plan.mentions[0] = m;
    plan.country = country;
    return plan;
  }

  static readonly LIST_GAP = /^\s*[,·ㆍ]\s*$|^(?:와|과|및)?\s$/;
  static readonly LIST_NEXT = /\s*[,·ㆍ]\s*/y;

  /** 수단 정부, 수단의 수도; or a list of countries: 에티오피아, 수단 / 수단, 에티오피아. */
  countryContext(p: number, end: number): boolean {
    const t = this.text;
    if (countryContextAt(t, end)) return true;
    if (this.lastCountry && this.lastCountryEnd <= p && p - this.lastCountryEnd <= 3) {
      if (Scanner.LIST_GAP.test(t.slice(this.lastCountryEnd, p))) return true;
    }
    Scanner.LIST_NEXT.lastIndex = end;
    if (!Scanner.LIST_NEXT.test(t)) return false;
    return this.countryNameAt(Scanner.LIST_NEXT.lastIndex) !== undefined;
  }

  // ---- compounds -------------------------------------------------------------------------------------------------

  // ---- titles and resolutions ------------------------------------------------------------------------------------

  /** A mention; `ids` is shared with other mentions (see sharedIds.ts), never copied. */
  mention(start: number, end: number, ids: string[], via: MentionVia, ambiguous: boolean, kind?: RecordKind): Mention {
    const k = kind ?? this.kindOf(ids);
    const text = this.texts.get(this.text, start, end);
    // Two literals rather than adding `ambiguous` afterwards: a property added later costs an extra allocation.
    if (ambiguous) return { span: { start, end }, ids, kind: k, via, text, ambiguous };
    return { span: { start, end }, ids, kind: k, via, text };
  }

  /** The shared `[id]`. */
  one(id: string): string[] {
    return this.lex.ids.one(id);
  }

  kindOf(ids: string[]): RecordKind | 'unknown' {
    return (ids.length && this.kb.record(ids[0])?.kind) || 'unknown';
  }
}
