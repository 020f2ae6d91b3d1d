import type { BilingualList, KbRecord, LoadedRecord } from './record';

const LIST_KEYS = ['aliases', 'qualified_aliases', 'ambiguous_aliases'] as const;
const ARRAY_KEYS = ['short', 'default_for', 'domains', 'parties', 'roles'] as const;

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined {
  if (!a) return b ? [...b] : undefined;
  if (!b) return [...a];
  const out = [...a];
  const seen = new Set(a.map((x) => JSON.stringify(x)));
  for (const x of b) if (!seen.has(JSON.stringify(x))) out.push(x);
  return out;
}

function unionLists(a: BilingualList | undefined, b: BilingualList | undefined): BilingualList | undefined {
  if (!a || !b) return a ?? b;
  const out: BilingualList = {};
  const ko = union(a.ko, b.ko);
  const en = union(a.en, b.en);
  if (ko) out.ko = ko;
  if (en) out.en = en;
  return out;
}

/**
 * Applies an extension record to the record it extends: lists (aliases, short forms, roles, parties) are
 * united, bilingual texts (name, description) merged per language, `facts` merged per key, other fields replaced.
 */
export function extendRecord(base: KbRecord, ext: KbRecord): KbRecord {
  const out: KbRecord = { ...base };
  for (const [key, value] of Object.entries(ext) as [keyof KbRecord, unknown][]) {
    if (value === undefined || key === 'extends' || key === 'id') continue;
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of LIST_KEYS) out[key] = unionLists(base[key], ext[key]);
  for (const key of ARRAY_KEYS) (out as unknown as Record<string, unknown>)[key] = union<unknown>(base[key], ext[key]);
  if (base.name && ext.name) out.name = { ...base.name, ...ext.name };
  if (base.description && ext.description) out.description = { ...base.description, ...ext.description };
  if (base.facts && ext.facts) out.facts = { ...base.facts, ...ext.facts };
  for (const k of Object.keys(out) as (keyof KbRecord)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * Resolves extension records in load order: each extension is folded into the current record with its id (the
 * merged record keeps the base's origin, so go-to-definition opens the full definition). An extension with no
 * record before it is returned in `orphans` and left out.
 */
export function applyExtensions(sources: Iterable<LoadedRecord>): { records: LoadedRecord[]; orphans: LoadedRecord[] } {
  const byId = new Map<string, number>();
  const records: LoadedRecord[] = [];
  const orphans: LoadedRecord[] = [];
  for (const loaded of sources) {
    const id = loaded.record.id;
    const at = byId.get(id);
    if (!loaded.record.extends) {
      byId.set(id, records.length);
      records.push(loaded);
    } else if (at === undefined) {
      orphans.push(loaded);
    } else {
      const base = records[at];
      records[at] = { record: extendRecord(base.record, loaded.record), origin: base.origin };
    }
  }
  return { records, orphans };
}
