/**
 * URL and bare-domain detection for the body scanner. Character tests instead of regular expressions over the
 * text, so that every character is looked at a bounded number of times (linear on a 10 MB single line).
 */

/** Top-level domains accepted for bare domains like `go.kr` or `naver.com` (any two-letter country code, plus these). */
const GENERIC_TLDS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'name', 'pro', 'io', 'ai', 'app', 'dev', 'xyz',
  'news', 'blog', 'site', 'online', 'tech', 'kr',
]);

/** ASCII character classes as bit flags, so the scanner's per-character tests are one table load. */
export const ALNUM = 1;
export const DOMAIN = 2;
/** A Latin letter (what the language count counts); LETTER_SHIFT turns the bit into 0 or 1. */
export const LETTER = 4;
export const LETTER_SHIFT = 2;
export const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const alnum = letter || (c >= 48 && c <= 57);
  // Letters, digits and `.-_@+%`: what a bare domain, an email or a path-less URL token is made of.
  const domain = alnum || c === 46 || c === 45 || c === 95 || c === 64 || c === 43 || c === 37;
  CHAR_CLASS[c] = (alnum ? ALNUM : 0) | (domain ? DOMAIN : 0) | (letter ? LETTER : 0);
}

export function isAsciiAlnum(c: number): boolean {
  return c < 128 && (CHAR_CLASS[c] & ALNUM) !== 0;
}

export function isDomainChar(c: number): boolean {
  return c < 128 && (CHAR_CLASS[c] & DOMAIN) !== 0;
}

/** Characters that end a URL: whitespace, quotes, angle brackets, backtick and CJK punctuation/quotes. */
export function endsUrl(c: number): boolean {
  return (
    c <= 32 ||
    c === 34 || c === 39 || c === 60 || c === 62 || c === 96 ||
    c === 0x3000 || c === 0x3001 || c === 0x3002 ||
    (c >= 0x2018 && c <= 0x201f) ||
    (c >= 0x300c && c <= 0x300f) ||
    c === 0xff08 || c === 0xff09 || c === 0xfffd
  );
}

/** Length of `http://`, `https://` or `www.` at `i` (case-insensitive), else 0. Char codes: no allocation per word. */
export function urlPrefixAt(text: string, i: number): number {
  const c0 = text.charCodeAt(i) | 0x20;
  if (c0 === 104 /* h */) {
    if ((text.charCodeAt(i + 1) | 0x20) !== 116 || (text.charCodeAt(i + 2) | 0x20) !== 116 || (text.charCodeAt(i + 3) | 0x20) !== 112) return 0;
    const k = (text.charCodeAt(i + 4) | 0x20) === 115 /* s */ ? 5 : 4;
    return text.charCodeAt(i + k) === 58 && text.charCodeAt(i + k + 1) === 47 && text.charCodeAt(i + k + 2) === 47 ? k + 3 : 0;
  }
  if (c0 === 119 /* w */ && (text.charCodeAt(i + 1) | 0x20) === 119 && (text.charCodeAt(i + 2) | 0x20) === 119 && text.charCodeAt(i + 3) === 46) {
    return isAsciiAlnum(text.charCodeAt(i + 4)) ? 4 : 0;
  }
  return 0;
}

/**
 * End of a URL starting at `start`: up to the first terminating character, then without trailing punctuation
 * (`.`, `,`, `)` when unbalanced) that belongs to the sentence.
 */
export function urlEnd(text: string, start: number, limit: number): number {
  let i = start;
  let parens = 0;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (endsUrl(c)) break;
    if (c === 40) parens++;
    else if (c === 41) {
      if (parens === 0) break;
      parens--;
    }
    i++;
  }
  while (i > start) {
    const c = text.charCodeAt(i - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 93) i--;
    else break;
  }
  return i;
}

/** Is this ASCII token (letters, digits, `.-_@+%`) an email or a bare domain such as `go.kr` or `yna.co.kr`? */
export function isBareDomainOrEmail(token: string): boolean {
  const at = token.indexOf('@');
  if (at === 0) return false;
  const host = at >= 0 ? token.slice(at + 1) : token;
  const lastDot = host.lastIndexOf('.');
  if (lastDot <= 0 || host.includes('..') || host.startsWith('.')) return false;
  const tld = host.slice(lastDot + 1);
  if (tld.length < 2) return false;
  for (let k = 0; k < tld.length; k++) {
    const c = tld.charCodeAt(k);
    if (c < 97 || c > 122) return false;
  }
  if (at >= 0) return true;
  return tld.length === 2 || GENERIC_TLDS.has(tld);
}
