import { FOLD as FOLD_IMPORT, isHangul as isHangulImport, isWordChar as isWordCharImport } from './chars';
import { compoundNounAt, followerAt, isCompoundSeparator, RISKY_COMPOUNDS } from './korean';
import { addUnique, isCountryLike } from './lexicon';
import type { Plan, Scanner } from './scanner';
import type { Mention } from './types';

/**
 * Compounds of country short forms (한미일, 북러, 한-카자흐, 남북한), and a short form before a body of its
 * country (미 국무부).
 */

const FOLD = FOLD_IMPORT;
const isHangul = isHangulImport;
const isWordChar = isWordCharImport;

const MAX_COMPOUND_PARTS = 8;
/**
 * Short forms that do not take a body after a space: they are also everyday words there — 한 (a: 한 외교부
 * 관계자), 중 (during: 방문 중 외교부 장관), 일 (work, day). Glued (미국무부) and other short forms (미 국무부) do.
 */
const NO_SPACED_PAIR = new Set(['한', '중', '일']);

// The parts of the compound being read (scans are synchronous, so one set serves every scan).
const partStarts = new Int32Array(MAX_COMPOUND_PARTS);
const partEnds = new Int32Array(MAX_COMPOUND_PARTS);
const partIds: string[] = [];

/**
 * 한미일, 북러, 한-카자흐스탄, 남북한, 한-북대서양조약기구간: country short forms (and, after a separator, any
 * name) in a row. Needs ≥ 2 parts naming ≥ 2 different records, nothing Hangul before (checked by the caller)
 * and after it a non-Hangul character, a particle or a noun such as 관계/동맹/정상회담. Null unless it ends after
 * `beat` (the end of the best reading so far).
 */
export function compoundAt(sc: Scanner, p: number, beat: number): Plan | null {
  const t = sc.text;
  const keys = sc.keys[1];
  const ends = sc.ends[1];
  let count = 0;
  let q = p;
  let afterSeparator = false;
  while (count < MAX_COMPOUND_PARTS) {
    const n = sc.lex.trie.collect(t, q, sc.segEnd, keys, ends);
    let partEnd = -1;
    let id: string | undefined;
    for (let k = n - 1; k >= 0 && partEnd < 0; k--) {
      const entry = sc.entries[keys[k]];
      const sid = entry.shortId;
      if (sid) {
        partEnd = ends[k];
        id = sid;
      } else if (count > 0 && entry.variants.length) {
        if (entry.endsWord && isWordChar(sc.next(ends[k]))) continue;
        if (entry.startsWord && !afterSeparator) continue;
        const r = sc.resolve(entry, q, ends[k]);
        if (!r || r.ids.length !== 1 || r.ambiguous) continue;
        if (!afterSeparator && !isCountryLike(sc.kb.record(r.ids[0]))) continue;
        partEnd = ends[k];
        id = r.ids[0];
      }
    }
    if (partEnd < 0 || !id) break;
    partStarts[count] = q;
    partEnds[count] = partEnd;
    partIds[count] = id;
    count++;
    q = partEnd;
    if (q + 1 < sc.segEnd && isCompoundSeparator(FOLD[t.charCodeAt(q)])) {
      q++;
      afterSeparator = true;
    } else if (isHangul(sc.next(q))) {
      afterSeparator = false;
    } else {
      break;
    }
  }
  for (let m = count; m >= 2; m--) {
    const end = partEnds[m - 1];
    if (end <= beat) return null; // fewer parts end even earlier
    if (distinctIds(partIds, m) < 2) continue;
    const risky = end - p <= 3 && RISKY_COMPOUNDS.has(t.slice(p, end));
    if (!compoundFollowOk(sc, end, risky)) continue;
    const mentions: Mention[] = [];
    for (let i = 0; i < m; i++) {
      const id = partIds[i];
      if (partIds.indexOf(id) < i) continue; // 남북한: each country once
      mentions.push(sc.mention(partStarts[i], partEnds[i], sc.one(id), 'compound', false));
    }
    return { end, mentions, country: undefined };
  }
  return null;
}

export function compoundFollowOk(sc: Scanner, end: number, risky: boolean): boolean {
  const t = sc.text;
  if (end >= sc.segEnd) return !risky;
  const c = t.charCodeAt(end);
  if (!isHangul(c)) {
    if (!risky) return true;
    return FOLD[c] === 32 && end + 1 < sc.segEnd && compoundNounAt(t, end + 1);
  }
  return risky ? compoundNounAt(t, end) : followerAt(t, end);
}

/**
 * `미 국무부`, `미국무부`, `북 외무성`: a short form right before a body of that country; both are mentions. Null
 * unless it ends after `beat`.
 */
export function shortPairAt(sc: Scanner, p: number, shortEnd: number, country: string, beat: number): Plan | null {
  const t = sc.text;
  let q = shortEnd;
  if (q < sc.segEnd && FOLD[t.charCodeAt(q)] === 32) {
    if (NO_SPACED_PAIR.has(t.slice(p, shortEnd))) return null;
    q++;
  }
  const keys = sc.keys[1];
  const ends = sc.ends[1];
  const n = sc.lex.trie.collect(t, q, sc.segEnd, keys, ends);
  for (let k = n - 1; k >= 0; k--) {
    const entry = sc.entries[keys[k]];
    const end = ends[k];
    if (end <= beat) return null; // shorter keys end even earlier
    if (entry.endsWord && isWordChar(sc.next(end))) continue;
    let hits: string[] | undefined;
    let qualified = false;
    // Indexed loops: for-of makes an iterator per loop until V8 optimises this (once per candidate pair).
    if (!entry.caseChecked) {
      const names = entry.names;
      for (let i = 0; i < names.length; i++) if (sc.kb.record(names[i])?.country === country) hits = addUnique(hits, names[i]);
      const shared = entry.qualifiedByCountry?.get(country);
      if (!hits && shared) {
        hits = shared;
        qualified = true;
      }
    } else {
      for (let i = 0; i < entry.variants.length; i++) {
        const v = entry.variants[i];
        if ((v.cat !== 'name' && v.cat !== 'qualified') || sc.kb.record(v.id)?.country !== country) continue;
        if (!sc.caseOk(v, q, end)) continue;
        hits = addUnique(hits, v.id);
        qualified ||= v.cat === 'qualified';
      }
    }
    if (!hits) continue;
    return {
      end,
      mentions: [
        sc.mention(p, shortEnd, sc.one(country), 'alias', false),
        sc.mention(q, end, sc.lex.ids.share(hits), qualified ? 'qualified' : 'alias', hits.length > 1),
      ],
      country: undefined,
    };
  }
  return null;
}

function distinctIds(parts: string[], count: number): number {
  let distinct = 0;
  for (let i = 0; i < count; i++) if (parts.indexOf(parts[i]) === i) distinct++;
  return distinct;
}
