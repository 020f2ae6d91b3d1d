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

/**
 * Sent first: the built-in records, to build the usual knowledge base early; `default` when the worker loads them
 * itself (the server starts its workers before it has loaded anything: loadBuiltinKb's records, the same file).
 */
export interface PrepareRequest {
  type: 'prepare';
  builtin: LoadedRecord[] | 'default';
}

/** Phase 1: read these files (their heads, mostly) and report what each declares (ids, records, title). */
export interface IdentifyRequest {
  type: 'identify';
  /** Absolute paths (their uris are pathToUri's), and which are kb files: one array of strings clones faster than objects. */
  paths: string[];
  kb: Uint8Array;
  /** Bytes of files the worker may keep for phase 2 (the rest it reads again); default ARENA_BUDGET. */
  arenaBytes?: number;
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

/** A file analysed in phase 2: its summary; or why it could not be read again, or why its analysis threw. */
export interface AnalysedFile {
  uri: string;
  summary?: PackedSummary;
  /** Gone or unreadable since phase 1 (the index drops it; the file watcher reports what happened). */
  unreadable?: string;
  /** The analysis threw (a bug): the index analyses it on demand and reports the failure then. */
  failure?: string;
}

export type FromWorker =
  | { type: 'identified'; files: IdentifiedFile[]; unreadable: { uri: string; reason: string }[] }
  /** A batch: its files' summaries share one table (its numbers transferred). */
  | { type: 'analysed'; files: AnalysedFile[]; table: SummaryTable }
  /** Sent after the last batch of a phase. */
  | { type: 'done' }
  | { type: 'error'; message: string };
