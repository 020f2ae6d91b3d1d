import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { LoadedRecord } from '../../kb/record';
import type { WorkspaceIndex } from '../workspaceIndex';
import { snapshotOf } from './snapshot';
import type { SummaryTable } from './summaryBatch';
import type { AnalysedFile, FileToLoad, FromWorker, IdentifiedFile, ToWorker } from './protocol';

/**
 * Initial indexing off the main thread. Workers read their share of the files and report what each declares
 * (phase 1); the pool assembles the workspace's identity from that (records, declared ids) and the workers analyse
 * their files against it (phase 2), sending back summaries and the files' bytes batch by batch, which the index
 * installs as they come. The main thread never parses or analyses a closed document.
 */

export interface ParallelLoadOptions {
  workers: number;
  /** Keep information-level diagnostics in summaries (the CLI prints them; the server shows them only when open). */
  keepInformation: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Told of every batch of files installed with their summaries (the server publishes their diagnostics). */
  onAnalysed?: (uris: string[], index: WorkspaceIndex) => void;
  /** Told when every file's identity is known and the analysis starts (for timings). */
  onIdentified?: () => void;
  isCancelled?: () => boolean;
  /** Heap limits per worker (defaults: Node's, with a larger young generation). */
  resourceLimits?: ResourceLimits;
  /** Bytes of files each worker may hold between its two phases (default: fileReader.ts's ARENA_BUDGET). */
  arenaBytes?: number;
  /** `builtin` is loadBuiltinKb()'s own list: workers prestarted with 'default' have prepared it already. */
  builtinIsDefault?: boolean;
}

/** Fewer documents than this are read on the main thread: starting workers costs ~100 ms. */
export const PARALLEL_THRESHOLD = 400;

/** Workers to use for `files` on this machine: 0 means "do it on the main thread". POLICY_LENS_WORKERS overrides. */
export function workerCount(files: number): number {
  const forced = process.env.POLICY_LENS_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (files < PARALLEL_THRESHOLD || !workerScript()) return 0;
  return defaultWorkers();
}

function defaultWorkers(): number {
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
  /** A failure before anyone waited for an answer (while preparing): reported to the next `run`. */
  private early: Error | undefined;

  constructor(script: string, limits?: ResourceLimits) {
    // A larger young generation: analysis allocates many short-lived objects, and the default semi-space makes
    // the scavenger run (and promote) far more often than needed.
    const resourceLimits = { maxYoungGenerationSizeMb: 64, ...limits };
    // From sources (tests under tsx) the worker compiles TypeScript as its parent does; a worker ignores --import.
    this.worker = script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, resourceLimits })
      : new Worker(script, { resourceLimits });
    const fail = (e: Error) => (this.failure ? this.failure(e) : (this.early ??= e));
    this.worker.on('message', (m: FromWorker) => (m.type === 'error' ? fail(new Error(m.message)) : this.onMessage(m)));
    this.worker.on('error', (e) => fail(e));
    this.worker.on('exit', (code) => fail(new Error(`analysis worker exited with code ${code}`)));
    // A worker waiting for work (prestarted) must not keep a process alive; one with work to do must.
    this.worker.unref();
  }

  send(request: ToWorker): void {
    this.worker.postMessage(request);
  }

  /** Sends a request and feeds every reply to `each` until the worker says it is done. */
  run(request: ToWorker, each: (m: FromWorker) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.early) return reject(this.early);
      this.worker.ref();
      this.failure = (e) => {
        this.worker.unref();
        reject(e);
      };
      this.onMessage = (m) => {
        if (m.type !== 'done') return each(m);
        this.worker.unref();
        resolve();
      };
      this.worker.postMessage(request);
    });
  }

  terminate(): void {
    this.failure = undefined;
    this.early = undefined;
    void this.worker.terminate();
  }
}

/** Workers started ahead of the first load, already preparing the built-in knowledge base. */
let prestarted: { workers: AnalysisWorker[]; builtin: LoadedRecord[] | 'default'; limits?: ResourceLimits } | undefined;

/**
 * Starts the workers before the workspace is known (the server does as its very first step), so that loading
 * their code and building the built-in knowledge base overlap with the server's own start, the handshake and file
 * discovery. `default`: they load the built-in records themselves (loadBuiltinKb). A load that needs no workers
 * lets them go (`releaseWorkers`).
 */
export function prestartWorkers(builtin: LoadedRecord[] | 'default', count = workerCount(Number.MAX_SAFE_INTEGER), limits?: ResourceLimits): void {
  releaseWorkers();
  const script = workerScript();
  if (!script || count <= 0) return;
  try {
    const workers = Array.from({ length: count }, () => new AnalysisWorker(script, limits));
    for (const w of workers) w.send({ type: 'prepare', builtin });
    prestarted = { workers, builtin, limits };
  } catch {
    prestarted = undefined; // the load starts its own (or runs on one thread)
  }
}

/** Stops workers started ahead that no load took. */
export function releaseWorkers(): void {
  for (const w of prestarted?.workers ?? []) w.terminate();
  prestarted = undefined;
}

/** `count` workers with the built-in knowledge base prepared: the prestarted ones when they fit, else new ones. */
function takeWorkers(script: string, count: number, builtin: LoadedRecord[], builtinIsDefault: boolean, limits?: ResourceLimits): AnalysisWorker[] {
  const ready = prestarted;
  prestarted = undefined;
  const workers = ready && ready.limits === limits ? ready.workers.splice(0, count) : [];
  for (const w of ready?.workers ?? []) w.terminate();
  const fresh = Array.from({ length: count - workers.length }, () => new AnalysisWorker(script, limits));
  const same = ready !== undefined && (ready.builtin === builtin || (ready.builtin === 'default' && builtinIsDefault));
  for (const w of same ? fresh : [...workers, ...fresh]) w.send({ type: 'prepare', builtin });
  return [...workers, ...fresh];
}

/**
 * Loads `files` into `index` with workers (their uris must be pathToUri's: the workers compute them again).
 * Returns the files that could not be read, or undefined when cancelled. Throws when a worker fails (the caller
 * then loads on the main thread).
 */
export async function loadInWorkers(
  index: WorkspaceIndex,
  files: FileToLoad[],
  builtin: LoadedRecord[],
  options: ParallelLoadOptions,
): Promise<{ unreadable: { uri: string; reason: string }[] } | undefined> {
  const script = workerScript();
  if (!script) throw new Error('analysis worker script not found');
  const workers = takeWorkers(script, Math.max(1, options.workers), builtin, !!options.builtinIsDefault, options.resourceLimits);
  try {
    // Round robin: neighbours in a folder tend to be alike, so every worker gets a similar mix.
    const shares = workers.map((_, w) => files.filter((_, i) => i % workers.length === w));
    const request = (share: FileToLoad[]): ToWorker => ({
      type: 'identify',
      paths: share.map((f) => f.path),
      kb: Uint8Array.from(share, (f) => (f.kind === 'kb' ? 1 : 0)),
      arenaBytes: options.arenaBytes,
    });
    const identified: IdentifiedFile[] = [];
    const unreadable: { uri: string; reason: string }[] = [];
    let done = 0;
    const total = files.length * 2;
    await Promise.all(
      workers.map((worker, w) =>
        worker.run(request(shares[w]), (m) => {
          if (m.type !== 'identified') return;
          for (const f of m.files) identified.push(f);
          for (const u of m.unreadable) unreadable.push(u);
          done += m.files.length + m.unreadable.length;
          options.onProgress?.(done, total);
        }),
      ),
    );
    if (options.isCancelled?.()) return undefined;
    options.onIdentified?.();
    // The same order as a load on the main thread: "last definition wins" must not depend on the workers.
    identified.sort((a, b) => (a.uri < b.uri ? -1 : 1));
    const { builtin: included, ...rest } = snapshotOf(index.configuration, builtin, identified);
    const snapshot = { ...rest, builtin: [] };
    // Batches arrive in later turns of the event loop, after setIdentified below.
    const install = (batch: AnalysedFile[], table: SummaryTable) => {
      index.installAnalysed(batch, table);
      done += batch.length;
      options.onProgress?.(Math.min(done, total), total);
      const gone = batch.filter((f) => f.unreadable !== undefined);
      for (const f of gone) {
        unreadable.push({ uri: f.uri, reason: f.unreadable! });
        index.remove(f.uri);
      }
      options.onAnalysed?.(batch.filter((f) => f.unreadable === undefined).map((f) => f.uri), index);
    };
    const analysed = Promise.all(
      workers.map((worker) =>
        worker.run({ type: 'analyse', snapshot, withBuiltin: included.length > 0, keepInformation: options.keepInformation }, (m) => {
          if (m.type !== 'analysed') return;
          install(m.files, m.table);
        }),
      ),
    );
    // While the workers analyse: the index takes in every file's identity (its knowledge base is the snapshot's).
    index.setIdentified(identified);
    await analysed;
    if (options.isCancelled?.()) return undefined;
    return { unreadable };
  } finally {
    for (const w of workers) w.terminate();
  }
}
