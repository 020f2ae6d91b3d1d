import { distance } from 'fastest-levenshtein';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { isInstrumentKind } from '../kb/record';

export type IdClass = 'entity' | 'instrument' | 'any';

/**
 * The known id an unknown one most likely meant: a record whose name or alias is exactly the text (`Russia` →
 * `rus`), else the id nearest by edit distance, within a third of the length. Restricted to entities or
 * instruments when the list says which it holds.
 */
export function closestId(unknown: string, allIds: Iterable<string>, kb: KnowledgeBase, want: IdClass = 'any'): string | undefined {
  // The same unknown ids recur across a corpus: remember answers for as long as the id list is the same object
  // (the workspace index hands out one array per knowledge base and set of document ids).
  let cache = suggestionCache.get(allIds);
  if (!cache) suggestionCache.set(allIds, (cache = new Map()));
  const key = `${want}\0${unknown}`;
  if (cache.has(key)) return cache.get(key);
  const answer = computeClosestId(unknown, allIds, kb, want);
  cache.set(key, answer);
  return answer;
}

const suggestionCache = new WeakMap<Iterable<string>, Map<string, string | undefined>>();

function computeClosestId(unknown: string, allIds: Iterable<string>, kb: KnowledgeBase, want: IdClass): string | undefined {
  const needle = unknown.trim().toLowerCase();
  if (!needle) return undefined;
  const fits = (id: string) => {
    if (want === 'any') return true;
    const kind = kb.record(id)?.kind;
    if (!kind) return false;
    return isInstrumentKind(kind) === (want === 'instrument');
  };
  for (const id of namesOf(kb).get(needle) ?? []) if (fits(id)) return id;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(needle.length / 3)) + 1;
  for (const id of allIds) {
    // Lengths far apart cannot be close: skip before any lookup or distance computation.
    if (Math.abs(id.length - needle.length) >= bestDistance || id === unknown || !fits(id)) continue;
    const d = distance(needle, id.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && id < best)) {
      best = id;
      bestDistance = d;
    }
  }
  return best;
}

/** Lower-cased names and aliases → ids, built once per knowledge base (the exact-name check runs per unknown id). */
const nameIndex = new WeakMap<KnowledgeBase, Map<string, string[]>>();
function namesOf(kb: KnowledgeBase): Map<string, string[]> {
  let index = nameIndex.get(kb);
  if (index) return index;
  index = new Map();
  for (const { record } of kb.records()) {
    for (const n of [record.name.ko, record.name.en, ...(record.aliases?.ko ?? []), ...(record.aliases?.en ?? [])]) {
      if (!n) continue;
      const key = n.toLowerCase();
      const ids = index.get(key);
      if (!ids) index.set(key, [record.id]);
      else if (!ids.includes(record.id)) ids.push(record.id);
    }
  }
  nameIndex.set(kb, index);
  return index;
}
