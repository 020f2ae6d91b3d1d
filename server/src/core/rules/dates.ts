/** Date values of front-matter and date phrases of body text: validation and normalisation to `YYYY-MM-DD`. */

export type DateCheck =
  | { status: 'ok' }
  | { status: 'non-normal'; normalized: string }
  | { status: 'invalid'; reason: string }
  | { status: 'wrong-type' };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when the parts name a real day, else the reason they do not. */
export function ymd(year: number, month: number, day: number): { iso: string } | { reason: string } {
  if (month < 1 || month > 12) return { reason: `month ${month} does not exist` };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) return { reason: `day ${day} does not exist in ${year}-${pad(month)} (${max} days)` };
  return { iso: `${year}-${pad(month)}-${pad(day)}` };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const PARTIAL = /^\d{4}(?:-(0[1-9]|1[0-2]))?$/;
const NUMERIC = /^(\d{4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const KOREAN = /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일$/;
const MONTH_FIRST = /^([A-Za-z]{3,9}\.?)\s*,?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})$/;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}\.?)\s*,?\s+(\d{4})$/;

/**
 * Reads one date written in a form people use: ISO, `2021.08.17`, `2021/8/17`, `2021. 8. 31.`, `2021년 8월 17일`,
 * `July 19, 2000`, `February, 09, 2020`, `19 July 2000`. `undefined` when the text is not a date at all.
 */
export function readDate(text: string): { iso: string; exact: boolean } | { reason: string } | undefined {
  const s = text.trim();
  let m = ISO_DATE.exec(s) ?? ISO_DATETIME.exec(s);
  if (m) {
    const r = ymd(+m[1], +m[2], +m[3]);
    return 'iso' in r ? { iso: r.iso, exact: true } : r;
  }
  if (PARTIAL.test(s)) return { iso: s, exact: true };
  let parts: [number, number, number] | undefined;
  if ((m = NUMERIC.exec(s))) parts = [+m[1], +m[3], +m[4]];
  else if ((m = KOREAN.exec(s))) parts = [+m[1], +m[2], +m[3]];
  else if ((m = MONTH_FIRST.exec(s)) && monthNumber(m[1])) parts = [+m[3], monthNumber(m[1])!, +m[2]];
  else if ((m = DAY_FIRST.exec(s)) && monthNumber(m[2])) parts = [+m[3], monthNumber(m[2])!, +m[1]];
  if (!parts) return undefined;
  const r = ymd(...parts);
  return 'iso' in r ? { iso: r.iso, exact: false } : r;
}

/** What the `date` rules think of a front-matter value. */
export function checkDateValue(value: unknown): DateCheck {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { status: 'invalid', reason: 'not a real date' } : { status: 'ok' };
  if (typeof value !== 'string') return { status: 'wrong-type' };
  const r = readDate(value);
  if (!r) return { status: 'invalid', reason: 'not a date (expected YYYY-MM-DD)' };
  if ('reason' in r) return { status: 'invalid', reason: r.reason };
  return r.exact ? { status: 'ok' } : { status: 'non-normal', normalized: r.iso };
}
