import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { LoadedRecord } from '../../kb/record';
import type { DocumentSummary } from '../summary';
import type { ParsedFile, WorkspaceIndex } from '../workspaceIndex';
import type { FromWorker, ToWorker } from './protocol';

/**
 * Initial indexing off the main thread: workers read and parse their share of the files (phase 1); the index takes
 * in what they declare and builds the knowledge base; the workers then analyse their files against it
 * (phase 2) and send summaries back. The main thread never holds a parse or a mention of a closed document.
 */

export interface ParallelLoadOptions {
  workers: number;
  /** Keep information-level diagnostics in summaries (the CLI prints them; the server shows them only when open). */
  keepInformation: boolean;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Heap limits per worker (defaults: Node's, with a larger young generation). */
  resourceLimits?: ResourceLimits;
}

/** Fewer documents than this are read on the main thread: starting workers costs ~100 ms. */
export const PARALLEL_THRESHOLD = 400;

/** Workers to use for `files` on this machine: 0 means "do it on the main thread". POLICY_LENS_WORKERS overrides. */
export function workerCount(files: number): number {
  const forced = process.env.POLICY_LENS_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (files < PARALLEL_THRESHOLD || !workerScript()) return 0;
  // One core stays with the main thread (requests, progress, merging results). On the 2-vCPU benchmark machine a
  // second worker made each run half as fast (the vCPUs do not scale for this allocation-heavy work), so more
  // workers only pay where there are more cores.
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores - 1, 4);
}

/** The worker's script: next to the bundle (server/out/analysisWorker.js), or the source under tsx. */
export function workerScript(): string | undefined {
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  if (!here) return undefined;
  return [join(here, 'analysisWorker.js'), join(here, 'analysisWorker.ts')].find((p) => existsSync(p));
}

class AnalysisWorker {
  private readonly worker: Worker;
  private onMessage: (m: FromWorker) => void = () => undefined;
  private failure: ((e: Error) => void) | undefined;

  constructor(script: string, limits?: ResourceLimits) {
    // A larger young generation: analysis allocates many short-lived objects, and the default semi-space makes
    // the scavenger run (and promote) far more often than needed.
    const resourceLimits = { maxYoungGenerationSizeMb: 64, ...limits };
    // From sources (tests under tsx) the worker compiles TypeScript as its parent does; a worker ignores --import.
    this.worker = script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, resourceLimits })
      : new Worker(script, { resourceLimits });
    this.worker.on('message', (m: FromWorker) => (m.type === 'error' ? this.failure?.(new Error(m.message)) : this.onMessage(m)));
    this.worker.on('error', (e) => this.failure?.(e));
    this.worker.on('exit', (code) => this.failure?.(new Error(`analysis worker exited with code ${code}`)));
  }

  /** Sends a request and feeds every reply to `each` until the worker says it is done. */
  run(request: ToWorker, each: (m: FromWorker) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.failure = reject;
      this.onMessage = (m) => (m.type === 'done' ? resolve() : each(m));
      this.worker.postMessage(request);
    });
  }

  terminate(): void {
    this.failure = undefined;
    void this.worker.terminate();
  }
}

/**
 * Loads `files` into `index` with workers. Returns the files that could not be read, or undefined when cancelled.
 * Throws when a worker fails (the caller then loads on the main thread).
 */
export async function loadInWorkers(
  index: WorkspaceIndex,
  files: { path: string; uri: string; kind: 'document' | 'kb' }[],
  builtin: LoadedRecord[],
  options: ParallelLoadOptions,
): Promise<{ unreadable: { uri: string; reason: string }[] } | undefined> {
  const script = workerScript();
  if (!script) throw new Error('analysis worker script not found');
  const workers = Array.from({ length: Math.max(1, options.workers) }, () => new AnalysisWorker(script, options.resourceLimits));
  try {
    // Round robin: neighbours in a folder tend to be alike, so every worker gets a similar mix.
    const shares = workers.map((_, w) => files.filter((_, i) => i % workers.length === w));
    const parsed: ParsedFile[] = [];
    const unreadable: { uri: string; reason: string }[] = [];
    let done = 0;
    const total = files.length * 2;
    await Promise.all(
      workers.map((worker, w) =>
        worker.run({ type: 'parse', files: shares[w], builtin }, (m) => {
          if (m.type !== 'parsed') return;
          parsed.push(...m.files);
          unreadable.push(...m.unreadable);
          done += m.files.length + m.unreadable.length;
          options.onProgress?.(done, total);
        }),
      ),
    );
    if (options.isCancelled?.()) return undefined;
    // The same order as a load on the main thread: "last definition wins" must not depend on the workers.
    parsed.sort((a, b) => (a.uri < b.uri ? -1 : 1));
    index.setParsed(parsed);
    const { builtin: included, ...rest } = index.identitySnapshot();
    const snapshot = { ...rest, builtin: [] };
    const withBuiltin = included.length > 0;
    const summaries: DocumentSummary[] = [];
    await Promise.all(
      workers.map((worker) =>
        worker.run({ type: 'analyse', snapshot, withBuiltin, keepInformation: options.keepInformation }, (m) => {
          if (m.type !== 'summaries') return;
          summaries.push(...m.summaries);
          done += m.summaries.length + m.failures.length;
          options.onProgress?.(Math.min(done, total), total);
        }),
      ),
    );
    if (options.isCancelled?.()) return undefined;
    // Files whose analysis failed get no summary: the index analyses them on demand and reports the failure then.
    index.setSummaries(summaries);
    return { unreadable };
  } finally {
    for (const w of workers) w.terminate();
  }
}
