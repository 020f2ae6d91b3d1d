/**
 * Treaty titles as they are quoted or written out in prose, matched to instrument names whatever the spacing,
 * punctuation, middle dot, hyphenation, case or British/American spelling.
 */

const EN_STOPWORDS = new Set(['the', 'of', 'on', 'and', 'between', 'a', 'an', 'concerning', 'for']);

/** The comparison key of a title: letters and digits only, lower case, English function words dropped. */
export function titleKey(s: string): string {
  const t = s
    .toLowerCase()
    .replace(/\u318d/g, ' ') // ㆍ is a "letter" to Unicode but a middle dot in Korean text
    .replace(/neighbour/g, 'neighbor')
    .replace(/isation/g, 'ization')
    .replace(/programme/g, 'program')
    .replace(/defence/g, 'defense')
    .replace(/labour/g, 'labor');
  const tokens = t.match(/[\p{L}\p{N}]+/gu) ?? [];
  let key = '';
  for (const w of tokens) if (!EN_STOPWORDS.has(w)) key += w;
  return key;
}

const KO_TITLE_SUFFIXES = ['조약', '협정', '선언', '공동성명', '합의서', '헌장', '협약', '의정서'];
const EN_TITLE_START = /^(?:the\s+)?(?:treaty|agreement|declaration|convention|charter|protocol)\b/i;

/** Quoted text that names an instrument: Korean ending in 조약/협정/…, English starting with Treaty/Agreement/…. */
export function looksLikeTitle(inner: string): boolean {
  if (EN_TITLE_START.test(inner)) return true;
  for (const suffix of KO_TITLE_SUFFIXES) if (inner.endsWith(suffix)) return true;
  return false;
}

/** Closing quote(s) accepted for an opening one. ASCII quotes close either way; ’ alone never opens. */
export function closersFor(open: number): string | undefined {
  switch (open) {
    case 0x2018: // ‘
    case 0x27: // '
      return '’\'';
    case 0x201c: // “
    case 0x22: // "
      return '”"';
    case 0x300c:
      return '」';
    case 0x300e:
      return '』';
    case 0x300a:
      return '》';
    case 0x3008:
      return '〉';
    default:
      return undefined;
  }
}

export const MAX_TITLE_LENGTH = 160;

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
  for (;;) {
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
