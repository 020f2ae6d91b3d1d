import { parentPort } from 'node:worker_threads';
import { loadBuiltinKb } from '../../kb/builtin';
import { KnowledgeBase } from '../../kb/knowledgeBase';
import type { LoadedRecord } from '../../kb/record';
import { lexiconFor } from '../../recognition/lexicon';
import { documentIdentity, identityFromHead, type FileIdentity } from '../fileIdentity';
import { createRuleContext, type DeclaringDocument } from '../ruleContext';
import { analyseSource, readSource } from '../sourceAnalysis';
import { FileArena, FileReader } from './fileReader';
import type { AnalyseRequest, AnalysedFile, FileToLoad, FromWorker, IdentifiedFile, IdentifyRequest, ToWorker } from './protocol';
import { SummaryPacker } from './summaryBatch';
import { pathToUri } from '../uri';

/**
 * An analysis worker. Phase 1 reads each file of its share and reports what it declares (decoding and parsing
 * only the front-matter of the few that may declare an id), keeping the bytes (up to a budget, see FileArena);
 * phase 2, once the index knows every file's identity, analyses each file and sends back its summary. No parse is
 * held between files and nothing but summaries leaves the worker, so memory stays small: on the benchmark machine
 * every newly touched megabyte costs milliseconds.
 */

/** Files per message: large enough to amortise messaging, small enough to keep the main thread's turns short. */
const BATCH = 64;
/** Bytes of a file's head read in phase 1: most documents are whole in it, and any front-matter is. */
const HEAD_BYTES = 16 * 1024;

let builtin: LoadedRecord[] = [];
/** The knowledge base of the built-in records alone, and its matcher: what most workspaces analyse against. */
let prepared: KnowledgeBase | undefined;
/** The files phase 1 identified, for phase 2, with their bytes where the arena kept them. */
let share: (FileToLoad & { bytes?: Buffer })[] = [];
let arena = new FileArena();
const reader = new FileReader();

function post(message: FromWorker): void {
  parentPort!.postMessage(message, message.type === 'analysed' ? [message.table.numbers.buffer as ArrayBuffer] : []);
}

function prepare(records: LoadedRecord[] | 'default'): void {
  builtin = records === 'default' ? loadBuiltinKb() : records;
  prepared = new KnowledgeBase(builtin);
  lexiconFor(prepared);
}

/** What a file declares, its size, and its bytes when the arena keeps them. */
function identityOf(file: FileToLoad): (FileIdentity & { size: number; bytes?: Buffer }) | { error: string } {
  const kept = arena.read(file.path);
  if (kept && 'error' in kept) return kept;
  if (!kept && file.kind === 'document') {
    // Over the arena's budget: the head tells most documents' identity; the file is read again in phase 2.
    const head = reader.head(file.path, HEAD_BYTES);
    if ('error' in head) return head;
    const identity = identityFromHead(file.uri, head.bytes, head.whole);
    if (identity) return { ...identity, size: head.size };
  }
  const all = kept ?? reader.all(file.path);
  if ('error' in all) return all;
  const identity = file.kind === 'kb' ? readSource(file.uri, 'kb', all.bytes.toString('utf8')) : documentIdentity(file.uri, all.bytes);
  return { ...identity, size: all.bytes.length, bytes: kept?.bytes };
}

function identify({ paths, kb: isKb, arenaBytes }: IdentifyRequest): void {
  share = [];
  arena = new FileArena(arenaBytes);
  let identified: IdentifiedFile[] = [];
  let unreadable: { uri: string; reason: string }[] = [];
  for (let i = 0; i < paths.length; i++) {
    const file: FileToLoad = { path: paths[i], uri: pathToUri(paths[i]), kind: isKb[i] ? 'kb' : 'document' };
    const { uri, kind } = file;
    try {
      const read = identityOf(file);
      if ('error' in read) {
        unreadable.push({ uri, reason: read.error });
        continue;
      }
      const { records, kbProblems, docId, title, size, bytes } = read;
      identified.push({ uri, kind, size, records, kbProblems, docId, title });
      share.push({ ...file, bytes });
    } catch (e) {
      identified.push({ uri, kind, size: 0, records: [], kbProblems: [], docId: undefined, title: undefined, failure: String((e as Error)?.stack ?? e) });
    }
    if (identified.length + unreadable.length >= BATCH) {
      post({ type: 'identified', files: identified, unreadable });
      identified = [];
      unreadable = [];
    }
  }
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
  let out: AnalysedFile[] = [];
  for (const { path, uri, kind, bytes } of share) {
    try {
      const read = bytes ? { bytes } : reader.all(path);
      if ('error' in read) {
        out.push({ uri, unreadable: read.error });
      } else {
        const text = read.bytes.toString('utf8');
        const source = readSource(uri, kind, text);
        const file = { ...source, uri, text, kind, version: 0, records: recordsOf.get(uri) ?? [] };
        out.push({ uri, summary: packer.pack(analyseSource(file, source.parsed, kb, context), keepInformation) });
      }
    } catch (e) {
      out.push({ uri, failure: String((e as Error)?.stack ?? e) });
    }
    if (out.length >= BATCH) {
      post({ type: 'analysed', files: out, table: packer.take() });
      out = [];
    }
  }
  post({ type: 'analysed', files: out, table: packer.take() });
  share = [];
  arena = new FileArena();
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
