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
  for (const { record } of kb.records()) {
    if (!fits(record.id)) continue;
    const names = [record.name.ko, record.name.en, ...(record.aliases?.ko ?? []), ...(record.aliases?.en ?? [])];
    if (names.some((n) => n && n.toLowerCase() === needle)) return record.id;
  }
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(needle.length / 3)) + 1;
  for (const id of allIds) {
    if (id === unknown || !fits(id)) continue;
    // Lengths far apart cannot be close; skip the distance computation.
    if (Math.abs(id.length - needle.length) >= bestDistance) continue;
    const d = distance(needle, id.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && id < best)) {
      best = id;
      bestDistance = d;
    }
  }
  return best;
}
