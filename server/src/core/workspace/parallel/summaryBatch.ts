import type { CoreDiagnostic, Severity } from '../../rules/types';
import { ID_LIST_FIELDS } from '../references';
import { suggestsAnId, type DocumentSummary } from '../summary';
import type { IndexedDocument } from '../types';

/**
 * Summaries in the shape they travel from a worker to the main thread: the numbers of a whole batch in one
 * Int32Array (transferred, not copied), each id string once per batch, and per document only what is text (its
 * id, title, date) and its diagnostics. As plain objects, ten thousand summaries made the main thread decode and
 * later collect some 300,000 arrays and strings during the initial indexing, while the workers needed the CPU.
 *
 * Layout of one document at `at`: a header of HEADER numbers (flags, counts, text length, and how many ids,
 * references and lines follow), then ids (indexes into the batch's strings), refStart (ids + 1), refs (start, end,
 * kind per reference), firstMention (start, end per id), lineStarts. The same arrays `summarize` makes.
 */

export interface PackedSummary {
  at: number;
  id?: string;
  title?: string;
  date?: string;
  /** Absent when there are none (most documents). */
  diagnostics?: CoreDiagnostic[];
}

export interface SummaryTable {
  strings: string[];
  numbers: Int32Array;
}

const HEADER = 9;
const [FLAGS, ERRORS, WARNINGS, INFORMATION, HINTS, TEXT_LENGTH, IDS, REFS, LINES] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const DEFINITION_NOTE = 1;
const KB_FILE = 2;
const SUGGESTIONS = 4;
const NO_DIAGNOSTICS: CoreDiagnostic[] = [];

/** Packs the summaries of one batch (in a worker), straight from each analysis. */
export class SummaryPacker {
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private numbers = new Int32Array(64 * 1024);
  private size = 0;
  /**
   * Per id string of the batch: its position in the current document's ids, valid where `stampOf` holds the
   * document's number (no map to clear and regrow per document).
   */
  private positionOf = new Int32Array(1024);
  private stampOf = new Int32Array(1024);
  private documentNumber = 0;
  private idCount = 0;
  /** Per document, reused: references as (id position, start, end, kind), and the mentions' first starts and ends. */
  private refs = new Int32Array(4 * 1024);
  private refCount = 0;
  private first = new Int32Array(512);

  /**
   * What `summarize(doc, keepInformation)` gives, packed: ids in the order `referencedIds` lists them, each id's
   * references in text order (a stable sort by start of `forEachReference`'s order), its first mention.
   */
  pack(doc: IndexedDocument, keepInformation: boolean): PackedSummary {
    const at = this.size;
    this.reserve(HEADER);
    this.size += HEADER;
    this.documentNumber++;
    this.idCount = 0;
    this.refCount = 0;
    const mentions = doc.mentions;
    const links = doc.parsed.links;
    const fields = doc.parsed.frontMatter?.fields;
    // referencedIds' order: every mention's ids (annotations too), then link targets, then front-matter lists.
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i];
      for (let j = 0; j < m.ids.length; j++) {
        const k = this.idIndex(m.ids[j]);
        if (this.first[2 * k] < 0) {
          this.first[2 * k] = m.span.start;
          this.first[2 * k + 1] = m.span.end;
        }
      }
    }
    for (let i = 0; i < links.length; i++) this.idIndex(links[i].target);
    for (const key of ID_LIST_FIELDS) for (const item of fields?.get(key)?.items ?? []) if (typeof item.value === 'string') this.idIndex(item.value);
    const idCount = this.idCount;
    // forEachReference's order and kinds (summary.ts): front-matter lists (2), links (1), mentions (0; not
    // annotations; an ambiguous one once per id).
    for (const key of ID_LIST_FIELDS) for (const item of fields?.get(key)?.items ?? []) if (typeof item.value === 'string') this.addRef(item.value, item.span.start, item.span.end, 2);
    for (let i = 0; i < links.length; i++) this.addRef(links[i].target, links[i].targetSpan.start, links[i].targetSpan.end, 1);
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i];
      if (m.via === 'annotation') continue;
      for (let j = 0; j < m.ids.length; j++) this.addRef(m.ids[j], m.span.start, m.span.end, 0);
    }
    const n = this.refCount;
    // Per id, in order of start (stable): counts, then each reference put after its id's earlier ones.
    const refStartAt = this.size;
    this.reserve(idCount + 1 + 3 * n);
    const out = this.numbers;
    out.fill(0, refStartAt, refStartAt + idCount + 1);
    for (let i = 0; i < n; i++) out[refStartAt + this.refs[4 * i] + 1]++;
    for (let k = 0; k < idCount; k++) out[refStartAt + k + 1] += out[refStartAt + k];
    const refsAt = refStartAt + idCount + 1;
    const fill = this.fillScratch(idCount);
    for (let i = 0; i < n; i++) {
      const k = this.refs[4 * i];
      const start = this.refs[4 * i + 1];
      // Insertion into the id's run, after every earlier reference that does not start later.
      let p = out[refStartAt + k] + fill[k]++;
      while (p > out[refStartAt + k] && out[refsAt + 3 * (p - 1)] > start) {
        out[refsAt + 3 * p] = out[refsAt + 3 * (p - 1)];
        out[refsAt + 3 * p + 1] = out[refsAt + 3 * (p - 1) + 1];
        out[refsAt + 3 * p + 2] = out[refsAt + 3 * (p - 1) + 2];
        p--;
      }
      out[refsAt + 3 * p] = start;
      out[refsAt + 3 * p + 1] = this.refs[4 * i + 2];
      out[refsAt + 3 * p + 2] = this.refs[4 * i + 3];
    }
    this.size = refsAt + 3 * n;
    this.reserve(2 * idCount);
    this.numbers.set(this.first.subarray(0, 2 * idCount), this.size);
    this.size += 2 * idCount;
    const lineStarts = doc.parsed.lines.lineStarts();
    for (let i = 0; i < lineStarts.length; i++) this.push(lineStarts[i]);
    // The header, now that everything is counted.
    const h = this.numbers;
    const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    let suggestions = false;
    const kept: CoreDiagnostic[] = [];
    for (const d of doc.diagnostics) {
      counts[d.severity]++;
      if (suggestsAnId(d)) suggestions = true;
      if (keepInformation || d.severity === 'error' || d.severity === 'warning') kept.push(d);
    }
    h[at + FLAGS] = (doc.isDefinitionNote ? DEFINITION_NOTE : 0) | (doc.isKbFile ? KB_FILE : 0) | (suggestions ? SUGGESTIONS : 0);
    h[at + ERRORS] = counts.error;
    h[at + WARNINGS] = counts.warning;
    h[at + INFORMATION] = counts.information;
    h[at + HINTS] = counts.hint;
    h[at + TEXT_LENGTH] = doc.parsed.lines.textLength;
    h[at + IDS] = idCount;
    h[at + REFS] = n;
    h[at + LINES] = lineStarts.length;
    const packed: PackedSummary = { at };
    if (doc.id !== undefined) packed.id = doc.id;
    if (doc.title !== undefined) packed.title = doc.title;
    if (doc.date !== undefined) packed.date = doc.date;
    if (kept.length) packed.diagnostics = kept;
    return packed;
  }

  /** The batch's table; the packer starts over. */
  take(): SummaryTable {
    const table = { strings: this.strings.splice(0), numbers: this.numbers.slice(0, this.size) };
    this.stringIndex.clear();
    this.size = 0;
    return table;
  }

  private scratch = new Int32Array(256);

  /** The id's position in the document's ids, appending it (and its string) when new. */
  private idIndex(id: string): number {
    const s = this.stringOf(id);
    if (this.stampOf[s] === this.documentNumber) return this.positionOf[s];
    const k = this.idCount++;
    this.stampOf[s] = this.documentNumber;
    this.positionOf[s] = k;
    this.push(s);
    if (2 * k + 2 > this.first.length) this.first = grow(this.first, 2 * k + 2);
    this.first[2 * k] = -1;
    this.first[2 * k + 1] = -1;
    return k;
  }

  private addRef(id: string, start: number, end: number, kind: number): void {
    const n = this.refCount++;
    if (4 * n + 4 > this.refs.length) this.refs = grow(this.refs, 4 * n + 4);
    const r = this.refs;
    r[4 * n] = this.positionOf[this.stringIndex.get(id)!];
    r[4 * n + 1] = start;
    r[4 * n + 2] = end;
    r[4 * n + 3] = kind;
  }

  private fillScratch(length: number): Int32Array {
    if (this.scratch.length < length) this.scratch = new Int32Array(Math.max(length, 2 * this.scratch.length));
    this.scratch.fill(0, 0, length);
    return this.scratch;
  }

  private stringOf(id: string): number {
    let k = this.stringIndex.get(id);
    if (k === undefined) {
      k = this.strings.length;
      this.strings.push(id);
      this.stringIndex.set(id, k);
      if (k >= this.stampOf.length) {
        this.stampOf = grow(this.stampOf, k + 1);
        this.positionOf = grow(this.positionOf, k + 1);
      }
    }
    return k;
  }

  private reserve(more: number): void {
    if (this.size + more > this.numbers.length) this.numbers = grow(this.numbers, this.size + more);
  }

  private push(value: number): void {
    this.reserve(1);
    this.numbers[this.size++] = value;
  }
}

function grow(a: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, 2 * a.length));
  bigger.set(a);
  return bigger;
}

/**
 * The summary back, on the main thread. Its arrays are views of the batch's numbers, made when first read: during
 * the initial indexing the main thread reads only diagnostics; ids and references are needed once it is queried.
 */
export function unpackSummary(uri: string, packed: PackedSummary, table: SummaryTable, intern: (id: string) => string): DocumentSummary {
  return new UnpackedSummary(uri, packed, table, intern);
}

type Numeric = 'ids' | 'refStart' | 'refs' | 'firstMention' | 'lineStarts';

class UnpackedSummary implements DocumentSummary {
  version = 0;
  readonly id?: string;
  readonly title?: string;
  readonly date?: string;
  readonly isDefinitionNote: boolean;
  readonly isKbFile: boolean;
  readonly hasSuggestions: boolean;
  readonly diagnostics: CoreDiagnostic[];
  readonly counts: Record<Severity, number>;
  readonly textLength: number;
  private readonly at: number;
  private numbers: Int32Array<ArrayBufferLike>;
  private strings: string[] | undefined;
  private arrays: Pick<DocumentSummary, Numeric> | undefined;

  constructor(
    readonly uri: string,
    packed: PackedSummary,
    table: SummaryTable,
    private readonly intern: (id: string) => string,
  ) {
    const h = table.numbers;
    const at = packed.at;
    this.at = at;
    this.numbers = h;
    this.strings = table.strings;
    this.id = packed.id;
    this.title = packed.title;
    this.date = packed.date;
    this.diagnostics = packed.diagnostics ?? NO_DIAGNOSTICS;
    this.isDefinitionNote = (h[at + FLAGS] & DEFINITION_NOTE) !== 0;
    this.isKbFile = (h[at + FLAGS] & KB_FILE) !== 0;
    this.hasSuggestions = (h[at + FLAGS] & SUGGESTIONS) !== 0;
    this.counts = { error: h[at + ERRORS], warning: h[at + WARNINGS], information: h[at + INFORMATION], hint: h[at + HINTS] };
    this.textLength = h[at + TEXT_LENGTH];
  }

  private unpack(): Pick<DocumentSummary, Numeric> {
    if (this.arrays) return this.arrays;
    const n = this.numbers;
    const at = this.at;
    const idCount = n[at + IDS];
    const ids = new Array<string>(idCount);
    let p = at + HEADER;
    for (let i = 0; i < idCount; i++) ids[i] = this.intern(this.strings![n[p++]]);
    const view = (length: number) => n.subarray(p, (p += length));
    this.arrays = { ids, refStart: view(idCount + 1), refs: view(3 * n[at + REFS]), firstMention: view(2 * idCount), lineStarts: view(n[at + LINES]) };
    this.strings = undefined; // the views keep the numbers; the batch's strings can go
    return this.arrays;
  }

  get ids(): readonly string[] {
    return this.unpack().ids;
  }
  get refStart(): ArrayLike<number> {
    return this.unpack().refStart;
  }
  get refs(): ArrayLike<number> {
    return this.unpack().refs;
  }
  get firstMention(): ArrayLike<number> {
    return this.unpack().firstMention;
  }
  get lineStarts(): ArrayLike<number> {
    return this.unpack().lineStarts;
  }
}

