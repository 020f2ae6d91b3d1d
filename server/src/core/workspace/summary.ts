import type { CoreDiagnostic, Severity } from '../rules/types';
import { CODES } from '../rules/types';
import { forEachReference, referencedIds } from './references';
import type { DocumentInfo, IndexedDocument, Reference } from './types';

/**
 * What cross-file answers need of a document, kept instead of its full analysis for documents no one is looking
 * at: a parsed document and its mention objects cost ~25 KB per 4 KB document, this a few hundred bytes.
 * Built by the analysis workers during the cold index (and from any analysis); the index re-analyses a document
 * in full only when it is opened or asked about.
 */
export interface DocumentSummary extends DocumentInfo {
  /** Diagnostics at their configured severity; information and hints only when they were asked to be kept. */
  diagnostics: CoreDiagnostic[];
  counts: Record<Severity, number>;
  /** Some diagnostic suggests an id ("did you mean"): a new or vanished id in the workspace may change it. */
  hasSuggestions: boolean;
  /** Every id the document refers to: mentions (annotations included), wiki-links, front-matter id lists. */
  ids: readonly string[];
  /**
   * References per id: ids[i]'s are refs[3k..] for k in [refStart[i], refStart[i+1]): start, end, kind. Plain
   * arrays where a summary is made; views of one Int32Array per batch where the workers' summaries arrive
   * (parallel/summaryBatch.ts), never one ArrayBuffer per document.
   */
  refStart: ArrayLike<number>;
  refs: ArrayLike<number>;
  /** First mention of ids[i] (annotations included): start, end; -1 when the id is only linked or listed. */
  firstMention: ArrayLike<number>;
  /** Line starts and length of the text: ranges for the editor without decoding the text. */
  lineStarts: ArrayLike<number>;
  textLength: number;
}

/** Reference kinds by the code summaries keep for them. */
export const REFERENCE_KINDS: readonly Reference['kind'][] = ['mention', 'link', 'front-matter', 'definition'];

/** Diagnostics per severity. */
export function countBySeverity(diagnostics: readonly CoreDiagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** An unknown-id or unresolved-link diagnostic: its "did you mean" depends on every id in the workspace. */
export function suggestsAnId(d: CoreDiagnostic): boolean {
  return d.code === CODES.unknownId || d.code === CODES.unresolvedLink;
}

export function summarize(doc: IndexedDocument, keepInformation: boolean): DocumentSummary {
  // One pass over the document (forEachReference, as referencesIn does per id), then a stable sort by start:
  // the same lists referencesIn gives, without a pass over the document per id.
  const ids = [...referencedIds(doc)];
  const position = new Map(ids.map((id, i) => [id, i]));
  const perId: number[][] = ids.map(() => []);
  forEachReference(doc, (id, span, kind) => perId[position.get(id)!].push(span.start, span.end, REFERENCE_KINDS.indexOf(kind)));
  const firstMention: number[] = new Array(ids.length * 2).fill(-1);
  for (const m of doc.mentions) {
    for (const id of m.ids) {
      const i = position.get(id)!;
      if (firstMention[2 * i] < 0) {
        firstMention[2 * i] = m.span.start;
        firstMention[2 * i + 1] = m.span.end;
      }
    }
  }
  const refStart: number[] = new Array(ids.length + 1).fill(0);
  const refs: number[] = [];
  perId.forEach((list, i) => {
    refStart[i] = refs.length / 3;
    // Places usually arrive in document order already: sort only when they do not.
    let sorted = true;
    for (let k = 3; k < list.length && sorted; k += 3) sorted = list[k - 3] <= list[k];
    if (sorted) {
      for (const v of list) refs.push(v);
      return;
    }
    const order = Array.from({ length: list.length / 3 }, (_, k) => k).sort((a, b) => list[3 * a] - list[3 * b]);
    for (const k of order) refs.push(list[3 * k], list[3 * k + 1], list[3 * k + 2]);
  });
  refStart[ids.length] = refs.length / 3;
  return {
    uri: doc.uri,
    version: doc.version,
    id: doc.id,
    title: doc.title,
    date: doc.date,
    isDefinitionNote: doc.isDefinitionNote,
    isKbFile: doc.isKbFile,
    diagnostics: keepInformation ? doc.diagnostics : doc.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
    counts: countBySeverity(doc.diagnostics),
    hasSuggestions: doc.diagnostics.some(suggestsAnId),
    ids,
    refStart,
    refs,
    firstMention,
    lineStarts: doc.parsed.lines.lineStarts(),
    textLength: doc.parsed.lines.textLength,
  };
}

/** The same answer as `referencesIn(analysis, id)`, from a summary. */
export function summaryReferences(summary: DocumentSummary, id: string): Reference[] {
  const i = summary.ids.indexOf(id);
  if (i < 0) return [];
  const out: Reference[] = [];
  for (let k = summary.refStart[i]; k < summary.refStart[i + 1]; k++) {
    out.push({ uri: summary.uri, span: { start: summary.refs[3 * k], end: summary.refs[3 * k + 1] }, kind: REFERENCE_KINDS[summary.refs[3 * k + 2]] });
  }
  return out;
}
