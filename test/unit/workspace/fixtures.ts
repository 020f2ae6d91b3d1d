import type { KbRecord, LoadedRecord } from '../../../server/src/core/kb/record';

/** Records as the built-in base loads them (each with an origin), for a tiny base written per test file. */
export function asBuiltin(records: Partial<KbRecord>[]): LoadedRecord[] {
  return records.map((record, i) => ({
    record: record as LoadedRecord['record'],
    origin: { uri: 'file:///builtin/kb.yaml', idSpan: { start: i * 10, end: i * 10 + 3 }, builtin: true },
  }));
}

export const NORTH_KOREA = { id: 'prk', kind: 'country', name: { ko: '북한', en: 'North Korea' } } as const;
export const RUSSIA = { id: 'rus', kind: 'country', name: { ko: '러시아', en: 'Russia' } } as const;
