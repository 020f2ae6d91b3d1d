import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { RecordKind } from '../kb/record';
import { FOLD as FOLD_IMPORT, isHangul as isHangulImport, isWordChar as isWordCharImport } from './chars';
import {
  compoundNounAt,
  countryContextAt,
  countryTrapAt,
  followerAt,
  isCompoundSeparator,
  particleAt,
  RISKY_COMPOUNDS,
  shortNameTrapAt,
} from './korean';
import {
  isCountryLike,
  lexiconFor,
  TRIGGER_QUOTE,
  TRIGGER_RESOLUTION_EN,
  TRIGGER_RESOLUTION_KO,
  TRIGGER_RESOLUTION_SYMBOL,
  TRIGGER_TREATY_PHRASE,
  type AliasVariant,
  type LexEntry,
  type Lexicon,
} from './lexicon';
import { englishResolutions, koreanResolutions, symbolResolution, type ResolutionRef } from './resolutions';
import { closersFor, looksLikeTitle, MAX_TITLE_LENGTH, QUOTE_KINDS, titleKey, treatyPhraseEnds } from './titles';
import type { Mention, MentionVia } from './types';

// Module-local references: imported bindings can compile to property getters (tsx/CJS), too slow per character.
const FOLD = FOLD_IMPORT;
const isHangul = isHangulImport;
const isWordChar = isWordCharImport;

/** What recognition reads from a parsed document. */
export type RecognitionInput = Pick<ParsedDocument, 'text' | 'textSegments' | 'links' | 'language'>;

/**
 * Every mention in the document: entities and instruments found in the prose (`textSegments` only), sorted by
 * start and non-overlapping, plus one `annotation` mention per wiki-link. One left-to-right pass; at each position
 * where some key starts, the longest valid reading wins (alias, compound, acronym pair, quoted title, resolution).
 */
export function recognize(doc: RecognitionInput, kb: KnowledgeBase): Mention[] {
  const job = new RecognitionJob(doc, kb);
  job.step(Infinity);
  return job.result();
}

/**
 * Recognition in slices, for callers that must not block (a 5 MB document on the server's thread): call
 * `step(maxChars)` until it returns true, then `result()`. Same mentions as `recognize`.
 */
export class RecognitionJob {
  private readonly scanner: Scanner;
  private segment = 0;
  private pos = -1;

  constructor(
    private readonly doc: RecognitionInput,
    private readonly kb: KnowledgeBase,
  ) {
    this.scanner = new Scanner(lexiconFor(kb), doc);
  }

  get done(): boolean {
    return this.segment >= this.doc.textSegments.length;
  }

  /** Scans about `maxChars` more characters (a reading that starts within them is finished); true when done. */
  step(maxChars: number): boolean {
    const segments = this.doc.textSegments;
    const length = this.doc.text.length;
    let budget = maxChars;
    while (this.segment < segments.length && budget > 0) {
      const seg = segments[this.segment];
      const start = Math.max(0, seg.start);
      const end = Math.min(length, seg.end);
      if (this.pos < start) this.pos = start;
      const from = this.pos;
      this.pos = start < end ? this.scanner.scan(start, end, this.pos, this.pos + budget) : end;
      budget -= Math.max(1, this.pos - from);
      if (this.pos >= end) {
        this.segment++;
        this.pos = -1;
      }
    }
    return this.done;
  }

  result(): Mention[] {
    const found = this.scanner.out;
    if (this.doc.links.length === 0) return found;
    const text = this.doc.text;
    const annotations = this.doc.links.map((link): Mention => {
      const record = this.kb.record(link.target);
      const { start, end } = link.targetSpan;
      return {
        span: { start, end },
        ids: record ? [link.target] : [],
        kind: record ? record.kind : 'unknown',
        via: 'annotation',
        text: text.slice(start, end),
      };
    });
    return [...found, ...annotations].sort((a, b) => a.span.start - b.span.start);
  }
}

interface Resolved {
  ids: string[];
  via: MentionVia;
  ambiguous: boolean;
}

/** One reading of the text at a position: the mentions it yields and where scanning resumes. */
interface Plan {
  end: number;
  mentions: Mention[];
  /** A single country mention ending at `end`: context for a following qualified alias (폴란드 외교부). */
  country?: string;
}

const MAX_COMPOUND_PARTS = 8;
/**
 * Short forms that do not take a body after a space: they are also everyday words there — 한 (a: 한 외교부
 * 관계자), 중 (during: 방문 중 외교부 장관), 일 (work, day). Glued (미국무부) and other short forms (미 국무부) do.
 */
const NO_SPACED_PAIR = new Set(['한', '중', '일']);

class Scanner {
  readonly out: Mention[] = [];
  private readonly text: string;
  private readonly kb: KnowledgeBase;
  private readonly entries: LexEntry[];
  private segStart = 0;
  private segEnd = 0;
  private lastCountry: string | undefined;
  private lastCountryEnd = -1;
  /**
   * Candidate buffers per nesting level: 0 the main scan, 1 pairs/compounds, 2 look-ahead for a qualified alias.
   * Shared by every scan of the lexicon: their contents never outlive one reading (scans are synchronous).
   */
  private readonly keys: Int32Array[];
  private readonly ends: Int32Array[];
  private readonly noCloserUntil = new Int32Array(QUOTE_KINDS);
  private readonly noCloserSegment = new Int32Array(QUOTE_KINDS).fill(-1);
  private readonly partStart = new Int32Array(MAX_COMPOUND_PARTS);
  private readonly partEnd = new Int32Array(MAX_COMPOUND_PARTS);
  private readonly partIds: string[] = [];

  constructor(
    private readonly lex: Lexicon,
    private readonly doc: RecognitionInput,
  ) {
    this.text = doc.text;
    this.kb = lex.kb;
    this.entries = lex.entries;
    this.keys = lex.buffers.keys;
    this.ends = lex.buffers.ends;
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
    const root = trie.root;
    const stop = Math.min(end, stopAt);
    let p = from;
    const gluable = this.lex.gluable;
    while (p < stop) {
      const f = FOLD[text.charCodeAt(p)];
      if (root[f] < 0) {
        p++;
        continue;
      }
      // Nothing starts inside a Latin word (English names need a word boundary), nor inside a Korean word unless
      // some key from here may be glued (long names): this skips most positions of running text.
      if (p > start) {
        const prev = text.charCodeAt(p - 1);
        if ((isWordChar(f) && isWordChar(prev)) || (gluable[f] === 0 && isHangul(prev))) {
          p++;
          continue;
        }
      }
      const n = trie.collect(text, p, end, this.keys[0], this.ends[0]);
      const plan = n > 0 ? this.bestAt(p, n) : null;
      if (!plan) {
        p++;
        continue;
      }
      for (const m of plan.mentions) out.push(m);
      if (plan.country) {
        this.lastCountry = plan.country;
        this.lastCountryEnd = plan.end;
      }
      p = plan.end;
    }
    return p;
  }

  private prev(p: number): number {
    return p > this.segStart ? this.text.charCodeAt(p - 1) : -1;
  }

  private next(p: number): number {
    return p < this.segEnd ? this.text.charCodeAt(p) : -1;
  }

  /** The longest reading at p among the n candidate keys in buffer 0 (shortest first); ties keep the earlier rule. */
  private bestAt(p: number, n: number): Plan | null {
    const keys = this.keys[0];
    const ends = this.ends[0];
    let best: Plan | null = null;
    for (let k = n - 1; k >= 0 && !best; k--) {
      const entry = this.entries[keys[k]];
      if (entry.variants.length) best = this.aliasAt(entry, p, ends[k]);
    }
    if (best && best.mentions.length === 1 && best.mentions[0].via === 'alias') {
      best = this.splitCountryPrefix(p, n, best) ?? best;
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
    if (shortId && !isHangul(this.prev(p)) && !isWordChar(this.prev(p))) {
      const compound = this.compoundAt(p);
      if (compound && (!best || compound.end > best.end)) best = compound;
      const pair = this.shortPairAt(p, shortEnd, shortId);
      if (pair && (!best || pair.end > best.end)) best = pair;
    }
    for (let k = n - 1; k >= 0; k--) {
      const entry = this.entries[keys[k]];
      if (!entry.trigger) continue;
      const t = this.triggerAt(entry.trigger, p);
      if (t && (!best || t.end > best.end)) best = t;
    }
    return best;
  }

  // ---- aliases -------------------------------------------------------------------------------------------------

  /** Word-shape rules for a key found at [p, end): English word boundaries, Korean glue and trap rules. */
  private boundaryOk(entry: LexEntry, p: number, end: number): boolean {
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
  private caseOk(v: AliasVariant, p: number, end: number): boolean {
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

  /** The records a key names here, by category: plain names, then shared (qualified) names, then ambiguous ones. */
  private resolve(entry: LexEntry, p: number, end: number): Resolved | null {
    let names = entry.names;
    let qualified = entry.qualified;
    let ambiguous = entry.ambiguous;
    if (entry.caseChecked) {
      names = [];
      qualified = [];
      ambiguous = [];
      for (const v of entry.variants) {
        if (v.cat === 'short' || !this.caseOk(v, p, end)) continue;
        const list = v.cat === 'name' ? names : v.cat === 'qualified' ? qualified : ambiguous;
        if (!list.includes(v.id)) list.push(v.id);
      }
    }
    if (names.length) return { ids: names, via: 'alias', ambiguous: names.length > 1 };
    if (qualified.length) return this.resolveQualified(entry, qualified, p, end);
    if (ambiguous.length) return { ids: ambiguous, via: 'alias', ambiguous: ambiguous.length > 1 };
    return null;
  }

  /**
   * A shared name (외교부, Foreign Ministry): the claimant of the country mentioned right before (폴란드 외교부,
   * Poland's Foreign Ministry) or right after (Foreign Ministry of Poland); else the record that is the default for
   * the language (Korean for a Hangul name, else the document's); else every claimant, flagged ambiguous.
   */
  private resolveQualified(entry: LexEntry, claimants: string[], p: number, end: number): Resolved {
    const ofCountry = (country: string | undefined): string[] => {
      const ids = country ? entry.qualifiedByCountry?.get(country) : undefined;
      return ids ? ids.filter((id) => claimants.includes(id)) : [];
    };
    if (this.lastCountry && this.gapIsQualifier(this.lastCountryEnd, p)) {
      const hit = ofCountry(this.lastCountry);
      if (hit.length) return { ids: hit, via: 'qualified', ambiguous: hit.length > 1 };
    }
    const after = ofCountry(this.countryAfterOf(end));
    if (after.length) return { ids: after, via: 'qualified', ambiguous: after.length > 1 };
    // A Korean shared name is Korean usage whatever the document's dominant script (a Korean passage in a mostly
    // English page still means Korea's 외교부); other names follow the document's language.
    const lang = entry.startsHangul ? 'ko' : this.doc.language;
    const defaults = lang && entry.qualifiedDefault ? entry.qualifiedDefault[lang].filter((id) => claimants.includes(id)) : [];
    if (defaults.length === 1) return { ids: defaults, via: 'alias', ambiguous: false };
    return { ids: claimants, via: 'alias', ambiguous: claimants.length > 1 };
  }

  /** Between a country and its body: nothing, a space, `의`, or an English possessive. */
  private gapIsQualifier(from: number, to: number): boolean {
    if (from < this.segStart || from > to || to - from > 4) return false;
    const t = this.text;
    let i = from;
    if (t.charCodeAt(i) === 0xc758 /* 의 */) i++;
    else if (FOLD[t.charCodeAt(i)] === 0x27 && t.charCodeAt(i + 1) === 0x73 /* 's */) i += 2;
    if (i < to && FOLD[t.charCodeAt(i)] === 32) i++;
    return i === to;
  }

  private static readonly OF = /\s+of\s+(?:the\s+)?/iy;

  /** `Foreign Ministry of (the) Poland`: the country named right after `of`, if any. */
  private countryAfterOf(end: number): string | undefined {
    Scanner.OF.lastIndex = end;
    if (!Scanner.OF.test(this.text) || Scanner.OF.lastIndex >= this.segEnd) return undefined;
    return this.countryNameAt(Scanner.OF.lastIndex);
  }

  /** The country whose name starts at `at` (longest name first), if any; uses candidate buffer 2. */
  private countryNameAt(at: number): string | undefined {
    const n = this.lex.trie.collect(this.text, at, this.segEnd, this.keys[2], this.ends[2]);
    for (let k = n - 1; k >= 0; k--) {
      const entry = this.entries[this.keys[2][k]];
      if (!this.boundaryOk(entry, at, this.ends[2][k])) continue;
      const id = entry.names.find((name) => isCountryLike(this.kb.record(name)));
      if (id) return id;
    }
    return undefined;
  }

  private aliasAt(entry: LexEntry, p: number, end: number): Plan | null {
    if (!this.boundaryOk(entry, p, end)) return null;
    if (entry.weak && !this.countryContext(p, end)) return null;
    const r = this.resolve(entry, p, end);
    if (!r) return null;
    const record = r.ids === entry.names ? entry.firstRecord : this.kb.record(r.ids[0]);
    const countryLike = isCountryLike(record);
    // 러시아어, 한국어: the language, not the country. (러시아인, 한국인 stay mentions of the country.)
    if (countryLike && entry.endsHangul && countryTrapAt(this.text, end)) return null;
    const pair = this.acronymPairAfter(end, r.ids);
    if (pair) {
      const m = this.mention(p, pair.end, pair.ids, 'acronym-pair', pair.ids.length > 1);
      return { end: pair.end, mentions: [m], country: countryLike && pair.ids.length === 1 ? pair.ids[0] : undefined };
    }
    const m = this.mention(p, end, r.ids, r.via, r.ambiguous, record?.kind);
    return { end, mentions: [m], country: countryLike && r.ids.length === 1 ? r.ids[0] : undefined };
  }

  private static readonly LIST_GAP = /^\s*[,·ㆍ]\s*$|^(?:와|과|및)?\s$/;
  private static readonly LIST_NEXT = /\s*[,·ㆍ]\s*/y;

  /** 수단 정부, 수단의 수도; or a list of countries: 에티오피아, 수단 / 수단, 에티오피아. */
  private countryContext(p: number, end: number): boolean {
    const t = this.text;
    if (countryContextAt(t, end)) return true;
    if (this.lastCountry && this.lastCountryEnd <= p && p - this.lastCountryEnd <= 3) {
      if (Scanner.LIST_GAP.test(t.slice(this.lastCountryEnd, p))) return true;
    }
    Scanner.LIST_NEXT.lastIndex = end;
    if (!Scanner.LIST_NEXT.test(t)) return false;
    return this.countryNameAt(Scanner.LIST_NEXT.lastIndex) !== undefined;
  }

  /**
   * `일본 외무성`, `한국 외교부`, `미 국무부` as one name of a body still mention its country: when the body's name is
   * a name or short form of its country followed by a name of the body, it splits into the country and the body.
   */
  private splitCountryPrefix(p: number, n: number, plan: Plan): Plan | null {
    const body = plan.mentions[0];
    if (n < 2 || body.ids.length !== 1) return null; // the country is a shorter key at p
    const country = this.kb.record(body.ids[0])?.country;
    if (!country) return null;
    const keys = this.keys[0];
    const ends = this.ends[0];
    for (let k = n - 1; k >= 0; k--) {
      const countryEnd = ends[k];
      if (countryEnd >= plan.end) continue;
      const entry = this.entries[keys[k]];
      const names = entry.names.includes(country) && this.boundaryOk(entry, p, countryEnd);
      if (!names && entry.shortId !== country) continue;
      let q = countryEnd;
      if (FOLD[this.text.charCodeAt(q)] === 32) q++;
      const m = this.lex.trie.collect(this.text, q, plan.end, this.keys[1], this.ends[1]);
      for (let j = 0; j < m; j++) {
        if (this.ends[1][j] !== plan.end) continue;
        const rest = this.entries[this.keys[1][j]];
        const via: MentionVia | undefined = rest.qualified.includes(body.ids[0])
          ? 'qualified'
          : rest.names.includes(body.ids[0])
            ? 'alias'
            : undefined;
        if (!via) continue;
        return {
          end: plan.end,
          mentions: [this.mention(p, countryEnd, [country], 'alias', false), this.mention(q, plan.end, body.ids, via, false)],
        };
      }
    }
    return null;
  }

  /**
   * `북대서양조약기구(NATO)`, `북대서양조약기구(NATO, North Atlantic Treaty Organization)`, `… Organization (NATO)`:
   * a name followed by a parenthesised name of the same record. Returns the end of the pair and the shared ids.
   */
  private acronymPairAfter(end: number, ids: string[]): { end: number; ids: string[] } | null {
    const t = this.text;
    let q = end;
    if (q < this.segEnd && FOLD[t.charCodeAt(q)] === 32) q++;
    if (q + 1 >= this.segEnd || FOLD[t.charCodeAt(q)] !== 0x28 /* ( */) return null;
    const r = q + 1;
    const keys = this.keys[1];
    const ends = this.ends[1];
    const n = this.lex.trie.collect(t, r, this.segEnd, keys, ends);
    for (let k = n - 1; k >= 0; k--) {
      const entry = this.entries[keys[k]];
      const innerEnd = ends[k];
      let shared: string[] | undefined;
      for (const v of entry.variants) {
        if (v.cat === 'short' || !ids.includes(v.id)) continue;
        if (!this.caseOk(v, r, innerEnd)) continue;
        shared = addUnique(shared, v.id);
      }
      if (!shared) continue;
      const c = FOLD[t.charCodeAt(innerEnd)];
      if (innerEnd < this.segEnd && c === 0x29 /* ) */) return { end: innerEnd + 1, ids: shared };
      if (innerEnd < this.segEnd && c === 0x2c /* , */) {
        const limit = Math.min(this.segEnd, innerEnd + 120);
        for (let i = innerEnd + 1; i < limit; i++) {
          const d = FOLD[t.charCodeAt(i)];
          if (d === 0x29) return { end: i + 1, ids: shared };
          if (d === 0x28 || t.charCodeAt(i) === 10) break;
        }
      }
    }
    return null;
  }

  // ---- compounds -------------------------------------------------------------------------------------------------

  /**
   * 한미일, 북러, 한-카자흐스탄, 남북한, 한-북대서양조약기구간: country short forms (and, after a separator, any
   * name) in a row. Needs ≥ 2 parts naming ≥ 2 different records, nothing Hangul before (checked by the caller)
   * and after it a non-Hangul character, a particle or a noun such as 관계/동맹/정상회담.
   */
  private compoundAt(p: number): Plan | null {
    const t = this.text;
    const keys = this.keys[1];
    const ends = this.ends[1];
    let count = 0;
    let q = p;
    let afterSeparator = false;
    while (count < MAX_COMPOUND_PARTS) {
      const n = this.lex.trie.collect(t, q, this.segEnd, keys, ends);
      let partEnd = -1;
      let id: string | undefined;
      for (let k = n - 1; k >= 0 && partEnd < 0; k--) {
        const entry = this.entries[keys[k]];
        const sid = entry.shortId;
        if (sid) {
          partEnd = ends[k];
          id = sid;
        } else if (count > 0 && entry.variants.length) {
          if (entry.endsWord && isWordChar(this.next(ends[k]))) continue;
          if (entry.startsWord && !afterSeparator) continue;
          const r = this.resolve(entry, q, ends[k]);
          if (!r || r.ids.length !== 1 || r.ambiguous) continue;
          if (!afterSeparator && !isCountryLike(this.kb.record(r.ids[0]))) continue;
          partEnd = ends[k];
          id = r.ids[0];
        }
      }
      if (partEnd < 0 || !id) break;
      this.partStart[count] = q;
      this.partEnd[count] = partEnd;
      this.partIds[count] = id;
      count++;
      q = partEnd;
      if (q + 1 < this.segEnd && isCompoundSeparator(FOLD[t.charCodeAt(q)])) {
        q++;
        afterSeparator = true;
      } else if (isHangul(this.next(q))) {
        afterSeparator = false;
      } else {
        break;
      }
    }
    for (let m = count; m >= 2; m--) {
      const end = this.partEnd[m - 1];
      if (distinctIds(this.partIds, m) < 2) continue;
      const risky = end - p <= 3 && RISKY_COMPOUNDS.has(t.slice(p, end));
      if (!this.compoundFollowOk(end, risky)) continue;
      const mentions: Mention[] = [];
      for (let i = 0; i < m; i++) {
        const id = this.partIds[i];
        if (this.partIds.indexOf(id) < i) continue; // 남북한: each country once
        mentions.push(this.mention(this.partStart[i], this.partEnd[i], [id], 'compound', false));
      }
      return { end, mentions };
    }
    return null;
  }

  private compoundFollowOk(end: number, risky: boolean): boolean {
    const t = this.text;
    if (end >= this.segEnd) return !risky;
    const c = t.charCodeAt(end);
    if (!isHangul(c)) {
      if (!risky) return true;
      return FOLD[c] === 32 && end + 1 < this.segEnd && compoundNounAt(t, end + 1);
    }
    return risky ? compoundNounAt(t, end) : followerAt(t, end);
  }

  /** `미 국무부`, `미국무부`, `북 외무성`: a short form right before a body of that country; both are mentions. */
  private shortPairAt(p: number, shortEnd: number, country: string): Plan | null {
    const t = this.text;
    let q = shortEnd;
    if (q < this.segEnd && FOLD[t.charCodeAt(q)] === 32) {
      if (NO_SPACED_PAIR.has(t.slice(p, shortEnd))) return null;
      q++;
    }
    const keys = this.keys[1];
    const ends = this.ends[1];
    const n = this.lex.trie.collect(t, q, this.segEnd, keys, ends);
    for (let k = n - 1; k >= 0; k--) {
      const entry = this.entries[keys[k]];
      const end = ends[k];
      if (entry.endsWord && isWordChar(this.next(end))) continue;
      let hits: string[] | undefined;
      let qualified = false;
      if (!entry.caseChecked) {
        for (const id of entry.names) if (this.kb.record(id)?.country === country) hits = addUnique(hits, id);
        const shared = entry.qualifiedByCountry?.get(country);
        if (!hits && shared) {
          hits = shared.slice();
          qualified = true;
        }
      } else {
        for (const v of entry.variants) {
          if ((v.cat !== 'name' && v.cat !== 'qualified') || this.kb.record(v.id)?.country !== country) continue;
          if (!this.caseOk(v, q, end)) continue;
          hits = addUnique(hits, v.id);
          qualified ||= v.cat === 'qualified';
        }
      }
      if (!hits) continue;
      return {
        end,
        mentions: [
          this.mention(p, shortEnd, [country], 'alias', false),
          this.mention(q, end, hits, qualified ? 'qualified' : 'alias', hits.length > 1),
        ],
      };
    }
    return null;
  }

  // ---- titles and resolutions ------------------------------------------------------------------------------------

  private triggerAt(trigger: number, p: number): Plan | null {
    switch (trigger) {
      case TRIGGER_QUOTE:
        return this.quotedTitleAt(p);
      case TRIGGER_TREATY_PHRASE:
        return this.treatyPhraseAt(p);
      case TRIGGER_RESOLUTION_KO:
        return this.resolutionPlan(koreanResolutions(this.text, p, this.segEnd));
      case TRIGGER_RESOLUTION_EN:
        return isWordChar(this.prev(p)) ? null : this.resolutionPlan(englishResolutions(this.text, p, this.segEnd));
      case TRIGGER_RESOLUTION_SYMBOL:
        return isWordChar(this.prev(p)) ? null : this.resolutionPlan(symbolResolution(this.text, p, this.segEnd));
      default:
        return null;
    }
  }

  /** ‘…에 관한 조약’, "Treaty on …": the quoted text, if shaped like a title, as a known or unknown instrument. */
  private quotedTitleAt(p: number): Plan | null {
    const t = this.text;
    const open = t.charCodeAt(p);
    const closers = closersFor(open);
    if (!closers) return null;
    const [close1, close2, kind] = closers;
    if ((open === 0x27 || open === 0x22) && isWordChar(this.prev(p))) return null; // Russia's
    const limit = Math.min(this.segEnd, p + 2 + MAX_TITLE_LENGTH);
    // Where an earlier search for this kind of closing quote ran dry: a run of openers without closers (a huge
    // line of ‘‘‘…) is then searched once, not once per opener.
    const known = this.noCloserUntil[kind];
    let i = p + 1;
    if (known > i && this.noCloserSegment[kind] === this.segStart) {
      if (known >= limit) return null;
      i = known;
    }
    let close = -1;
    for (; i < limit; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 13) break;
      if (c === close1 || c === close2) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      this.noCloserUntil[kind] = i;
      this.noCloserSegment[kind] = this.segStart;
    }
    if (close < 0) return null;
    let s = p + 1;
    let e = close;
    while (s < e && FOLD[t.charCodeAt(s)] === 32) s++;
    while (e > s && FOLD[t.charCodeAt(e - 1)] === 32) e--;
    if (s >= e) return null;
    if (!looksLikeTitle(t, s, e)) return null;
    const ids = this.lex.titles.get(titleKey(t.slice(s, e))) ?? [];
    return { end: close + 1, mentions: [this.mention(s, e, ids, 'quoted-title', ids.length > 1)] };
  }

  /** Unquoted `Treaty on/of …`: the longest known title it starts with, else the whole phrase as unknown. */
  private treatyPhraseAt(p: number): Plan | null {
    const c = this.text.charCodeAt(p);
    if (c < 65 || c > 90 || isWordChar(this.prev(p))) return null;
    const ends = treatyPhraseEnds(this.text, p, this.segEnd);
    if (!ends) return null;
    // Keys of each prefix, built word by word (a title key is the concatenation of its words' keys).
    const keys: string[] = [];
    let key = '';
    for (let i = 0; i < ends.length; i++) {
      key += titleKey(this.text.slice(i ? ends[i - 1] : p, ends[i]));
      keys.push(key);
    }
    for (let i = ends.length - 1; i >= 0; i--) {
      const ids = this.lex.titles.get(keys[i]);
      if (ids) return { end: ends[i], mentions: [this.mention(p, ends[i], ids, 'quoted-title', ids.length > 1)] };
    }
    const end = ends[ends.length - 1];
    return { end, mentions: [this.mention(p, end, [], 'quoted-title', false)] };
  }

  private resolutionPlan(refs: ResolutionRef[]): Plan | null {
    if (!refs.length) return null;
    const mentions = refs.map((r) => {
      const id = this.lex.resolutions.get(r.number);
      return this.mention(r.start, r.end, id ? [id] : [], 'resolution', false);
    });
    return { end: refs[refs.length - 1].end, mentions };
  }

  private mention(start: number, end: number, ids: string[], via: MentionVia, ambiguous: boolean, kind?: RecordKind): Mention {
    // ids may be the lexicon's shared array: each mention gets its own copy.
    const m: Mention = {
      span: { start, end },
      ids: ids.slice(),
      kind: kind ?? this.kindOf(ids),
      via,
      text: this.text.slice(start, end),
    };
    if (ambiguous) m.ambiguous = true;
    return m;
  }

  private kindOf(ids: string[]): RecordKind | 'unknown' {
    return (ids.length && this.kb.record(ids[0])?.kind) || 'unknown';
  }
}

function addUnique(list: string[] | undefined, id: string): string[] {
  if (!list) return [id];
  if (!list.includes(id)) list.push(id);
  return list;
}

function distinctIds(parts: string[], count: number): number {
  let distinct = 0;
  for (let i = 0; i < count; i++) if (parts.indexOf(parts[i]) === i) distinct++;
  return distinct;
}
