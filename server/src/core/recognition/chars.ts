/**
 * Character tables shared by the matcher and the recognition rules. Built once per process as 64 K-entry typed
 * arrays so the scanning loops do one array read per character (no regex, no string allocation).
 */

/** Folded form of each UTF-16 code unit: case-folded letters, one space for any whitespace, one middle dot, one hyphen. */
export const FOLD: Uint16Array = buildFold();

/** Bits of CHAR_CLASS. */
export const WORD = 1;
export const HANGUL = 2;
/** WORD (isWordChar) or HANGUL (isHangul) per code unit. */
export const CHAR_CLASS: Uint8Array = buildClasses();
const CLASS = CHAR_CLASS;

function buildFold(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  const lowerRange = (from: number, to: number) => {
    for (let c = from; c <= to; c++) {
      const lc = String.fromCharCode(c).toLowerCase();
      if (lc.length === 1) t[c] = lc.charCodeAt(0);
    }
  };
  lowerRange(0x41, 0x5a);
  lowerRange(0xc0, 0x24f); // Latin-1 and Latin Extended (Côte d'Ivoire, Türkiye)
  lowerRange(0x370, 0x52f); // Greek, Cyrillic
  // Full-width ASCII (ＮＡＴＯ, （, ）) as ASCII.
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = t[c - 0xff01 + 0x21];
  for (const c of [9, 10, 11, 12, 13, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) t[c] = 32;
  for (let c = 0x2000; c <= 0x200a; c++) t[c] = 32;
  // Middle dots: 한·카자흐, 한ㆍ카자흐 (U+318D, common in Korean government text), 한・카자흐.
  for (const c of [0x318d, 0x30fb, 0xff65, 0x2027, 0x2219, 0x22c5, 0x2022]) t[c] = 0xb7;
  // Hyphens and dashes: 한-카자흐, Good‑Neighborly.
  for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xfe63]) t[c] = 0x2d;
  // Typographic apostrophe: Democratic People’s Republic.
  t[0x2019] = 0x27;
  return t;
}

function buildClasses(): Uint8Array {
  const t = new Uint8Array(65536);
  for (let c = 0x30; c <= 0x39; c++) t[c] = WORD;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = WORD;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = WORD;
  for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) t[c] = WORD;
  for (let c = 0xff10; c <= 0xff19; c++) t[c] = WORD;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = WORD;
  for (let c = 0xff41; c <= 0xff5a; c++) t[c] = WORD;
  for (let c = 0xac00; c <= 0xd7a3; c++) t[c] = HANGUL;
  for (let c = 0x1100; c <= 0x11ff; c++) t[c] = HANGUL;
  for (let c = 0x3131; c <= 0x318c; c++) t[c] = HANGUL;
  return t;
}

/** A Latin letter or digit: what must not touch an English name (`UNANIMOUSLY` does not contain `MOU`). */
export function isWordChar(c: number): boolean {
  return c >= 0 && (CLASS[c] & WORD) !== 0;
}

export function isHangul(c: number): boolean {
  return c >= 0 && (CLASS[c] & HANGUL) !== 0;
}

export function isHangulSyllable(c: number): boolean {
  return c >= 0xac00 && c <= 0xd7a3;
}

/** Folds a pattern the way the scanner folds text: per-char FOLD, whitespace runs collapsed, trimmed. */
export function foldKey(s: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const f = FOLD[s.charCodeAt(i)];
    if (f === 32) {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += String.fromCharCode(f);
  }
  return out;
}

export function countSyllables(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isHangulSyllable(s.charCodeAt(i))) n++;
  return n;
}
