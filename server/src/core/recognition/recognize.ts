import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { ComposedDocument } from './composed';
import { lexiconFor, type Lexicon } from './lexicon';
import { NO_IDS } from './sharedIds';
import { Scanner } from './scanner';
import type { Mention } from './types';

/** What recognition reads from a parsed document. */
export type RecognitionInput = Pick<ParsedDocument, 'text' | 'textSegments' | 'links' | 'language'> & { decomposed?: boolean };

/**
 * Every mention in the document: entities and instruments found in the prose (`textSegments` only), sorted by
 * start and non-overlapping, plus one `annotation` mention per wiki-link. One left-to-right pass; at each position
 * where some key starts, the longest valid reading wins (alias, compound, acronym pair, quoted title, resolution).
 */
export function recognize(doc: RecognitionInput, kb: KnowledgeBase): Mention[] {
  const lex = lexiconFor(kb);
  // The lexicon's spare scanner, taken while in use (a scan is synchronous: nothing else can ask for it meanwhile,
  // but a scan that throws must not leave it half-used for the next document).
  const scanner = spares.get(lex) ?? new Scanner(lex);
  spares.delete(lex);
  const composed = doc.decomposed ? new ComposedDocument(doc) : undefined;
  scanner.begin(composed?.input ?? doc);
  scanSegments(scanner, 0, -1, Infinity);
  const found = mentionsOf(scanner, kb, doc, composed);
  spares.set(lex, scanner);
  return found;
}

/** One scanner per lexicon for recognize(): its buffers are reused from document to document. */
const spares = new WeakMap<Lexicon, Scanner>();

/**
 * Scans from segment `segment`, position `pos` (-1: its start), about `maxChars` characters (a reading that starts
 * within them is finished); returns where it stopped: the segment and position to resume from.
 */
function scanSegments(scanner: Scanner, segment: number, pos: number, maxChars: number): [number, number] {
  const segments = scanner.doc.textSegments;
  const length = scanner.text.length;
  let budget = maxChars;
  while (segment < segments.length && budget > 0) {
    const seg = segments[segment];
    const start = Math.max(0, seg.start);
    const end = Math.min(length, seg.end);
    if (pos < start) pos = start;
    const from = pos;
    pos = start < end ? scanner.scan(start, end, pos, pos + budget) : end;
    budget -= Math.max(1, pos - from);
    if (pos >= end) {
      segment++;
      pos = -1;
    }
  }
  return [segment, pos];
}

/**
 * Recognition in slices, for callers that must not block (a 5 MB document on the server's thread): call
 * `step(maxChars)` until it returns true, then `result()`. Same mentions as `recognize`.
 */
export class RecognitionJob {
  private readonly scanner: Scanner;
  private readonly composed: ComposedDocument | undefined;
  private segment = 0;
  private pos = -1;

  constructor(
    private readonly doc: RecognitionInput,
    private readonly kb: KnowledgeBase,
  ) {
    // A scanner of its own: other documents are recognised between its slices.
    this.composed = doc.decomposed ? new ComposedDocument(doc) : undefined;
    this.scanner = new Scanner(lexiconFor(kb)).begin(this.composed?.input ?? doc);
  }

  get done(): boolean {
    return this.segment >= this.scanner.doc.textSegments.length;
  }

  /** Scans about `maxChars` more characters (a reading that starts within them is finished); true when done. */
  step(maxChars: number): boolean {
    [this.segment, this.pos] = scanSegments(this.scanner, this.segment, this.pos, maxChars);
    return this.done;
  }

  result(): Mention[] {
    return mentionsOf(this.scanner, this.kb, this.doc, this.composed);
  }
}

/**
 * The scanner's mentions (taken from it, in `doc`'s offsets when it read a composed copy) and one `annotation`
 * mention per wiki-link of `doc`, in order of start.
 */
function mentionsOf(scanner: Scanner, kb: KnowledgeBase, doc: RecognitionInput, composed: ComposedDocument | undefined): Mention[] {
  const scanned = composed?.toOriginal(scanner.take());
  if (doc.links.length === 0) return scanned ?? scanner.take();
  const text = doc.text;
  const lex = scanner.lex;
  const annotations = doc.links.map((link): Mention => {
    const record = kb.record(link.target);
    const { start, end } = link.targetSpan;
    return {
      span: { start, end },
      ids: record ? lex.ids.one(link.target) : NO_IDS,
      kind: record ? record.kind : 'unknown',
      via: 'annotation',
      text: text.slice(start, end),
    };
  });
  if (scanned) return mergeByStart(scanned, scanned.length, annotations);
  const merged = mergeByStart(scanner.out, scanner.count, annotations);
  scanner.clear();
  return merged;
}

/**
 * The first `count` of `first` and all of `second` in order of start, `first` before `second` on ties: what a
 * stable sort of their concatenation gives, in one pass. `first` (the scan's mentions) is sorted; `second` (the
 * links) is when it comes from parseDocument.
 */
function mergeByStart(first: Mention[], count: number, second: Mention[]): Mention[] {
  const byStart = (a: Mention, b: Mention) => a.span.start - b.span.start;
  for (let j = 1; j < second.length; j++) if (second[j - 1].span.start > second[j].span.start) return [...first.slice(0, count), ...second].sort(byStart);
  const out = new Array<Mention>(count + second.length);
  let i = 0;
  let o = 0;
  for (const m of second) {
    while (i < count && first[i].span.start <= m.span.start) out[o++] = first[i++];
    out[o++] = m;
  }
  while (i < count) out[o++] = first[i++];
  return out;
}
