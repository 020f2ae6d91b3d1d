import type { KbRecord, LoadedRecord } from './record';

/**
 * The merged knowledge base: built-in records first, then workspace records, later sources overriding earlier
 * ones with the same id. Immutable: a change in the workspace builds a new one (cheap: a map of references), and
 * `version` lets matchers built from it be cached.
 */
export class KnowledgeBase {
  private static nextVersion = 1;
  readonly version = KnowledgeBase.nextVersion++;
  private readonly byId = new Map<string, LoadedRecord>();
  /** Every source of each id, in load order: the built-in one and the workspace ones that override or repeat it. */
  private readonly allById = new Map<string, LoadedRecord[]>();

  constructor(sources: Iterable<LoadedRecord>) {
    for (const loaded of sources) {
      const id = loaded.record.id;
      this.byId.set(id, loaded);
      const list = this.allById.get(id);
      if (list) list.push(loaded);
      else this.allById.set(id, [loaded]);
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

  /** All definitions of an id, built-in and workspace, in load order (the last one wins). */
  definitions(id: string): readonly LoadedRecord[] {
    return this.allById.get(id) ?? [];
  }

  /** The built-in record an override replaced, if any. */
  builtinOf(id: string): LoadedRecord | undefined {
    return this.allById.get(id)?.find((r) => r.origin.builtin);
  }
}
