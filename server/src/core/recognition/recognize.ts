import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { lexiconFor } from './lexicon';
import { NO_IDS } from './sharedIds';
import { Scanner } from './scanner';
import type { Mention } from './types';

/** What recognition reads from a parsed document. */
export type RecognitionInput = Pick<ParsedDocument, 'text' | 'textSegments' | 'links' | 'language'>;

/**
 * Every mention in the document: entities and instruments found in the prose (`textSegments` only), sorted by
 * start and non-overlapping, plus one `annotation` mention per wiki-link. One left-to-right pass; at each position
 * where some key starts, the longest valid reading wins (alias, compound, acronym pair, quoted title, resolution).
 */
export function recognize(doc: RecognitionInput, kb: KnowledgeBase): Mention[] {
  const job = new RecognitionJob(doc, kb);
  job.step(Infinity);
  return job.result();
}

/**
 * Recognition in slices, for callers that must not block (a 5 MB document on the server's thread): call
 * `step(maxChars)` until it returns true, then `result()`. Same mentions as `recognize`.
 */
export class RecognitionJob {
  private readonly scanner: Scanner;
  private segment = 0;
  private pos = -1;

  constructor(
    private readonly doc: RecognitionInput,
    private readonly kb: KnowledgeBase,
  ) {
    this.scanner = new Scanner(lexiconFor(kb), doc);
  }

  get done(): boolean {
    return this.segment >= this.doc.textSegments.length;
  }

  /** Scans about `maxChars` more characters (a reading that starts within them is finished); true when done. */
  step(maxChars: number): boolean {
    const segments = this.doc.textSegments;
    const length = this.doc.text.length;
    let budget = maxChars;
    while (this.segment < segments.length && budget > 0) {
      const seg = segments[this.segment];
      const start = Math.max(0, seg.start);
      const end = Math.min(length, seg.end);
      if (this.pos < start) this.pos = start;
      const from = this.pos;
      this.pos = start < end ? this.scanner.scan(start, end, this.pos, this.pos + budget) : end;
      budget -= Math.max(1, this.pos - from);
      if (this.pos >= end) {
        this.segment++;
        this.pos = -1;
      }
    }
    return this.done;
  }

  result(): Mention[] {
    const found = this.scanner.out;
    if (this.doc.links.length === 0) return found;
    const text = this.doc.text;
    const lex = lexiconFor(this.kb);
    const annotations = this.doc.links.map((link): Mention => {
      const record = this.kb.record(link.target);
      const { start, end } = link.targetSpan;
      return {
        span: { start, end },
        ids: record ? lex.ids.one(link.target) : NO_IDS,
        kind: record ? record.kind : 'unknown',
        via: 'annotation',
        text: text.slice(start, end),
      };
    });
    return mergeByStart(found, annotations);
  }
}

/**
 * Both lists in order of start, `first` before `second` on ties: what a stable sort of their concatenation gives,
 * in one pass. `first` (the scan's mentions) is sorted; `second` (the links) is when it comes from parseDocument.
 */
function mergeByStart(first: Mention[], second: Mention[]): Mention[] {
  const byStart = (a: Mention, b: Mention) => a.span.start - b.span.start;
  for (let j = 1; j < second.length; j++) if (second[j - 1].span.start > second[j].span.start) return [...first, ...second].sort(byStart);
  const out = new Array<Mention>(first.length + second.length);
  let i = 0;
  let o = 0;
  for (const m of second) {
    while (i < first.length && first[i].span.start <= m.span.start) out[o++] = first[i++];
    out[o++] = m;
  }
  while (i < first.length) out[o++] = first[i++];
  return out;
}
