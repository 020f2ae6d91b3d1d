import { distance } from 'fastest-levenshtein';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { isInstrumentKind } from '../kb/record';
import { IdTrie } from './idTrie';

export type IdClass = 'entity' | 'instrument' | 'any';

/**
 * The known id an unknown one most likely meant: a record whose name or alias is exactly the text (`Russia` →
 * `rus`), else the id nearest by edit distance, within a third of the length. Restricted to entities or
 * instruments when the list says which it holds.
 */
export function closestId(unknown: string, allIds: Iterable<string>, kb: KnowledgeBase, want: IdClass = 'any'): string | undefined {
  // The same unknown ids recur across a corpus: remember answers for as long as the id list is the same object
  // (the workspace index hands out one array per knowledge base and set of document ids).
  const known = knownIdsOf(allIds, kb);
  const key = `${want}\0${unknown}`;
  if (known.answers.has(key)) return known.answers.get(key);
  const answer = computeClosestId(unknown, known, kb, want);
  known.answers.set(key, answer);
  return answer;
}

/**
 * The trie answers for needles of up to 11 characters (distance ≤ 3: most ids). Beyond, it visits most of its
 * nodes, and one bit-parallel distance per id of a similar length is cheaper.
 */
const TRIE_MAX_BOUND = 3;
/** An id longer than this is more than 3 edits away from any needle of 11 characters: the trie leaves it out. */
const TRIE_MAX_ID_LENGTH = 14;
/**
 * Building the trie's one-edit index costs about as much as 3 scans (~2 ms for 3,000 ids; the trie itself, built
 * only when some search finds no id within one edit, as much as 20): worth it for the unknown ids of a corpus,
 * not for the one or two of a document edited after its id list changed.
 */
const SCANS_BEFORE_TRIE = 4;

/** What one id list (with its knowledge base) keeps across documents: answers, and the ids of each class. */
interface KnownIds {
  kb: KnowledgeBase;
  ids: string[];
  answers: Map<string, string | undefined>;
  classes: Map<IdClass, IdsOfClass>;
}

interface IdsOfClass {
  ids: string[];
  scans: number;
  /** Null where an id changes length when lower-cased (`İ`): see `trieOf`. */
  trie: IdTrie | null | undefined;
}

const knownIds = new WeakMap<Iterable<string>, KnownIds>();
function knownIdsOf(allIds: Iterable<string>, kb: KnowledgeBase): KnownIds {
  let known = knownIds.get(allIds);
  if (known?.kb !== kb) knownIds.set(allIds, (known = { kb, ids: [...allIds], answers: new Map(), classes: new Map() }));
  return known;
}

/** How far (edits) a suggestion for the needle may be. */
function boundOf(needle: string): number {
  return Math.max(2, Math.floor(needle.length / 3));
}

/**
 * Whether `id` could be (or stop being) the suggestion for the unknown `unknown`: it is the same id, or within the
 * suggestion distance. False means adding or removing `id` cannot change what closestId says for it, names aside.
 */
export function mayBeSuggested(unknown: string, id: string): boolean {
  const needle = unknown.trim().toLowerCase();
  const other = id.toLowerCase();
  if (needle === other || unknown === id) return true;
  const bound = boundOf(needle);
  return Math.abs(other.length - needle.length) <= bound && distance(needle, other) <= bound;
}

function computeClosestId(unknown: string, known: KnownIds, kb: KnowledgeBase, want: IdClass): string | undefined {
  const needle = unknown.trim().toLowerCase();
  if (!needle) return undefined;
  const fits = (id: string) => {
    if (want === 'any') return true;
    const kind = kb.record(id)?.kind;
    if (!kind) return false;
    return isInstrumentKind(kind) === (want === 'instrument');
  };
  for (const id of namesOf(kb).get(needle) ?? []) if (fits(id)) return id;
  const bound = boundOf(needle);
  const ofClass = classOf(known, want, fits);
  const trie = bound <= TRIE_MAX_BOUND ? trieOf(ofClass) : undefined;
  // The trie yields exactly the ids at the smallest distance; the scan below then breaks ties as it always has.
  const candidates = trie ? trie.nearest(needle, bound, (id) => id !== unknown) : ofClass.ids;
  let best: string | undefined;
  let bestDistance = bound + 1;
  for (const id of candidates) {
    // Lengths far apart cannot be close: skip before any distance computation.
    if (Math.abs(id.length - needle.length) >= bestDistance || id === unknown) continue;
    const d = distance(needle, id.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && id < best)) {
      best = id;
      bestDistance = d;
    }
  }
  return best;
}

/** The ids of one class, in list order. */
function classOf(known: KnownIds, want: IdClass, fits: (id: string) => boolean): IdsOfClass {
  let ofClass = known.classes.get(want);
  if (!ofClass) known.classes.set(want, (ofClass = { ids: want === 'any' ? known.ids : known.ids.filter(fits), scans: 0, trie: undefined }));
  return ofClass;
}

/**
 * The class's trie, once enough searches wanted one. None where an id changes length when lower-cased (`İ`): the
 * scan's length filter compares raw lengths, and only when they are the lower-cased lengths do both find the same ids.
 */
function trieOf(ofClass: IdsOfClass): IdTrie | undefined {
  if (ofClass.trie === undefined && ++ofClass.scans > SCANS_BEFORE_TRIE) {
    const plain = ofClass.ids.every((id) => id.toLowerCase().length === id.length);
    ofClass.trie = plain ? new IdTrie(ofClass.ids, TRIE_MAX_ID_LENGTH) : null;
  }
  return ofClass.trie ?? undefined;
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
