import type { LoadedRecord } from '../../kb/record';
import type { FileIdentity } from '../fileIdentity';
import type { IdentitySnapshot } from '../workspaceIndex';
import type { PackedSummary, SummaryTable } from './summaryBatch';

/** Messages between the index's worker pool (pool.ts) and an analysis worker (analysisWorker.ts). */

export interface FileToLoad {
  path: string;
  uri: string;
  kind: 'document' | 'kb';
}

/** Sent first (the server sends it at start-up): the built-in records, to build the usual knowledge base early. */
export interface PrepareRequest {
  type: 'prepare';
  builtin: LoadedRecord[];
}

/** Phase 1: read these files, keep their bytes, and report what each declares (ids, records, title). */
export interface IdentifyRequest {
  type: 'identify';
  files: FileToLoad[];
}

/** Phase 2: analyse every file read in phase 1 against the workspace's identity, as the index assembled it. */
export interface AnalyseRequest {
  type: 'analyse';
  /** The snapshot, its `builtin` left empty: the worker has them from the prepare request. */
  snapshot: IdentitySnapshot;
  /** Whether the built-in records are part of the knowledge base (the configuration may turn them off). */
  withBuiltin: boolean;
  /** Keep information- and hint-level diagnostics in the summaries (the CLI reports them; the server does not). */
  keepInformation: boolean;
}

export type ToWorker = PrepareRequest | IdentifyRequest | AnalyseRequest;

/** A file read in phase 1: what it declares, and its size in bytes. */
export interface IdentifiedFile extends FileIdentity {
  uri: string;
  kind: 'document' | 'kb';
  size: number;
  /** Reading its identity threw (a bug): the index analyses it on demand and reports the failure then. */
  failure?: string;
}

/** A file analysed in phase 2: its bytes (a view of a transferred buffer) and its summary. */
export interface AnalysedFile {
  uri: string;
  bytes: Uint8Array;
  /** Absent when the analysis threw (or the identity did): the index analyses it on demand and reports it. */
  summary?: PackedSummary;
  failure?: string;
}

export type FromWorker =
  | { type: 'identified'; files: IdentifiedFile[]; unreadable: { uri: string; reason: string }[] }
  /** A batch: its files' bytes share one transferred buffer, their summaries one table. */
  | { type: 'analysed'; files: AnalysedFile[]; table: SummaryTable }
  /** Sent after the last batch of a phase. */
  | { type: 'done' }
  | { type: 'error'; message: string };
