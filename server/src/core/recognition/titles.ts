import { FOLD, isHangul, isWordChar } from './chars';

/**
 * Treaty titles as they are quoted or written out in prose, matched to instrument names whatever the spacing,
 * punctuation, middle dot, hyphenation, case or British/American spelling.
 */

const EN_STOPWORDS = new Set(['the', 'of', 'on', 'and', 'between', 'a', 'an', 'concerning', 'for']);
const BRITISH: [RegExp, string][] = [
  [/neighbour/g, 'neighbor'],
  [/isation/g, 'ization'],
  [/programme/g, 'program'],
  [/defence/g, 'defense'],
  [/labour/g, 'labor'],
];

/** Letters and digits of any script that titles use (ㆍ is a "letter" to Unicode but a middle dot in Korean). */
function isTitleChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
  if (c === 0x318d) return false;
  return isWordChar(c) || isHangul(c) || (c >= 0x370 && c <= 0x52f) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * The comparison key of a title (of `s`, or of its part [from, to)): letters and digits only, folded case, English
 * function words dropped, British spellings as American. A character loop, not a Unicode regex: it runs for every
 * quoted title and treaty phrase. Each word is read in place first; only a word that stays in the key is sliced
 * (whole, not character by character), so dropped function words cost no string.
 */
export function titleKey(s: string, from = 0, to = s.length): string {
  let key = '';
  let i = from;
  for (;;) {
    while (i < to && !isTitleChar(FOLD[s.charCodeAt(i)])) i++;
    if (i >= to) return key;
    const start = i;
    let foldsAscii = true; // every folded code unit is ASCII: a function word or a British spelling is possible
    let rawAscii = true; // every code unit is ASCII: lower-casing is the folding
    let changed = false; // some code unit folds to another
    for (; i < to; i++) {
      const raw = s.charCodeAt(i);
      const c = FOLD[raw];
      if (!isTitleChar(c)) break;
      if (c >= 0x80) foldsAscii = false;
      if (raw >= 0x80) rawAscii = false;
      if (c !== raw) changed = true;
    }
    if (foldsAscii && isStopword(s, start, i)) continue;
    const token = !changed ? s.slice(start, i) : rawAscii ? s.slice(start, i).toLowerCase() : foldRange(s, start, i);
    key += foldsAscii && token.length >= 6 ? americanSpelling(token) : token;
  }
}

/** The word [start, end) of `s`, folded (its folded code units are ASCII), is one of EN_STOPWORDS. */
function isStopword(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length > MAX_STOPWORD_LENGTH) return false;
  for (const word of STOPWORD_LIST) {
    if (word.length !== length) continue;
    let k = 0;
    while (k < length && FOLD[s.charCodeAt(start + k)] === word.charCodeAt(k)) k++;
    if (k === length) return true;
  }
  return false;
}

const STOPWORD_LIST = [...EN_STOPWORDS];
const MAX_STOPWORD_LENGTH = Math.max(...STOPWORD_LIST.map((w) => w.length));

function americanSpelling(token: string): string {
  for (let k = 0; k < BRITISH.length; k++) {
    const [from, to] = BRITISH[k];
    if (token.includes(from.source)) token = token.replace(from, to);
  }
  return token;
}

function foldRange(s: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(FOLD[s.charCodeAt(i)]);
  return out;
}

const KO_TITLE_SUFFIXES = ['조약', '협정', '선언', '공동성명', '합의서', '헌장', '협약', '의정서'];
const EN_TITLE_START = /(?:the\s+)?(?:treaty|agreement|declaration|convention|charter|protocol)\b/iy;

/**
 * Quoted text at [start, end) that names an instrument: Korean ending in 조약/협정/…, English starting with
 * Treaty/Agreement/…. Checked in place, without slicing, since most quoted text is not a title.
 */
export function looksLikeTitle(text: string, start: number, end: number): boolean {
  for (const suffix of KO_TITLE_SUFFIXES) if (end - start >= suffix.length && text.startsWith(suffix, end - suffix.length)) return true;
  EN_TITLE_START.lastIndex = start;
  return EN_TITLE_START.test(text) && EN_TITLE_START.lastIndex <= end;
}

/**
 * The closing quote accepted for an opening one, an alternative or -1 (ASCII and typographic quotes close each
 * other), and the kind's index; undefined when the character does not open a quote (’ alone never does).
 */
export function closersFor(open: number): readonly [number, number, number] | undefined {
  switch (open) {
    case 0x2018: // ‘
    case 0x27: // '
      return SINGLE;
    case 0x201c: // “
    case 0x22: // "
      return DOUBLE;
    case 0x300c:
      return CORNER; // 「」
    case 0x300e:
      return WHITE_CORNER; // 『』
    case 0x300a:
      return DOUBLE_ANGLE; // 《》
    case 0x3008:
      return ANGLE; // 〈〉
    default:
      return undefined;
  }
}

// [closing quote, alternative closing quote or -1, index of this kind of quote]
const SINGLE = [0x2019, 0x27, 0] as const;
const DOUBLE = [0x201d, 0x22, 1] as const;
const CORNER = [0x300d, -1, 2] as const;
const WHITE_CORNER = [0x300f, -1, 3] as const;
const DOUBLE_ANGLE = [0x300b, -1, 4] as const;
const ANGLE = [0x3009, -1, 5] as const;
export const QUOTE_KINDS = 6;

export const MAX_TITLE_LENGTH = 160;

/** Titles are never longer: a bound that keeps a pathological run of capitalised words linear. */
const MAX_PHRASE_WORDS = 30;
const PHRASE_HEAD = /(?:Treaty|Convention|Agreement)\s+(?:on|of)\s+/y;
const PHRASE_WORD = /[ \t]*(,[ \t]*)?([A-Za-z][A-Za-z0-9'’-]*)/y;
const CONNECTORS = new Set(['and', 'of', 'on', 'the', 'for', 'in', 'to', 'with', 'against', 'between']);

/**
 * An unquoted `Treaty on/of …` phrase at `pos`: the head then capitalised words and connectors. Returns the end
 * offsets after each capitalised word (shortest first), so the caller can pick the longest known title and report
 * the whole phrase otherwise; undefined when no such phrase starts here.
 */
export function treatyPhraseEnds(text: string, pos: number, limit: number): number[] | undefined {
  PHRASE_HEAD.lastIndex = pos;
  if (!PHRASE_HEAD.test(text)) return undefined;
  let at = PHRASE_HEAD.lastIndex;
  const ends: number[] = [];
  while (ends.length < MAX_PHRASE_WORDS && at - pos < MAX_TITLE_LENGTH) {
    PHRASE_WORD.lastIndex = at;
    const m = PHRASE_WORD.exec(text);
    if (!m || PHRASE_WORD.lastIndex > limit) break;
    const word = m[2];
    const capitalised = word.charCodeAt(0) >= 65 && word.charCodeAt(0) <= 90;
    if (!capitalised && !CONNECTORS.has(word)) break;
    at = PHRASE_WORD.lastIndex;
    if (capitalised) ends.push(at);
  }
  return ends.length ? ends : undefined;
}
