import type { ParsedDocument } from '../document/types';
import { monthNumber, ymd } from '../rules/dates';

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/**
 * Date phrases found in body text. Every quantifier is bounded or over a disjoint class, so the scan stays linear.
 * Groups: 1 year with 2-3 (dashes), 4-5 (dots) or 6-7 (slashes) · 8-10 Korean y m d · 11-13 month d y · 14-16 d month y.
 */
const DATE_PHRASE = new RegExp(
  [
    '(?<![\\d.])(\\d{4})(?:-(\\d{1,2})-(\\d{1,2})|\\.\\s?(\\d{1,2})\\.\\s?(\\d{1,2})\\.?|/(\\d{1,2})/(\\d{1,2}))(?![\\d])',
    '(\\d{4})\\s?년\\s?(\\d{1,2})\\s?월\\s?(\\d{1,2})\\s?일',
    `\\b(${MONTH}),?\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?,?\\s{1,3}(\\d{4})\\b`,
    `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s{1,3}(${MONTH}),?\\s{1,3}(\\d{4})\\b`,
  ].join('|'),
  'gi',
);

/** Normalised dates (YYYY-MM-DD) of the credible date phrases in a text, in order, at most `max`. */
export function findDates(text: string, max = Infinity): string[] {
  const out: string[] = [];
  DATE_PHRASE.lastIndex = 0;
  for (const m of text.matchAll(DATE_PHRASE)) {
    let parts: [number, number, number] | undefined;
    if (m[1]) {
      const [mo, d] = m[2] ? [m[2], m[3]] : m[4] ? [m[4], m[5]] : [m[6], m[7]];
      parts = [+m[1], +mo, +d];
    } else if (m[8]) parts = [+m[8], +m[9], +m[10]];
    else if (m[11]) parts = [+m[13], monthNumber(m[11]) ?? 0, +m[12]];
    else if (m[14]) parts = [+m[16], monthNumber(m[15]) ?? 0, +m[14]];
    if (!parts || parts[0] < 1900 || parts[0] > 2100) continue;
    const r = ymd(...parts);
    if ('iso' in r) {
      out.push(r.iso);
      if (out.length >= max) break;
    }
  }
  return out;
}

/** The first credible date of the body's prose (`작성일 2023-12-26`, `2021.08.17 13:08 입력`, `July 19, 2000`…). */
export function inferDate(doc: ParsedDocument): string | undefined {
  // A document's own date stands near its top: looking further only costs time on huge files.
  let budget = INFERENCE_WINDOW;
  for (const s of doc.textSegments) {
    if (budget <= 0) break;
    const end = Math.min(s.end, s.start + budget);
    budget -= end - s.start;
    const found = findDates(doc.text.slice(s.start, end), 1);
    if (found.length) return found[0];
  }
  return undefined;
}

/** How much prose (UTF-16 units from the top) inference reads. */
export const INFERENCE_WINDOW = 200_000;
