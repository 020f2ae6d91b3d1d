import type { DocumentSummary } from '../summary';
import type { IdentitySnapshot, ParsedFile } from '../workspaceIndex';

/** Messages between the index's worker pool (pool.ts) and an analysis worker (analysisWorker.ts). */

/** Phase 1: read and parse these files; keep the parses for phase 2. */
export interface ParseRequest {
  type: 'parse';
  files: { path: string; uri: string; kind: 'document' | 'kb' }[];
}

/** Phase 2: analyse every file parsed in phase 1 against the workspace as the index sees it now. */
export interface AnalyseRequest {
  type: 'analyse';
  snapshot: IdentitySnapshot;
  /** Keep information- and hint-level diagnostics in the summaries (the CLI reports them; the server does not). */
  keepInformation: boolean;
}

export type ToWorker = ParseRequest | AnalyseRequest;

export type FromWorker =
  | { type: 'parsed'; files: ParsedFile[]; unreadable: { uri: string; reason: string }[] }
  | { type: 'summaries'; summaries: DocumentSummary[]; failures: { uri: string; message: string }[] }
  /** Sent after the last batch of a phase. */
  | { type: 'done' }
  | { type: 'error'; message: string };
