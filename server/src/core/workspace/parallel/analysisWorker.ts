import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { KnowledgeBase } from '../../kb/knowledgeBase';
import type { LoadedRecord } from '../../kb/record';
import { lexiconFor } from '../../recognition/lexicon';
import { documentIdentity } from '../fileIdentity';
import { MAX_FILE_BYTES, TOO_LARGE } from '../readText';
import { createRuleContext, type DeclaringDocument } from '../ruleContext';
import { analyseSource, readSource } from '../sourceAnalysis';
import { summarize } from '../summary';
import { SummaryPacker } from './summaryBatch';
import type { AnalyseRequest, AnalysedFile, FromWorker, IdentifiedFile, IdentifyRequest, ToWorker } from './protocol';

/**
 * An analysis worker. Phase 1 reads its share of the workspace into a few large buffers and reports what each
 * file declares, decoding little more than front-matter; phase 2, once the index knows every file's identity,
 * decodes and analyses each file and sends back its summary with the buffer its bytes are in. Reading a file once
 * and never holding a parse between the phases keeps the worker's heap small: on the benchmark machine every
 * newly touched megabyte costs milliseconds.
 */

/** Files per message: large enough to amortise messaging, small enough to keep the main thread's turns short. */
const BATCH = 64;
/** Bytes a batch buffer starts with (it grows for a larger file); a batch is closed past half of it. */
const BATCH_BYTES = 1024 * 1024;

let builtin: LoadedRecord[] = [];
/** The knowledge base of the built-in records alone, and its matcher: what most workspaces analyse against. */
let prepared: KnowledgeBase | undefined;
/** What phase 1 read, batch by batch, for phase 2. */
let batches: Batch[] = [];

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

function prepare(records: LoadedRecord[]): void {
  builtin = records;
  prepared = new KnowledgeBase(builtin);
  lexiconFor(prepared);
}

/** Files read straight into one buffer, transferred (not copied) to the main thread with their summaries. */
class Batch {
  readonly files: { uri: string; kind: 'document' | 'kb'; start: number; length: number; failed: boolean }[] = [];
  data = Buffer.allocUnsafe(BATCH_BYTES);
  size = 0;

  /** Reads a file to the end of the batch: its bytes (valid while the batch is held), or why it could not be read. */
  read(path: string): { bytes: Buffer } | { error: string } {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) return { error: TOO_LARGE };
      this.reserve(size + 1);
      // Read to the end, not to the size fstat gave: the file may be growing.
      let length = 0;
      for (;;) {
        if (this.size + length === this.data.length) this.reserve(length + 64 * 1024);
        const n = readSync(fd, this.data, this.size + length, this.data.length - this.size - length, null);
        if (n === 0) break;
        length += n;
        if (length > MAX_FILE_BYTES) return { error: TOO_LARGE };
      }
      this.size += length;
      return { bytes: this.data.subarray(this.size - length, this.size) };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Room for `more` bytes after what the batch holds. */
  private reserve(more: number): void {
    if (this.size + more <= this.data.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.data.length * 2, this.size + more));
    this.data.copy(bigger, 0, 0, this.size);
    this.data = bigger;
  }

  full(): boolean {
    return this.files.length >= BATCH || this.size >= BATCH_BYTES / 2;
  }
}

function identify({ files }: IdentifyRequest): void {
  batches = [];
  let batch = new Batch();
  let identified: IdentifiedFile[] = [];
  let unreadable: { uri: string; reason: string }[] = [];
  for (const { path, uri, kind } of files) {
    const read = batch.read(path);
    if ('error' in read) {
      unreadable.push({ uri, reason: read.error });
      continue;
    }
    const { bytes } = read;
    batch.files.push({ uri, kind, start: bytes.byteOffset - batch.data.byteOffset, length: bytes.length, failed: false });
    try {
      const identity = kind === 'kb' ? readSource(uri, kind, bytes.toString('utf8')) : documentIdentity(uri, bytes);
      const { records, kbProblems, docId, title } = identity;
      identified.push({ uri, kind, size: bytes.length, records, kbProblems, docId, title });
    } catch (e) {
      batch.files[batch.files.length - 1].failed = true;
      identified.push({ uri, kind, size: bytes.length, records: [], kbProblems: [], docId: undefined, title: undefined, failure: String((e as Error)?.stack ?? e) });
    }
    if (batch.full()) {
      batches.push(batch);
      batch = new Batch();
      post({ type: 'identified', files: identified, unreadable });
      identified = [];
      unreadable = [];
    }
  }
  if (batch.files.length) batches.push(batch);
  post({ type: 'identified', files: identified, unreadable });
  post({ type: 'done' });
}

function analyse({ snapshot, keepInformation, withBuiltin }: AnalyseRequest): void {
  const kb =
    withBuiltin && snapshot.records.length === 0 && prepared
      ? prepared
      : new KnowledgeBase([...(withBuiltin ? builtin : []), ...snapshot.records]);
  const declared = new Map<string, DeclaringDocument[]>(snapshot.declared);
  const context = createRuleContext({
    config: () => snapshot.config,
    kb: () => kb,
    declaring: (id) => declared.get(id) ?? [],
    declaredIds: () => declared.keys(),
  });
  // The knowledge base compares record origins by identity: a file's records must be the snapshot's objects.
  const recordsOf = new Map<string, LoadedRecord[]>();
  for (const r of snapshot.records) {
    const list = recordsOf.get(r.origin.uri);
    if (list) list.push(r);
    else recordsOf.set(r.origin.uri, [r]);
  }
  const packer = new SummaryPacker();
  for (const batch of batches) {
    // Buffers this large are never slices of Node's shared pool: the whole ArrayBuffer is ours to transfer.
    const buffer = batch.data.buffer as ArrayBuffer;
    const out: AnalysedFile[] = [];
    for (const { uri, kind, start, length, failed } of batch.files) {
      const bytes = new Uint8Array(buffer, batch.data.byteOffset + start, length);
      if (failed) {
        out.push({ uri, bytes });
        continue;
      }
      try {
        const text = batch.data.toString('utf8', start, start + length);
        const source = readSource(uri, kind, text);
        const file = { ...source, uri, text, kind, version: 0, records: recordsOf.get(uri) ?? [] };
        out.push({ uri, bytes, summary: packer.pack(summarize(analyseSource(file, source.parsed, kb, context), keepInformation)) });
      } catch (e) {
        out.push({ uri, bytes, failure: String((e as Error)?.stack ?? e) });
      }
    }
    const table = packer.take();
    post({ type: 'analysed', files: out, table }, [buffer, table.numbers.buffer as ArrayBuffer]);
  }
  batches = [];
  post({ type: 'done' });
}

parentPort?.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'prepare') prepare(message.builtin);
    else if (message.type === 'identify') identify(message);
    else analyse(message);
  } catch (e) {
    post({ type: 'error', message: String((e as Error)?.stack ?? e) });
  }
});
