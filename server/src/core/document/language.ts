import type { Span } from '../text/span';

function isHangul(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xd7ff);
}

function isLatin(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * A code unit that composes with what precedes it under NFC: a vowel or final consonant jamo (decomposed Hangul,
 * as NFD and some Mac and PDF sources write it) or a combining mark.
 */
function combinesWithPrevious(c: number): boolean {
  return (
    (c >= 0x1160 && c <= 0x11ff) ||
    (c >= 0xd7b0 && c <= 0xd7ff) ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f) ||
    c === 0x3099 ||
    c === 0x309a
  );
}

/** SCRIPT bits: Hangul letter, Latin letter, composes with the previous code unit. */
export const SCRIPT_HANGUL = 1;
export const SCRIPT_LATIN = 2;
export const SCRIPT_COMBINING = 4;

/**
 * Per UTF-16 code unit, the SCRIPT_* bits. One table load per character of prose (the language pass reads every
 * one) instead of up to a dozen range tests. The body scanner counts with it too.
 */
export const SCRIPT: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    t[c] = (isHangul(c) ? SCRIPT_HANGUL : isLatin(c) ? SCRIPT_LATIN : 0) | (combinesWithPrevious(c) ? SCRIPT_COMBINING : 0);
  }
  return t;
})();

/** `ko` when Hangul letters outnumber Latin letters in the prose, `en` when there is any Latin, else undefined. */
export function detectLanguage(text: string, segments: readonly Span[]): 'ko' | 'en' | undefined {
  const script = SCRIPT;
  let hangul = 0;
  let latin = 0;
  for (const s of segments) {
    const end = Math.min(s.end, text.length);
    for (let i = s.start; i < end; i++) {
      const k = script[text.charCodeAt(i)];
      hangul += k & 1;
      latin += (k >> 1) & 1;
    }
  }
  return languageOf(hangul, latin);
}

/** The language of prose with these letter counts (see detectLanguage). */
export function languageOf(hangul: number, latin: number): 'ko' | 'en' | undefined {
  if (hangul > latin) return 'ko';
  return latin > 0 ? 'en' : undefined;
}

/**
 * Binary content decoded as text: any NUL byte, or many U+FFFD replacement characters (invalid UTF-8). A few
 * replacement characters happen in scraped text; only a high share means the file is not text.
 */
export function looksBinary(text: string): boolean {
  if (text.indexOf('\u0000') >= 0) return true;
  let replacements = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) replacements++;
  return replacements >= 8 && replacements * 20 > text.length;
}
