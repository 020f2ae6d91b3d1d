import { LineStarts, type Positions } from '../text/lineIndex';
import { forEachReference, referencedIds } from './references';
import { REFERENCE_KINDS, type DocumentSummary } from './summary';
import type { IndexedDocument } from './types';

/** A file's analysis or summary: what the index held for it before a change. */
export type ReferringDocument = IndexedDocument | DocumentSummary;

/**
 * The ids whose references in a file are exactly the same after a re-analysis as before: the same places (offsets,
 * line and character) of the same kinds. Cached answers made from an id's references (its list, the server's
 * serialized answer) stay valid for those: opening a document in the editor re-analyses it, and must not make the
 * next "find references" on a country named in 15,000 places build its answer again.
 */
export function unchangedReferenceIds(before: ReferringDocument, after: ReferringDocument): Set<string> {
  const a = placesOf(before);
  const b = placesOf(after);
  const same = new Set<string>();
  for (const [id, places] of a) {
    const other = b.get(id);
    if (other && equal(places, other)) same.add(id);
  }
  return same;
}

/** Per id, its places as [start, end, kind, startLine, startCharacter, endLine, endCharacter]*, by start. */
function placesOf(doc: ReferringDocument): Map<string, number[]> {
  const lines = positionsOf(doc);
  const out = new Map<string, number[]>();
  const at = new Int32Array(4);
  const add = (list: number[], start: number, end: number, kind: number) => {
    lines.writePosition(start, at, 0);
    lines.writePosition(end, at, 2);
    list.push(start, end, kind, at[0], at[1], at[2], at[3]);
  };
  if ('parsed' in doc) {
    for (const id of referencedIds(doc)) out.set(id, []);
    const found: [string, number, number, number][] = [];
    forEachReference(doc, (id, span, kind) => found.push([id, span.start, span.end, REFERENCE_KINDS.indexOf(kind)]));
    // Stable: the order a summary keeps (see summarize).
    found.sort((x, y) => x[1] - y[1]);
    for (const [id, start, end, kind] of found) add(out.get(id)!, start, end, kind);
    return out;
  }
  const { ids, refStart, refs } = doc;
  for (let i = 0; i < ids.length; i++) {
    const list: number[] = [];
    for (let k = refStart[i]; k < refStart[i + 1]; k++) add(list, refs[3 * k], refs[3 * k + 1], refs[3 * k + 2]);
    out.set(ids[i], list);
  }
  return out;
}

function positionsOf(doc: ReferringDocument): Positions {
  return 'parsed' in doc ? doc.parsed.lines : new LineStarts(doc.lineStarts, doc.textLength);
}

function equal(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
