import type { ResourceLimits } from 'node:worker_threads';
import type { PolicyLensConfig } from '../config/config';
import type { LoadedRecord } from '../kb/record';
import { isLoadedBuiltin } from '../kb/builtin';
import { discoverFiles } from './discover';
import { readText } from './readText';
import { loadInWorkers, releaseWorkers, workerCount } from './parallel/pool';
import { normalizeUri, pathToUri } from './uri';
import { WorkspaceIndex } from './workspaceIndex';

export interface LoadProgress {
  done: number;
  total: number;
}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  documents: string[];
  kbFiles: string[];
  /** Files that vanished or could not be read between listing and reading, with the reason. */
  unreadable: { uri: string; reason: string }[];
  refusedGlobs: string[];
  /** Milliseconds spent listing files, then reading them with what they declare, then analysing (workers: how many). */
  timings: LoadTimings;
}

export interface LoadTimings {
  discoveryMs: number;
  identityMs: number;
  analysisMs: number;
  workers: number;
}

export { MAX_FILE_BYTES, readText } from './readText';

export interface LoadOptions {
  /** Analysis workers; default: by the number of files and cores (see workerCount). 0: this thread only. */
  workers?: number;
  /** Keep information-level diagnostics of files analysed by workers (the CLI reports them). */
  keepInformation?: boolean;
  /** Told when the workers failed and the load fell back to this thread. */
  onWorkerFailure?: (error: unknown) => void;
  /** Heap limits per worker. */
  workerResourceLimits?: ResourceLimits;
  /** Bytes of files each analysis worker may hold between reading and analysing them (the rest it reads twice). */
  workerArenaBytes?: number;
  /** Told of files as the workers' summaries of them are installed (the server publishes their diagnostics). */
  onAnalysed?: (uris: string[], index: WorkspaceIndex) => void;
}

/** Discovers and reads every corpus and kb file under the roots into a new index (kb rebuilt once). */
export async function loadWorkspace(
  rootDirs: string[],
  config: PolicyLensConfig,
  builtin: LoadedRecord[],
  onProgress?: (p: LoadProgress) => void,
  isCancelled?: () => boolean,
  options: LoadOptions = {},
): Promise<LoadedWorkspace> {
  const started = performance.now();
  const index = new WorkspaceIndex({ config, builtin, roots: rootDirs.map(pathToUri) });
  const documents: string[] = [];
  const kbFiles: string[] = [];
  const refusedGlobs: string[] = [];
  for (const root of rootDirs) {
    const found = await discoverFiles(root, config);
    documents.push(...found.documents);
    kbFiles.push(...found.kbFiles);
    refusedGlobs.push(...found.refusedGlobs);
  }
  const discoveryMs = performance.now() - started;
  const all = [...kbFiles.map((p) => ({ p, kind: 'kb' as const })), ...documents.map((p) => ({ p, kind: 'document' as const }))];
  // One URL conversion per file (they cost microseconds each, and a corpus has thousands).
  const uriOf = new Map(all.map(({ p }) => [p, pathToUri(p)]));
  const result = (index: WorkspaceIndex, unreadable: LoadedWorkspace['unreadable'], phases: Omit<LoadTimings, 'discoveryMs'>): LoadedWorkspace => ({
    index,
    timings: { discoveryMs, ...phases },
    documents: documents.map((p) => uriOf.get(p)!),
    kbFiles: kbFiles.map((p) => uriOf.get(p)!),
    unreadable,
    refusedGlobs,
  });
  const workers = options.workers ?? workerCount(all.length);
  if (workers > 0) {
    try {
      const files = all.map(({ p, kind }) => ({ path: p, uri: normalizeUri(uriOf.get(p)!), kind }));
      const progress = onProgress && ((done: number, total: number) => onProgress({ done, total }));
      const phase = performance.now();
      let identityMs = 0;
      const loaded = await loadInWorkers(index, files, builtin, {
        onIdentified: () => (identityMs = performance.now() - phase),
        workers,
        keepInformation: !!options.keepInformation,
        onProgress: progress,
        isCancelled,
        resourceLimits: options.workerResourceLimits,
        arenaBytes: options.workerArenaBytes,
        builtinIsDefault: isLoadedBuiltin(builtin),
        onAnalysed: options.onAnalysed,
      });
      return result(index, loaded?.unreadable ?? [], { identityMs, analysisMs: performance.now() - phase - identityMs, workers });
    } catch (e) {
      // A worker that cannot start or crashes costs speed, never the index: load on this thread instead.
      options.onWorkerFailure?.(e);
      return loadWorkspace(rootDirs, config, builtin, onProgress, isCancelled, { ...options, workers: 0 });
    }
  }
  releaseWorkers(); // started ahead (prestartWorkers), not needed for this one
  const phase = performance.now();
  const unreadable: { uri: string; reason: string }[] = [];
  const loaded: { uri: string; text: string; kind: 'document' | 'kb' }[] = [];
  // Bounded parallel reads: enough to keep the disk busy without opening thousands of handles at once.
  let next = 0;
  const worker = async () => {
    while (next < all.length && !isCancelled?.()) {
      const { p, kind } = all[next++];
      const r = await readText(p);
      if ('text' in r) loaded.push({ uri: uriOf.get(p)!, text: r.text, kind });
      else unreadable.push({ uri: uriOf.get(p)!, reason: r.error });
      if (onProgress && (loaded.length + unreadable.length) % 200 === 0) onProgress({ done: loaded.length + unreadable.length, total: all.length });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  loaded.sort((a, b) => (a.uri < b.uri ? -1 : 1));
  const identityMs = performance.now() - phase;
  index.setMany(loaded); // analyses nothing yet: the caller's first queries do
  onProgress?.({ done: all.length, total: all.length });
  return result(index, unreadable, { identityMs, analysisMs: performance.now() - phase - identityMs, workers: 0 });
}
