import type { LoadedRecord } from '../../kb/record';
import type { DocumentSummary } from '../summary';
import type { IdentitySnapshot, ParsedFile } from '../workspaceIndex';

/** Messages between the index's worker pool (pool.ts) and an analysis worker (analysisWorker.ts). */

/** Phase 1: read and parse these files; keep the parses for phase 2. */
export interface ParseRequest {
  type: 'parse';
  files: { path: string; uri: string; kind: 'document' | 'kb' }[];
  /** The built-in records: the worker prepares a knowledge base of them while the main thread merges phase 1. */
  builtin: LoadedRecord[];
}

/** Phase 2: analyse every file parsed in phase 1 against the workspace as the index sees it now. */
export interface AnalyseRequest {
  type: 'analyse';
  /** The snapshot, its `builtin` left empty: the worker has them from the parse request. */
  snapshot: IdentitySnapshot;
  /** Whether the built-in records are part of the knowledge base (the configuration may turn them off). */
  withBuiltin: boolean;
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
