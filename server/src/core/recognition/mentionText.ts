/**
 * The `text` of mentions, shared between mentions that read the same: a document names a handful of records over
 * and over (독일, NATO, 외교부), so most mention texts equal one seen moments ago. A direct-mapped table of recent
 * texts, keyed by a hash of the characters, returns that string instead of a fresh slice.
 *
 * Only texts shorter than 13 code units are kept: V8 copies such slices (longer ones are views that keep the whole
 * document alive), so the table never holds on to a document.
 */
const MAX_SHARED_LENGTH = 12;
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
    this.slots[slot] = fresh;
    return fresh;
  }
}
