/**
 * Our language server over stdio (server/out/server.js): cold index, throughput, RSS, hover/definition/references
 * latency, didChange → diagnostics on a 100 KB document, and how long a 5 MB document blocks other requests.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess, type Published } from './lib/lsp';
import { latency, median, type Latency } from './lib/stats';
import { Random } from './lib/random';
import { REPO } from './lib/core';
import type { CorpusManifest, ExtraDoc, SampledMention } from './generate';
import type { AnswerRecorder } from './referencesFloor';

/** The bundled server; POLICY_LENS_SERVER points the bench at another build (a branch, a profiling build). */
export const SERVER = process.env.POLICY_LENS_SERVER ?? join(REPO, 'server', 'out', 'server.js');

export interface RequestLatency extends Latency {
  /** Answers that were not empty (null or []): a fast empty answer is not a result. */
  nonEmpty: number;
  errors: number;
  /** Server CPU time per request (phase total / n): what a request costs, whatever else runs on the machine. */
  cpuPerRequestMs?: number;
  /** Mean and largest number of items in array answers (locations): references' cost grows with them. */
  meanItems?: number;
  maxItems?: number;
  /**
   * The largest answer's JSON size, and what decoding it costs in this client alone (bytes → string → JSON.parse,
   * as vscode-jsonrpc does; best of 5): a floor under that answer's latency, whatever the server does.
   */
  largestDecode?: { bytes: number; ms: number };
}

function decodeFloor(answer: unknown[]): RequestLatency['largestDecode'] {
  if (answer.length === 0) return undefined;
  const bytes = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, result: answer }), 'utf8');
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    JSON.parse(bytes.toString('utf8'));
    best = Math.min(best, performance.now() - t);
  }
  return { bytes: bytes.length, ms: best };
}

export interface OursResult {
  documents: number;
  bytes: number;
  initializeMs?: number;
  readyMs?: number;
  /** When the last corpus document got its first diagnostics. */
  allPublishedMs?: number;
  coldMs?: number;
  /** CPU time of the server process at the end of the cold index (all threads). */
  coldCpuMs?: number;
  published: number;
  indexStates: string[];
  /** Publications, diagnostics and estimated JSON megabytes sent during the cold index. */
  coldPublications?: { messages: number; diagnostics: number; mb: number };
  /** Documents the server reported in its first `ready` state. */
  readyDocuments?: number;
  rss?: { rssMb: number; peakMb: number };
  hover?: RequestLatency;
  definition?: RequestLatency;
  references?: RequestLatency;
  didChange?: { samples: number[]; p50: number; max: number; missed: number; cpuPerEditMs?: number };
  huge?: { bytes: number; diagnosticsMs?: number; analysedMs?: number; cpuMs?: number; hovers: number; maxHoverMs: number; p50HoverMs: number; firstAnswerMs: number };
  hugeHover?: RequestLatency;
  crashed: boolean;
  notes: string[];
  /** The server's own account of the cold index (its "Indexed …" log line: phases and their times). */
  indexLog?: string;
  /** Its log line when its reference lists were built after the cold index, and the memory then. */
  warmLog?: string;
  rssWarm?: { rssMb: number; peakMb: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, sleep(ms).then(() => undefined)]);
}

function isEmpty(result: unknown): boolean {
  return result == null || (Array.isArray(result) && result.length === 0);
}

export interface OursOptions {
  root: string;
  manifest: CorpusManifest;
  extras: { large: ExtraDoc; huge: ExtraDoc };
  mentions: number;
  coldTimeoutMs: number;
  log: (s: string) => void;
  /** Extra Node flags for the server process (--cpu-prof). */
  serverArgs?: string[];
  /** Stop after the cold index (a profile of indexing alone). */
  coldOnly?: boolean;
  /** Extra environment for the server process (POLICY_LENS_WORKERS for the comparison run). */
  env?: Record<string, string>;
  /** Keeps the references answers, for the floor replayed from them (referencesFloor.ts). */
  recordReferences?: AnswerRecorder;
}

export async function measureOurs(o: OursOptions): Promise<OursResult> {
  const { root, manifest, log } = o;
  const rootUri = pathToFileURL(root).toString();
  const res: OursResult = { documents: manifest.documents, bytes: manifest.bytes, published: 0, indexStates: [], crashed: false, notes: [] };
  if (!existsSync(SERVER)) {
    res.notes.push(`server not built (${SERVER} missing): run npm run build`);
    return res;
  }
  const t0 = performance.now();
  const server = LspProcess.start(process.execPath, [...(o.serverArgs ?? []), SERVER, '--stdio'], REPO, o.env);
  let readyAt: number | undefined;
  server.conn.onNotification('policyLens/indexState', (p: { state: string; documents?: number }) => {
    res.indexStates.push(`${p.state}${p.documents !== undefined ? `(${p.documents})` : ''}`);
    if (p.state === 'ready' && readyAt === undefined) {
      readyAt = performance.now();
      res.readyDocuments = p.documents;
    }
  });
  // Corpus documents only (the server also publishes for `.policylens.yaml` at the root, even when absent).
  const inCorpus = (uri: string) => uri.startsWith(rootUri + '/') && uri.endsWith('.md');
  try {
    const init = await withTimeout(Promise.race([server.initialize(rootUri), server.exited.then(() => undefined)]), 30_000);
    if (!init) throw new Error(server.alive ? 'no answer to initialize within 30 s' : 'server exited before answering initialize');
    res.initializeMs = performance.now() - t0;
    const sync = init.capabilities.textDocumentSync as number | { change?: number } | undefined;
    const syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
    server.conn.sendNotification('initialized', {});

    // Cold index: every corpus document's diagnostics published and the server saying it is ready. Counted as
    // they arrive (not by polling the map: the client must not steal CPU from the server on a 2-core machine).
    const seen = new Set<string>();
    let lastAt: number | undefined;
    server.publishListeners.push((p) => {
      if (!inCorpus(p.uri) || seen.has(p.uri)) return;
      seen.add(p.uri);
      lastAt = p.at; // the first publication of the last document to get one
    });
    const deadline = t0 + o.coldTimeoutMs;
    let lastCount = -1;
    let lastGrowth = performance.now();
    for (;;) {
      const count = seen.size;
      if (count !== lastCount) [lastCount, lastGrowth] = [count, performance.now()];
      if (count >= manifest.documents && readyAt !== undefined) break;
      if (server.crashed) throw new Error('server exited during indexing');
      if (performance.now() > deadline) {
        res.notes.push(`cold index incomplete after ${o.coldTimeoutMs / 1000} s: ${count}/${manifest.documents} published, ready ${readyAt !== undefined}`);
        break;
      }
      // Ready, and nothing more for a while: a server may publish nothing for a document without problems.
      if (readyAt !== undefined && performance.now() - lastGrowth > 1000) break;
      await sleep(20); // timestamps come from the events, so the polling period does not affect the figures
    }
    res.published = seen.size;
    res.readyMs = readyAt !== undefined ? readyAt - t0 : undefined;
    res.allPublishedMs = lastAt !== undefined ? lastAt - t0 : undefined;
    if (res.readyMs !== undefined || res.allPublishedMs !== undefined) res.coldMs = Math.max(res.readyMs ?? 0, res.allPublishedMs ?? 0);
    res.coldCpuMs = server.cpuMs();
    res.coldPublications = { messages: server.publications, diagnostics: server.diagnosticsReceived, mb: server.sampledBytes / 1e6 };
    res.rss = server.memory();
    log(`  cold index ${res.coldMs?.toFixed(0)} ms (ready ${res.readyMs?.toFixed(0)}, all published ${res.allPublishedMs?.toFixed(0)}), RSS ${res.rss?.rssMb.toFixed(0)} MB`);

    res.indexLog = server.log.find((m) => m.startsWith('Indexed '));
    if (o.coldOnly) return res;
    // After the cold index the server builds its reference and "mentioned in" lists in the background: memory
    // once that is done too (it says so in its log).
    const warmed = await withTimeout(server.logged((m) => m.startsWith('Reference and "mentioned in" lists ready')), 30_000);
    res.warmLog = warmed;
    res.rssWarm = server.memory();

    // Requests on 1,000 random mentions, each document open as in an editor (opened first, then queried).
    const rnd = new Random(0x1a7e);
    const pool = [...manifest.mentions];
    const picked: SampledMention[] = [];
    while (picked.length < o.mentions && pool.length) picked.push(pool.splice(rnd.int(0, pool.length - 1), 1)[0]);
    const uriOf = (file: string) => pathToFileURL(join(root, file)).toString();
    const opened = new Set<string>();
    const openWaits: Promise<unknown>[] = [];
    for (const m of picked) {
      const uri = uriOf(m.file);
      if (opened.has(uri)) continue;
      opened.add(uri);
      openWaits.push(withTimeout(server.nextDiagnostics((p) => p.uri === uri), 10_000));
      server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(join(root, m.file), 'utf8') } });
    }
    await Promise.all(openWaits);
    for (const method of ['hover', 'definition', 'references'] as const) {
      const times: number[] = [];
      let nonEmpty = 0;
      let errors = 0;
      const items: number[] = [];
      let largest: unknown[] = [];
      const cpu0 = server.cpuMs();
      for (const m of picked) {
        const params = {
          textDocument: { uri: uriOf(m.file) },
          position: { line: m.line, character: m.character },
          ...(method === 'references' ? { context: { includeDeclaration: true } } : {}),
        };
        try {
          const { ms, result } = await server.timed(`textDocument/${method}`, params);
          times.push(ms);
          if (method === 'references') o.recordReferences?.record(params, result);
          if (!isEmpty(result)) nonEmpty++;
          if (Array.isArray(result)) {
            items.push(result.length);
            if (result.length > largest.length) largest = result;
          }
        } catch {
          errors++;
          if (server.crashed) throw new Error(`server exited during ${method}`);
        }
      }
      const cpu1 = server.cpuMs();
      const cpuPerRequestMs = cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) / times.length : undefined;
      const meanItems = items.length ? items.reduce((a, b) => a + b, 0) / items.length : undefined;
      const maxItems = items.length ? Math.max(...items) : undefined;
      res[method] = { ...latency(times), nonEmpty, errors, cpuPerRequestMs, meanItems, maxItems, largestDecode: decodeFloor(largest) };
      log(`  ${method}: p50 ${res[method]!.p50.toFixed(2)} p95 ${res[method]!.p95.toFixed(2)} p99 ${res[method]!.p99.toFixed(2)} ms, ${nonEmpty}/${picked.length} non-empty`);
    }

    // didChange on a 100 KB document → its new diagnostics.
    res.didChange = await measureDidChange(server, o.extras.large, syncKind, log);

    // The 5 MB document: how long hovers on a small open document wait while it is analysed.
    const small = picked[0];
    if (small) {
      res.huge = await measureHuge(server, o.extras.huge, { uri: uriOf(small.file), line: small.line, character: small.character }, log);
      const hugeUri = pathToFileURL(o.extras.huge.file).toString();
      const times: number[] = [];
      let nonEmpty = 0;
      for (const m of o.extras.huge.mentions) {
        const { ms, result } = await server.timed('textDocument/hover', { textDocument: { uri: hugeUri }, position: { line: m.line, character: m.character } });
        times.push(ms);
        if (!isEmpty(result)) nonEmpty++;
      }
      res.hugeHover = { ...latency(times), nonEmpty, errors: 0 };
    }
  } catch (e) {
    res.notes.push((e as Error).message);
    log(`  error: ${(e as Error).message}`);
  } finally {
    res.crashed = server.crashed;
    if (res.crashed) res.notes.push(`server exited (code ${server.exitCode}, signal ${server.exitSignal}); stderr tail:\n${server.tail()}`);
    await server.dispose();
  }
  return res;
}

async function measureDidChange(server: LspProcess, doc: ExtraDoc, syncKind: number, log: (s: string) => void): Promise<OursResult['didChange']> {
  const uri = pathToFileURL(doc.file).toString();
  let text = readFileSync(doc.file, 'utf8');
  let version = 1;
  const first = server.nextDiagnostics((p) => p.uri === uri);
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  const samples: number[] = [];
  let missed = 0;
  if (!(await withTimeout(first, 10_000))) {
    log('  didChange: no diagnostics published for the opened 100 KB document within 10 s; not measurable');
    return { samples, p50: NaN, max: NaN, missed: 20 };
  }
  const lines = text.split('\n');
  const rnd = new Random(0xc4a9);
  const cpu0 = server.cpuMs();
  for (let i = 0; i < 20; i++) {
    // Typing a sentence that names a country into a body line (alternating with removing it again).
    const line = rnd.int(Math.floor(lines.length / 4), lines.length - 2);
    const insert = i % 2 === 0 ? ' 러시아와의 협의도 이어졌다.' : ' Talks with Japan continued.';
    const character = lines[line].length;
    lines[line] += insert;
    text = lines.join('\n');
    version++;
    const change =
      syncKind === 2 ? { range: { start: { line, character }, end: { line, character } }, text: insert } : { text };
    const t = performance.now();
    const wait = server.nextDiagnostics((p: Published) => p.uri === uri && (p.version === undefined || p.version === version));
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const got = await withTimeout(wait, 2000);
    if (got) samples.push(got.at - t);
    else if (++missed >= 3 && samples.length === 0) break; // the server does not re-publish: stop waiting
    await sleep(20);
  }
  const cpu1 = server.cpuMs();
  server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const cpuPerEditMs = cpu0 !== undefined && cpu1 !== undefined && samples.length ? (cpu1 - cpu0) / samples.length : undefined;
  const r = { samples, p50: median(samples), max: Math.max(...samples), missed, cpuPerEditMs };
  log(`  didChange 100 KB → diagnostics: p50 ${r.p50.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, ${missed} missed`);
  return r;
}

async function measureHuge(
  server: LspProcess,
  doc: ExtraDoc,
  probe: { uri: string; line: number; character: number },
  log: (s: string) => void,
): Promise<OursResult['huge']> {
  const uri = pathToFileURL(doc.file).toString();
  const text = readFileSync(doc.file, 'utf8');
  const hover = { textDocument: { uri: probe.uri }, position: { line: probe.line, character: probe.character } };
  await server.timed('textDocument/hover', hover); // warm
  let published = false;
  const cpu0 = server.cpuMs();
  const t = performance.now();
  const diagnostics = server.nextDiagnostics((p) => p.uri === uri).then((p) => {
    published = true;
    return p.at - t;
  });
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // A request on the big document itself is answered once it is analysed: the end of the blocking window even
  // when the server publishes no diagnostics for it.
  const m = doc.mentions[0];
  let analysedMs: number | undefined;
  if (m) {
    void server.timed('textDocument/hover', { textDocument: { uri }, position: { line: m.line, character: m.character } }).then(
      () => {
        analysedMs = performance.now() - t;
      },
      () => undefined,
    );
  }
  const times: number[] = [];
  let firstAnswerMs = NaN;
  const stop = t + 60_000;
  // Back-to-back hovers until the big document is analysed — its own hover answered and its diagnostics
  // published (or 3 s more without them: a server may publish none) — and for at least a second.
  const done = () =>
    analysedMs !== undefined && (published || performance.now() - t - analysedMs > 3000) && performance.now() - t >= 1000;
  while (!done() && performance.now() < stop) {
    const { ms } = await server.timed('textDocument/hover', hover);
    if (Number.isNaN(firstAnswerMs)) firstAnswerMs = performance.now() - t;
    times.push(ms);
  }
  const cpu1 = server.cpuMs();
  const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
  const diagnosticsMs = await withTimeout(diagnostics, 1);
  const r = { bytes: doc.bytes, diagnosticsMs, analysedMs, cpuMs, hovers: times.length, maxHoverMs: Math.max(...times), p50HoverMs: median(times), firstAnswerMs };
  log(`  5 MB open: diagnostics after ${diagnosticsMs?.toFixed(0) ?? 'n/a'} ms, hover in it answered after ${analysedMs?.toFixed(0) ?? 'n/a'} ms; ${times.length} hovers meanwhile, max ${r.maxHoverMs.toFixed(1)} ms, first answer ${firstAnswerMs.toFixed(1)} ms`);
  return r;
}
