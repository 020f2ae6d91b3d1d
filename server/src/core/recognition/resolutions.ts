/** Numbered UN Security Council resolutions: `결의 2397호`, `resolution 1718 (2006)`, `UNSCR 1718`, `S/RES/2397`. */

export interface ResolutionRef {
  start: number;
  end: number;
  number: number;
}

const KO_HEAD = /결의(?:안)?\s*(?:제\s*)?(\d{1,4})\s*호/y;
const KO_MORE = /(\s*(?:,|·|ㆍ|및|와|과)\s*)(?:제\s*)?(\d{1,4})\s*호/y;
const EN_HEAD = /(?:resolutions?\s+(?:no\.?\s*|number\s+)?|unscrs?\s*)(\d{1,4})(?:\s*\((\d{4})\))?/iy;
const EN_MORE = /(\s*(?:,\s*(?:and\s+)?|and\s+|&\s*))(\d{1,4})(?:\s*\((\d{4})\))?/iy;
const SYMBOL = /s\/res\/(\d{1,4})(?:\s*\((\d{4})\))?/iy;

function run(re: RegExp, text: string, at: number, limit: number): RegExpExecArray | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m && re.lastIndex <= limit ? m : null;
}

/** `결의 1718호, 2397호`: the head names the first; each further `N호` is its own reference. */
export function koreanResolutions(text: string, pos: number, limit: number): ResolutionRef[] {
  const out: ResolutionRef[] = [];
  let m = run(KO_HEAD, text, pos, limit);
  if (!m) return out;
  out.push({ start: pos, end: KO_HEAD.lastIndex, number: Number(m[1]) });
  let at = KO_HEAD.lastIndex;
  while ((m = run(KO_MORE, text, at, limit))) {
    const start = at + m[1].length;
    at = KO_MORE.lastIndex;
    out.push({ start, end: at, number: Number(m[2]) });
  }
  return out;
}

/**
 * `resolution 1718 (2006)`, `resolutions 1718 and 2397`, `UNSCR 1718`. A bare number needs two digits or a
 * year, so `resolution 2 weeks later` is not a reference.
 */
export function englishResolutions(text: string, pos: number, limit: number): ResolutionRef[] {
  const out: ResolutionRef[] = [];
  let m = run(EN_HEAD, text, pos, limit);
  if (!m || (m[1].length < 2 && !m[2])) return out;
  out.push({ start: pos, end: EN_HEAD.lastIndex, number: Number(m[1]) });
  let at = EN_HEAD.lastIndex;
  while ((m = run(EN_MORE, text, at, limit)) && (m[2].length >= 3 || m[3])) {
    const start = at + m[1].length;
    at = EN_MORE.lastIndex;
    out.push({ start, end: at, number: Number(m[2]) });
  }
  return out;
}

export function symbolResolution(text: string, pos: number, limit: number): ResolutionRef[] {
  const m = run(SYMBOL, text, pos, limit);
  return m ? [{ start: pos, end: SYMBOL.lastIndex, number: Number(m[1]) }] : [];
}

const YEAR = /\s?\((?:19|20)\d\d\)/y;

/** Just past a ` (2006)` at `at`, or `at` when there is none. */
export function yearEnd(text: string, at: number, limit: number): number {
  YEAR.lastIndex = at;
  return YEAR.test(text) && YEAR.lastIndex <= limit ? YEAR.lastIndex : at;
}
