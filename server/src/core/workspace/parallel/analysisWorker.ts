import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { KnowledgeBase } from '../../kb/knowledgeBase';
import type { LoadedRecord } from '../../kb/record';
import { lexiconFor } from '../../recognition/lexicon';
import { MAX_FILE_BYTES, TOO_LARGE } from '../readText';
import { createRuleContext, type DeclaringDocument } from '../ruleContext';
import { analyseSource, readSource, type ParsedSource } from '../sourceAnalysis';
import { summarize, type DocumentSummary } from '../summary';
import type { ParsedFile } from '../workspaceIndex';
import type { AnalyseRequest, FromWorker, ParseRequest, ToWorker } from './protocol';

/**
 * An analysis worker: parses its share of the workspace (phase 1), then analyses it against the workspace's
 * identity as the main thread assembled it (phase 2), sending summaries back. Holds its parses in between.
 */

/** Files per message: large enough to amortise messaging, small enough to keep the main thread's turns short. */
const BATCH = 64;
/** Bytes a batch buffer starts with (it grows for a larger file); a batch is sent past half of it. */
const BATCH_BYTES = 1024 * 1024;
const EMPTY = new Uint8Array(0);

const parsed = new Map<string, ParsedSource & { uri: string; text: string; kind: 'document' | 'kb' }>();
let builtin: LoadedRecord[] = [];
let prepared: KnowledgeBase | undefined;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

function parsePhase(request: ParseRequest): void {
  let batch = new Batch();
  for (const { path, uri, kind } of request.files) {
    const read = batch.read(path);
    if ('error' in read) {
      batch.unreadable.push({ uri, reason: read.error });
    } else {
      const text = read.bytes.toString('utf8');
      const bytes = EMPTY; // replaced by a view of the batch's buffer when it is sent
      try {
        const source = readSource(uri, kind, text);
        parsed.set(uri, { ...source, uri, text, kind });
        batch.files.push({ uri, bytes, kind, records: source.records, kbProblems: source.kbProblems, docId: source.docId, title: source.title });
      } catch (e) {
        batch.files.push({ uri, bytes, kind, records: [], kbProblems: [], docId: undefined, title: undefined, failure: String((e as Error)?.stack ?? e) });
      }
    }
    if (batch.full()) {
      batch.send();
      batch = new Batch();
    }
  }
  batch.send();
  post({ type: 'done' });
  builtin = request.builtin;
  // While the main thread merges what every worker parsed, build the knowledge base most workspaces end up with
  // (the built-in records alone) and its matcher; phase 2 uses it when the snapshot adds no records.
  setImmediate(() => {
    if (!prepared) lexiconFor((prepared = new KnowledgeBase(builtin)));
  });
}

/**
 * Parsed files on their way to the main thread. Files are read straight into one buffer per batch, which is
 * transferred, not copied: thousands of small ArrayBuffers would each count as external memory and make the main
 * thread collect garbage far more often.
 */
class Batch {
  files: ParsedFile[] = [];
  unreadable: { uri: string; reason: string }[] = [];
  private data = Buffer.allocUnsafe(BATCH_BYTES);
  private size = 0;
  /** Offset and length of each file in `files`, in order. */
  private readonly placed: [number, number][] = [];

  /** Reads a file to the end of the batch: its bytes (valid until the batch is sent), or why it could not be read. */
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
      this.placed.push([this.size, length]);
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
    return this.files.length + this.unreadable.length >= BATCH || this.size >= BATCH_BYTES / 2;
  }

  send(): void {
    // Buffers this large are never slices of Node's shared pool: the whole ArrayBuffer is ours to transfer.
    const buffer = this.data.buffer as ArrayBuffer;
    this.files.forEach((file, k) => (file.bytes = new Uint8Array(buffer, this.data.byteOffset + this.placed[k][0], this.placed[k][1])));
    post({ type: 'parsed', files: this.files, unreadable: this.unreadable }, [buffer]);
  }
}

function analysePhase({ snapshot, keepInformation, withBuiltin }: AnalyseRequest): void {
  const kb =
    withBuiltin && snapshot.records.length === 0
      ? (prepared ??= new KnowledgeBase(builtin))
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
  let summaries: DocumentSummary[] = [];
  let failures: { uri: string; message: string }[] = [];
  for (const source of parsed.values()) {
    try {
      const file = { ...source, version: 0, records: recordsOf.get(source.uri) ?? [] };
      summaries.push(summarize(analyseSource(file, source.parsed, kb, context), keepInformation));
    } catch (e) {
      failures.push({ uri: source.uri, message: String((e as Error)?.stack ?? e) });
    }
    if (summaries.length + failures.length >= BATCH) {
      post({ type: 'summaries', summaries, failures });
      summaries = [];
      failures = [];
    }
  }
  parsed.clear();
  post({ type: 'summaries', summaries, failures });
  post({ type: 'done' });
}

parentPort?.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'parse') parsePhase(message);
    else analysePhase(message);
  } catch (e) {
    post({ type: 'error', message: String((e as Error)?.stack ?? e) });
  }
});
