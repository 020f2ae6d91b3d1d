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
    let hash = length;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    const slot = hash & (SLOTS - 1);
    const known = this.slots[slot];
    if (known.length === length) {
      let i = 0;
      while (i < length && known.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return known;
    }
    const fresh = text.slice(start, end);
    // Concatenating and slicing again flattens into a new string: the copy no longer refers to the document.
    const own = length < V8_MIN_SLICED_LENGTH ? fresh : (fresh + ' ').slice(0, length);
    this.slots[slot] = own;
    return own;
  }
}
