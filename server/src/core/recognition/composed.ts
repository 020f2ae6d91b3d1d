import { SCRIPT, SCRIPT_COMBINING } from '../document/language';
import type { Span } from '../text/span';
import type { RecognitionInput } from './recognize';
import type { Mention } from './types';

/**
 * A document whose prose is partly decomposed (NFD Hangul: 북 written as ᄇ ᅮ ᆨ), composed for recognition, and
 * the way back to the document's own offsets. Written by hand because `String.prototype.normalize` gives no
 * offset map: the text is cut into clusters (a code unit and the ones that compose with it) and only the
 * clusters that hold a composing code unit are normalized, each on its own.
 */
export class ComposedDocument {
  /** What recognition reads: the composed text, its segments mapped; no links (annotations come from the original). */
  readonly input: RecognitionInput;
  /** Per composed offset, the original offset a span starting there starts at (length: composed length + 1). */
  private readonly startAt: Int32Array;
  /** Per composed offset, the original offset a span ending there ends at. */
  private readonly endAt: Int32Array;

  constructor(private readonly original: RecognitionInput) {
    const text = original.text;
    const parts: string[] = [];
    let composedLength = 0;
    // Composing never lengthens Hangul or Latin clusters; the arrays grow for the rare marks that NFC expands.
    let startAt = new Int32Array(text.length + 1);
    let endAt = new Int32Array(text.length + 1);
    const push = (start: number, end: number) => {
      if (composedLength === startAt.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        startAt = grow(startAt);
        endAt = grow(endAt);
      }
      startAt[composedLength] = start;
      endAt[composedLength] = end;
      composedLength++;
    };
    // Original offset → composed offset, at cluster starts (inside a cluster: its start).
    const toComposed = new Int32Array(text.length + 1);
    let copiedFrom = 0; // start of the run of unchanged text not yet copied
    const copyRun = (to: number) => {
      if (to > copiedFrom) parts.push(text.slice(copiedFrom, to));
    };
    let i = 0;
    while (i < text.length) {
      let j = i + 1;
      while (j < text.length && SCRIPT[text.charCodeAt(j)] & SCRIPT_COMBINING) j++;
      const written = j - i === 1 ? undefined : text.slice(i, j);
      const cluster = written?.normalize('NFC');
      if (cluster === undefined || cluster === written) {
        for (let k = i; k < j; k++) {
          toComposed[k] = composedLength;
          push(k, k);
        }
      } else {
        copyRun(i);
        parts.push(cluster);
        copiedFrom = j;
        // What did not change at the end of the cluster (a mark after a composed syllable) maps one to one; the
        // composed head maps to the original head as a block.
        let same = 0;
        while (same < cluster.length - 1 && same < j - i - 1 && cluster.charCodeAt(cluster.length - 1 - same) === text.charCodeAt(j - 1 - same)) same++;
        const head = cluster.length - same;
        const headEnd = j - same;
        for (let k = i; k < headEnd; k++) toComposed[k] = composedLength;
        for (let k = headEnd; k < j; k++) toComposed[k] = composedLength + head + (k - headEnd);
        for (let k = 0; k < cluster.length; k++) {
          const at = k < head ? i : headEnd + (k - head);
          push(at, k === 0 || k >= head ? at : headEnd);
        }
      }
      i = j;
    }
    copyRun(text.length);
    toComposed[text.length] = composedLength;
    push(text.length, text.length);
    this.startAt = startAt;
    this.endAt = endAt;
    const map = (s: Span): Span => ({ start: toComposed[Math.min(s.start, text.length)], end: toComposed[Math.min(s.end, text.length)] });
    this.input = { text: parts.join(''), textSegments: original.textSegments.map(map), links: [], language: original.language, decomposed: false };
  }

  /** The mentions found in the composed text, with the document's own spans and text. */
  toOriginal(mentions: Mention[]): Mention[] {
    const text = this.original.text;
    for (const m of mentions) {
      const start = this.startAt[m.span.start];
      const end = this.endAt[m.span.end];
      m.span = { start, end };
      m.text = text.slice(start, end);
    }
    return mentions;
  }
}
