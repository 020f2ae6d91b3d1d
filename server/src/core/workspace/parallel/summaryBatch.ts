import type { DocumentSummary } from '../summary';

/**
 * Summaries in the shape they travel from a worker to the main thread: the numbers of a whole batch in one
 * Int32Array (transferred, not copied) and each id string once per batch. Sent as plain objects, ten thousand
 * summaries made the main thread decode and later collect some 300,000 arrays and strings during the initial
 * indexing, while the workers still needed the CPU.
 */

type Numeric = 'ids' | 'refStart' | 'refs' | 'firstMention' | 'lineStarts';

/** A summary without its arrays: where they are in the batch's numbers. */
export interface PackedSummary extends Omit<DocumentSummary, Numeric> {
  /** Offset in `numbers` of: ids (string indexes), refStart (ids + 1), refs (3 per reference), firstMention (2 per id), lineStarts. */
  at: number;
  idCount: number;
  refCount: number;
  lineCount: number;
}

export interface SummaryTable {
  strings: string[];
  numbers: Int32Array;
}

/** Packs the summaries of one batch (in a worker). */
export class SummaryPacker {
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private numbers = new Int32Array(16 * 1024);
  private size = 0;

  pack(summary: DocumentSummary): PackedSummary {
    const { ids, refStart, refs, firstMention, lineStarts, ...rest } = summary;
    const at = this.size;
    for (const id of ids) {
      let k = this.stringIndex.get(id);
      if (k === undefined) {
        k = this.strings.length;
        this.strings.push(id);
        this.stringIndex.set(id, k);
      }
      this.push(k);
    }
    for (const list of [refStart, refs, firstMention, lineStarts]) for (let i = 0; i < list.length; i++) this.push(list[i]);
    return { ...rest, at, idCount: ids.length, refCount: refs.length / 3, lineCount: lineStarts.length };
  }

  /** The batch's table; the packer starts over. */
  take(): SummaryTable {
    const table = { strings: this.strings.splice(0), numbers: this.numbers.slice(0, this.size) };
    this.stringIndex.clear();
    this.size = 0;
    return table;
  }

  private push(n: number): void {
    if (this.size === this.numbers.length) {
      const bigger = new Int32Array(this.numbers.length * 2);
      bigger.set(this.numbers);
      this.numbers = bigger;
    }
    this.numbers[this.size++] = n;
  }
}

/**
 * The summary back, its arrays views of the batch's numbers, made when first read: during the initial indexing
 * the main thread reads only diagnostics; ids and references are needed once the index is queried.
 */
export function unpackSummary(packed: PackedSummary, table: SummaryTable, intern: (id: string) => string): DocumentSummary {
  return new UnpackedSummary(packed, table, intern);
}

class UnpackedSummary implements DocumentSummary {
  readonly uri: string;
  version: number;
  readonly id?: string;
  readonly title?: string;
  readonly date?: string;
  readonly isDefinitionNote: boolean;
  readonly isKbFile: boolean;
  readonly diagnostics: DocumentSummary['diagnostics'];
  readonly counts: DocumentSummary['counts'];
  readonly hasSuggestions: boolean;
  readonly textLength: number;
  private arrays: Pick<DocumentSummary, Numeric> | undefined;

  constructor(
    private readonly packed: PackedSummary,
    private table: SummaryTable | undefined,
    private readonly intern: (id: string) => string,
  ) {
    ({
      uri: this.uri,
      version: this.version,
      id: this.id,
      title: this.title,
      date: this.date,
      isDefinitionNote: this.isDefinitionNote,
      isKbFile: this.isKbFile,
      diagnostics: this.diagnostics,
      counts: this.counts,
      hasSuggestions: this.hasSuggestions,
      textLength: this.textLength,
    } = packed);
  }

  private unpack(): Pick<DocumentSummary, Numeric> {
    if (this.arrays) return this.arrays;
    const { at, idCount, refCount, lineCount } = this.packed;
    const { strings, numbers: n } = this.table!;
    const ids = new Array<string>(idCount);
    for (let i = 0; i < idCount; i++) ids[i] = this.intern(strings[n[at + i]]);
    let p = at + idCount;
    const view = (length: number) => n.subarray(p, (p += length));
    this.arrays = { ids, refStart: view(idCount + 1), refs: view(3 * refCount), firstMention: view(2 * idCount), lineStarts: view(lineCount) };
    this.table = undefined; // the views keep the numbers; the batch's strings can go
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
