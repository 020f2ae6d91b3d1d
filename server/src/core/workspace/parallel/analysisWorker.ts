import { parentPort } from 'node:worker_threads';
import { KnowledgeBase } from '../../kb/knowledgeBase';
import type { LoadedRecord } from '../../kb/record';
import { readFileSync } from 'node:fs';
import { MAX_FILE_BYTES } from '../readText';
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

const parsed = new Map<string, ParsedSource & { uri: string; text: string; kind: 'document' | 'kb' }>();

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

/** A file's bytes in an ArrayBuffer of their own (so it can be transferred), or why they could not be read. */
function readBytes(path: string): { bytes: Uint8Array } | { error: string } {
  try {
    const buf = readFileSync(path);
    if (buf.length > MAX_FILE_BYTES) return { error: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    // Small reads may share a pooled buffer: copy out (a memcpy), never transfer the pool.
    return { bytes: buf.byteOffset === 0 && buf.buffer.byteLength === buf.length ? buf : new Uint8Array(buf) };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

function parsePhase(request: ParseRequest): void {
  let files: ParsedFile[] = [];
  let unreadable: { uri: string; reason: string }[] = [];
  let transfer: ArrayBuffer[] = [];
  for (const { path, uri, kind } of request.files) {
    const read = readBytes(path);
    if ('error' in read) unreadable.push({ uri, reason: read.error });
    else {
      const { bytes } = read;
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
      transfer.push(bytes.buffer as ArrayBuffer);
      try {
        const source = readSource(uri, kind, text);
        parsed.set(uri, { ...source, uri, text, kind });
        files.push({ uri, bytes, kind, records: source.records, kbProblems: source.kbProblems, docId: source.docId, title: source.title });
      } catch (e) {
        files.push({ uri, bytes, kind, records: [], kbProblems: [], docId: undefined, title: undefined, failure: String((e as Error)?.stack ?? e) });
      }
    }
    if (files.length + unreadable.length >= BATCH) {
      post({ type: 'parsed', files, unreadable }, transfer);
      files = [];
      unreadable = [];
      transfer = [];
    }
  }
  post({ type: 'parsed', files, unreadable }, transfer);
  post({ type: 'done' });
}

function analysePhase({ snapshot, keepInformation }: AnalyseRequest): void {
  const kb = new KnowledgeBase([...snapshot.builtin, ...snapshot.records]);
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
