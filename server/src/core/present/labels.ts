import type { Bilingual, KbRecord, RecordKind } from '../kb/record';

/** Human wording of a record kind for cards and symbol details. */
export function kindLabel(kind: RecordKind | 'unknown' | string): string {
  switch (kind) {
    case 'historical-state':
      return 'historical state';
    case 'body':
      return 'body (organ of an organisation)';
    case 'organization':
      return 'organisation';
    case 'programme':
      return 'partnership programme';
    case 'resolution':
      return 'UN Security Council resolution';
    case 'unknown':
      return 'unknown instrument';
    default:
      return kind;
  }
}

/** `한국어명 / English name`, or whichever exists, or the fallback (usually the id). */
export function bilingualName(name: Bilingual | undefined, fallback: string): string {
  const ko = name?.ko?.trim();
  const en = name?.en?.trim();
  if (ko && en && ko !== en) return `${ko} / ${en}`;
  return ko || en || fallback;
}

/** The label used for completion items, quick picks and workspace symbols: `id — 한국어명 / English name`. */
export function recordLabel(record: Pick<KbRecord, 'id' | 'name'>): string {
  const names = bilingualName(record.name, '');
  return names ? `${record.id} — ${names}` : record.id;
}

/** Every string a user may type to find a record: id, names and aliases in both languages. */
export function searchTerms(record: KbRecord): string[] {
  const terms = [record.id, record.name?.ko, record.name?.en, ...(record.aliases?.ko ?? []), ...(record.aliases?.en ?? [])];
  return terms.filter((t): t is string => typeof t === 'string' && t.length > 0);
}

/** Case-insensitive match of a query against a record's id, names and aliases (either language). */
export function recordMatches(record: KbRecord, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return searchTerms(record).some((t) => t.toLowerCase().includes(q));
}
