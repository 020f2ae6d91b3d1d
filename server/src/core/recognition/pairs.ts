import { FOLD as FOLD_IMPORT } from './chars';
import { addUnique } from './lexicon';
import type { Plan, Scanner } from './scanner';
import type { MentionVia } from './types';

/** Readings that join two names: `북대서양조약기구(NATO)` and `일본 외무성` (country + body). */

const FOLD = FOLD_IMPORT;

/**
 * `일본 외무성`, `한국 외교부`, `미 국무부` as one name of a body still mention its country: when the body's name is
 * a name or short form of its country followed by a name of the body, it splits into the country and the body.
 */
export function splitCountryPrefix(sc: Scanner, p: number, n: number, plan: Plan): Plan | null {
  const body = plan.mentions[0];
  if (n < 2 || body.ids.length !== 1) return null; // the country is a shorter key at p
  const country = sc.kb.record(body.ids[0])?.country;
  if (!country) return null;
  const keys = sc.keys[0];
  const ends = sc.ends[0];
  for (let k = n - 1; k >= 0; k--) {
    const countryEnd = ends[k];
    if (countryEnd >= plan.end) continue;
    const entry = sc.entries[keys[k]];
    const names = entry.names.includes(country) && sc.boundaryOk(entry, p, countryEnd);
    if (!names && entry.shortId !== country) continue;
    let q = countryEnd;
    if (FOLD[sc.text.charCodeAt(q)] === 32) q++;
    const m = sc.lex.trie.collect(sc.text, q, plan.end, sc.keys[1], sc.ends[1]);
    for (let j = 0; j < m; j++) {
      if (sc.ends[1][j] !== plan.end) continue;
      const rest = sc.entries[sc.keys[1][j]];
      const via: MentionVia | undefined = rest.qualified.includes(body.ids[0])
        ? 'qualified'
        : rest.names.includes(body.ids[0])
          ? 'alias'
          : undefined;
      if (!via) continue;
      return {
        end: plan.end,
        mentions: [sc.mention(p, countryEnd, sc.one(country), 'alias', false), sc.mention(q, plan.end, body.ids, via, false)],
        country: undefined,
      };
    }
  }
  return null;
}

/**
 * `북대서양조약기구(NATO)`, `북대서양조약기구(NATO, North Atlantic Treaty Organization)`, `… Organization (NATO)`:
 * a name followed by a parenthesised name of the same record. Returns the end of the pair and the shared ids.
 */
export function acronymPairAfter(sc: Scanner, end: number, ids: string[]): { end: number; ids: string[] } | null {
  const t = sc.text;
  let q = end;
  if (q < sc.segEnd && FOLD[t.charCodeAt(q)] === 32) q++;
  if (q + 1 >= sc.segEnd || FOLD[t.charCodeAt(q)] !== 0x28 /* ( */) return null;
  const r = q + 1;
  const keys = sc.keys[1];
  const ends = sc.ends[1];
  const n = sc.lex.trie.collect(t, r, sc.segEnd, keys, ends);
  for (let k = n - 1; k >= 0; k--) {
    const entry = sc.entries[keys[k]];
    const innerEnd = ends[k];
    let shared: string[] | undefined;
    for (let i = 0; i < entry.variants.length; i++) {
      const v = entry.variants[i];
      if (v.cat === 'short' || !ids.includes(v.id)) continue;
      if (!sc.caseOk(v, r, innerEnd)) continue;
      shared = addUnique(shared, v.id);
    }
    if (!shared) continue;
    shared = sc.lex.ids.share(shared);
    const c = FOLD[t.charCodeAt(innerEnd)];
    if (innerEnd < sc.segEnd && c === 0x29 /* ) */) return { end: innerEnd + 1, ids: shared };
    if (innerEnd < sc.segEnd && c === 0x2c /* , */) {
      const limit = Math.min(sc.segEnd, innerEnd + 120);
      for (let i = innerEnd + 1; i < limit; i++) {
        const d = FOLD[t.charCodeAt(i)];
        if (d === 0x29) return { end: i + 1, ids: shared };
        if (d === 0x28 || t.charCodeAt(i) === 10) break;
      }
    }
  }
  return null;
}
