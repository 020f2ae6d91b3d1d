/**
 * Mentions share their `ids` arrays: one `[id]` per record, one array per name shared by several records, one empty
 * array. There are about as many mentions as words of prose, so a copy per mention was most of recognition's
 * garbage. The shared arrays are frozen: nothing downstream mutates a mention's ids, and a consumer that tried would
 * fail loudly instead of silently changing other mentions.
 */
export const NO_IDS: string[] = Object.freeze([]) as unknown as string[];

export class SharedIds {
  private readonly singles = new Map<string, string[]>();

  /** The shared `[id]`. */
  one(id: string): string[] {
    let list = this.singles.get(id);
    if (!list) {
      list = Object.freeze([id]) as unknown as string[];
      this.singles.set(id, list);
    }
    return list;
  }

  /** `list` as a shared array: the shared empty or single-id one, or `list` itself, frozen. */
  share(list: string[]): string[] {
    if (list.length === 0) return NO_IDS;
    if (list.length === 1) return this.one(list[0]);
    return Object.freeze(list) as unknown as string[];
  }
}
