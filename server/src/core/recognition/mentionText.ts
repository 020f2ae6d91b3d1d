import { titleKey } from './titles';

/**
 * The `text` of mentions, shared between mentions that read the same: a document names a handful of records over
 * and over (독일, NATO, United States), so most mention texts equal one seen moments ago. A direct-mapped table of
 * recent texts, keyed by a hash of the characters, returns that string instead of a fresh slice.
 *
 * The table must not keep documents alive: V8 copies slices shorter than 13 code units, but a longer slice is a
 * view of the whole document, so a longer text is stored as a copy of its own.
 */
const MAX_SHARED_LENGTH = 48;
const V8_MIN_SLICED_LENGTH = 13;
const SLOTS = 4096;

export class MentionTexts {
  private readonly slots: string[] = new Array<string>(SLOTS).fill('');

  /** `text.slice(start, end)`, or an equal string already in the table. */
  get(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > MAX_SHARED_LENGTH || length <= 0) return text.slice(start, end);
    const slot = hashOf(text, start, end) & (SLOTS - 1);
    const known = this.slots[slot];
    if (sameText(known, text, start, end)) return known;
    const own = copyOf(text, start, end);
    this.slots[slot] = own;
    return own;
  }
}

/** Quoted titles longer than this are not remembered (quotedTitleAt reads at most MAX_TITLE_LENGTH + 2). */
const MAX_REMEMBERED_TITLE = 200;
/** Enough for the ~2,700 distinct titles quoted 16,000 times in the bench corpus; at most ~1 MB of copies. */
const TITLE_SLOTS = 4096;

/**
 * The instruments a quoted title names (`titles.get(titleKey(…))`), remembered per quoted text: a corpus quotes
 * the same titles again and again, and a title's key costs a slice per word and their concatenation (~750 bytes
 * and a few microseconds per quoted title), where a repeated one costs a hash and a comparison here.
 */
export class TitleIds {
  private readonly raws: string[];
  private readonly ids: (string[] | undefined)[];

  /** `slots`: a power of two (tests use a few, to collide). */
  constructor(
    private readonly titles: ReadonlyMap<string, string[]>,
    private readonly slots = TITLE_SLOTS,
  ) {
    this.raws = new Array<string>(slots).fill('');
    this.ids = new Array<string[] | undefined>(slots).fill(undefined);
  }

  /** The ids of the instruments the title text [start, end) names, if any. */
  get(text: string, start: number, end: number): string[] | undefined {
    const length = end - start;
    if (length > MAX_REMEMBERED_TITLE || length <= 0) return this.titles.get(titleKey(text, start, end));
    const slot = hashOf(text, start, end) & (this.slots - 1);
    if (sameText(this.raws[slot], text, start, end)) return this.ids[slot];
    const ids = this.titles.get(titleKey(text, start, end));
    this.raws[slot] = copyOf(text, start, end);
    this.ids[slot] = ids;
    return ids;
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = end - start;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** `known` has the characters of text[start, end). */
function sameText(known: string, text: string, start: number, end: number): boolean {
  const length = end - start;
  if (known.length !== length) return false;
  let i = 0;
  while (i < length && known.charCodeAt(i) === text.charCodeAt(start + i)) i++;
  return i === length;
}

/** text[start, end) as a string that does not refer to `text` (a slice of 13+ code units is a view of it). */
function copyOf(text: string, start: number, end: number): string {
  const fresh = text.slice(start, end);
  // Concatenating and slicing again flattens into a new string: the copy no longer refers to the document.
  return end - start < V8_MIN_SLICED_LENGTH ? fresh : (fresh + ' ').slice(0, end - start);
}
