import { extendRecord } from './extend';
import type { KbRecord, LoadedRecord, RecordOrigin } from './record';

/**
 * The merged knowledge base: built-in records first, then workspace records, later sources overriding earlier
 * ones with the same id (or adding to them, for `extends: true` records: see extend.ts). Immutable: a change in
 * the workspace builds a new one (cheap: a map of references), and `version` lets matchers built from it be cached.
 */
export class KnowledgeBase {
  private static nextVersion = 1;
  readonly version = KnowledgeBase.nextVersion++;
  private readonly byId = new Map<string, LoadedRecord>();
  /** Every source of each id, in load order: the built-in one and the workspace ones that override or repeat it. */
  private readonly allById = new Map<string, LoadedRecord[]>();

  /** Extension records (`extends: true`) whose id had no record before them: left out, reported by the caller. */
  readonly orphanExtensions: LoadedRecord[] = [];
  /** Origins of the extension entries in `definitions` (their records are already merged, so they can't say). */
  private readonly extensionOrigins = new Set<RecordOrigin>();

  constructor(sources: Iterable<LoadedRecord>) {
    for (const loaded of sources) {
      const id = loaded.record.id;
      let entry = loaded;
      if (loaded.record.extends) {
        // An extension adds to the record in force so far; it keeps its own origin in `definitions`.
        const base = this.byId.get(id);
        if (!base) {
          this.orphanExtensions.push(loaded);
          continue;
        }
        entry = { record: extendRecord(base.record, loaded.record), origin: loaded.origin };
        this.extensionOrigins.add(loaded.origin);
        this.byId.set(id, { record: entry.record, origin: base.origin });
      } else {
        this.byId.set(id, loaded);
      }
      const list = this.allById.get(id);
      if (list) list.push(entry);
      else this.allById.set(id, [entry]);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): LoadedRecord | undefined {
    return this.byId.get(id);
  }

  record(id: string): KbRecord | undefined {
    return this.byId.get(id)?.record;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  records(): IterableIterator<LoadedRecord> {
    return this.byId.values();
  }

  /** Whether a `definitions` entry came from an `extends: true` record. */
  isExtension(entry: LoadedRecord): boolean {
    return this.extensionOrigins.has(entry.origin);
  }

  /** All definitions of an id, built-in and workspace, in load order (the last one wins). */
  definitions(id: string): readonly LoadedRecord[] {
    return this.allById.get(id) ?? [];
  }

  /** The built-in record an override replaced, if any. */
  builtinOf(id: string): LoadedRecord | undefined {
    return this.allById.get(id)?.find((r) => r.origin.builtin);
  }
}
