import type { Span } from '../text/span';

function isHangul(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xd7ff);
}

function isLatin(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Per UTF-16 code unit: 1 for a Hangul letter, 2 for a Latin one, else 0. One table load per character of prose
 * (the language pass reads every one) instead of up to a dozen range tests. The body scanner counts with it too.
 */
export const SCRIPT: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = isHangul(c) ? 1 : isLatin(c) ? 2 : 0;
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
      latin += k >> 1;
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
