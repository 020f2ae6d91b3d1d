import { FOLD as FOLD_IMPORT, isWordChar } from './chars';
import {
  TRIGGER_QUOTE,
  TRIGGER_RESOLUTION_EN,
  TRIGGER_RESOLUTION_KO,
  TRIGGER_RESOLUTION_SYMBOL,
  TRIGGER_TREATY_PHRASE,
} from './lexicon';
import { NO_IDS } from './sharedIds';
import { englishResolutions, koreanResolutions, symbolResolution, type ResolutionRef } from './resolutions';
import type { Plan, Scanner } from './scanner';
import { closersFor, looksLikeTitle, MAX_TITLE_LENGTH, titleKey, treatyPhraseEnds } from './titles';

/** Instrument references that are not plain names: quoted titles, `Treaty on …` phrases, numbered resolutions. */

const FOLD = FOLD_IMPORT;

/** The reading a trigger key starts at p, if it ends after `beat` (the end of the best reading so far). */
export function triggerAt(sc: Scanner, trigger: number, p: number, beat: number): Plan | null {
  switch (trigger) {
    case TRIGGER_QUOTE:
      return quotedTitleAt(sc, p, beat);
    case TRIGGER_TREATY_PHRASE:
      return treatyPhraseAt(sc, p, beat);
    case TRIGGER_RESOLUTION_KO:
      return resolutionPlan(sc, koreanResolutions(sc.text, p, sc.segEnd), beat);
    case TRIGGER_RESOLUTION_EN:
      return isWordChar(sc.prev(p)) ? null : resolutionPlan(sc, englishResolutions(sc.text, p, sc.segEnd), beat);
    case TRIGGER_RESOLUTION_SYMBOL:
      return isWordChar(sc.prev(p)) ? null : resolutionPlan(sc, symbolResolution(sc.text, p, sc.segEnd), beat);
    default:
      return null;
  }
}

/** ‘…에 관한 조약’, "Treaty on …": the quoted text, if shaped like a title, as a known or unknown instrument. */
export function quotedTitleAt(sc: Scanner, p: number, beat: number): Plan | null {
  const t = sc.text;
  const open = t.charCodeAt(p);
  const closers = closersFor(open);
  if (!closers) return null;
  const [close1, close2, kind] = closers;
  if ((open === 0x27 || open === 0x22) && isWordChar(sc.prev(p))) return null; // Russia's
  const limit = Math.min(sc.segEnd, p + 2 + MAX_TITLE_LENGTH);
  // Where an earlier search for this kind of closing quote ran dry: a run of openers without closers (a huge
  // line of ‘‘‘…) is then searched once, not once per opener.
  const known = sc.noCloserUntil[kind];
  let i = p + 1;
  if (known > i && sc.noCloserSegment[kind] === sc.segStart) {
    if (known >= limit) return null;
    i = known;
  }
  let close = -1;
  for (; i < limit; i++) {
    const c = t.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === close1 || c === close2) {
      close = i;
      break;
    }
  }
  if (close < 0) {
    sc.noCloserUntil[kind] = i;
    sc.noCloserSegment[kind] = sc.segStart;
  }
  if (close < 0 || close + 1 <= beat) return null;
  let s = p + 1;
  let e = close;
  while (s < e && FOLD[t.charCodeAt(s)] === 32) s++;
  while (e > s && FOLD[t.charCodeAt(e - 1)] === 32) e--;
  if (s >= e) return null;
  if (!looksLikeTitle(t, s, e)) return null;
  const ids = sc.lex.titleIds.get(t, s, e) ?? NO_IDS;
  return { end: close + 1, mentions: [sc.mention(s, e, ids, 'quoted-title', ids.length > 1)], country: undefined };
}

/** Unquoted `Treaty on/of …`: the longest known title it starts with, else the whole phrase as unknown. */
export function treatyPhraseAt(sc: Scanner, p: number, beat: number): Plan | null {
  const c = sc.text.charCodeAt(p);
  if (c < 65 || c > 90 || isWordChar(sc.prev(p))) return null;
  const ends = treatyPhraseEnds(sc.text, p, sc.segEnd);
  if (!ends || ends[ends.length - 1] <= beat) return null;
  // Keys of each prefix, built word by word (a title key is the concatenation of its words' keys).
  const keys: string[] = [];
  let key = '';
  for (let i = 0; i < ends.length; i++) {
    key += titleKey(sc.text, i ? ends[i - 1] : p, ends[i]);
    keys.push(key);
  }
  for (let i = ends.length - 1; i >= 0; i--) {
    const ids = sc.lex.titles.get(keys[i]);
    if (!ids) continue;
    if (ends[i] <= beat) return null;
    return { end: ends[i], mentions: [sc.mention(p, ends[i], ids, 'quoted-title', ids.length > 1)], country: undefined };
  }
  const end = ends[ends.length - 1];
  return { end, mentions: [sc.mention(p, end, NO_IDS, 'quoted-title', false)], country: undefined };
}

export function resolutionPlan(sc: Scanner, refs: ResolutionRef[], beat: number): Plan | null {
  if (!refs.length || refs[refs.length - 1].end <= beat) return null;
  const mentions = refs.map((r) => {
    const id = sc.lex.resolutions.get(r.number);
    return sc.mention(r.start, r.end, id ? sc.one(id) : NO_IDS, 'resolution', false);
  });
  return { end: refs[refs.length - 1].end, mentions, country: undefined };
}
