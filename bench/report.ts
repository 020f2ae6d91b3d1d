/** Turns the measurements into the targets table and bench/results.md. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './lib/core';
import type { CorpusManifest } from './generate';
import type { OursResult, RequestLatency } from './ours';
import { median } from './lib/stats';
import type { PeerResult } from './peer';
import type { ReferencesFloor } from './referencesFloor';
import type { MatcherResult } from './matcher';
import type { KbLoadResult } from './kbLoad';

export interface BenchResults {
  smoke: boolean;
  machine: Record<string, string>;
  commit: string;
  corpus: CorpusManifest;
  extras: { largeBytes: number; hugeBytes: number };
  floor?: { wallMs: number; innerMs: number; cpuMs: number; files: number; bytes: number; frontMatters: number; yamlErrors: number };
  ours: OursResult;
  /** The same references answers replayed by a server that does no work (referencesFloor.ts). */
  referencesFloor?: ReferencesFloor;
  peer?: PeerResult;
  /**
   * Every cold index of the run (ours: the main run and the extra cold-only runs; the floor; the peer) in wall and
   * CPU milliseconds: wall times on this VM vary by ±20 % between identical runs, so targets and ratios use medians.
   */
  repeats?: { ours: { wallMs: number; cpuMs?: number }[]; floor: { wallMs: number; cpuMs?: number }[]; peer: { wallMs: number; cpuMs?: number }[] };
  /** The cold index once more, with more workers than the default (one per core). */
  moreWorkers?: { workers: number; coldMs?: number; coldCpuMs?: number; indexLog?: string };
  matcher?: MatcherResult;
  kbLoad?: KbLoadResult;
  profile?: { name: string; selfMs: number; share: number }[];
  profileScope?: string;
}

export interface TargetRow {
  target: string;
  goal: string;
  measured: string;
  status: 'met' | 'NOT MET' | 'not measured';
  gap?: string;
  /** The server's CPU time for the same thing: the figure to trust when other work loads the machine. */
  cpu?: string;
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`);
const x = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(2)}×`);

/** A row: `lowerIsBetter` targets are met at or below the limit, others at or above it. */
function row(target: string, goal: string, value: number | undefined, limit: number, shown: string, lowerIsBetter = true): TargetRow {
  if (value === undefined || Number.isNaN(value)) return { target, goal, measured: 'n/a', status: 'not measured' };
  const met = lowerIsBetter ? value <= limit : value >= limit;
  const gap = met ? undefined : lowerIsBetter ? `${shown} against ${goal}: ${(value / limit).toFixed(2)}× the limit` : `${shown} against ${goal}: ${(limit / value).toFixed(2)}× short`;
  return { target, goal, measured: shown, status: met ? 'met' : 'NOT MET', gap };
}

/** Median wall and CPU time of the repeated runs of one kind, or of the single run when there are none. */
function medianOf(runs: { wallMs: number; cpuMs?: number }[] | undefined, single: { wallMs?: number; cpuMs?: number }): { wallMs?: number; cpuMs?: number } {
  if (!runs?.length) return single;
  const cpus = runs.map((r) => r.cpuMs).filter((v): v is number => v !== undefined);
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: cpus.length ? median(cpus) : undefined };
}

/** Our cold index, the floor's and the peer's: medians over the run's repeats. */
export function coldTimes(r: BenchResults) {
  const peerCpu = r.peer && !r.peer.error && r.peer.serverCpuMs !== undefined ? r.peer.serverCpuMs + (r.peer.clientCpuMs ?? 0) : undefined;
  return {
    ours: medianOf(r.repeats?.ours, { wallMs: r.ours.coldMs, cpuMs: r.ours.coldCpuMs }),
    floor: medianOf(r.repeats?.floor, { wallMs: r.floor?.wallMs, cpuMs: r.floor?.cpuMs }),
    peer: medianOf(r.repeats?.peer, { wallMs: r.peer && !r.peer.error ? r.peer.spawnToSymbolsMs : undefined, cpuMs: peerCpu }),
  };
}

export function coldRatios(r: BenchResults): { floor?: number; peer?: number; floorCpu?: number; peerCpu?: number } {
  const t = coldTimes(r);
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? a / b : undefined);
  return {
    floor: ratio(t.ours.wallMs, t.floor.wallMs),
    peer: ratio(t.ours.wallMs, t.peer.wallMs),
    floorCpu: ratio(t.ours.cpuMs, t.floor.cpuMs),
    peerCpu: ratio(t.ours.cpuMs, t.peer.cpuMs),
  };
}

export function targetRows(r: BenchResults): TargetRow[] {
  const o = r.ours;
  const ratios = coldRatios(r);
  const m = r.matcher;
  // Against the faster of the package's two matchers (all matches, or greedy leftmost-longest like ours).
  const peerMbs = m ? Math.max(m.peer.mbPerS, m.peerGreedy.mbPerS) : undefined;
  const matcherRatio = m?.ours && peerMbs ? m.ours.mbPerS / peerMbs : undefined;
  const p99 = (l?: RequestLatency) => l?.p99;
  const withCpu = (r: TargetRow, cpu: number | undefined) => (cpu === undefined ? r : { ...r, cpu: ms(cpu) });
  return [
    withCpu(row('Cold index (median of the runs)', '≤ 1.5 s', coldTimes(r).ours.wallMs, 1500, ms(coldTimes(r).ours.wallMs)), coldTimes(r).ours.cpuMs),
    row('Cold index / floor', '≤ 3×', ratios.floor, 3, x(ratios.floor)),
    row('Cold index / peer (spawn → workspace/symbol)', '≤ 0.5', ratios.peer, 0.5, x(ratios.peer)),
    // The larger of the two: at `ready`, and once the reference lists built after it are done.
    row('RSS after indexing', '≤ 300 MB', rssAfterIndexing(o), 300, rssAfterIndexing(o) !== undefined ? `${rssAfterIndexing(o)!.toFixed(0)} MB` : 'n/a'),
    withCpu(row('Hover p99', '≤ 5 ms', p99(o.hover), 5, ms(p99(o.hover))), o.hover?.cpuPerRequestMs),
    withCpu(row('Definition p99', '≤ 5 ms', p99(o.definition), 5, ms(p99(o.definition))), o.definition?.cpuPerRequestMs),
    withCpu(row('References p99', '≤ 25 ms', p99(o.references), 25, ms(p99(o.references))), o.references?.cpuPerRequestMs),
    withCpu(row('didChange → diagnostics, 100 KB (median of 20)', '≤ 30 ms', o.didChange?.p50, 30, ms(o.didChange?.p50)), o.didChange?.cpuPerEditMs),
    row('Matcher throughput / @monyone/aho-corasick', '≥ 3×', matcherRatio, 3, x(matcherRatio), false),
    withCpu(row('Longest wait of a request while the 5 MB document is analysed', '≤ 200 ms', o.huge?.maxHoverMs, 200, ms(o.huge?.maxHoverMs)), o.huge?.cpuMs),
    withCpu(row('Built-in KB load + matcher build (printed, not asserted)', '< 100 ms', r.kbLoad?.totalMs, 100, ms(r.kbLoad?.totalMs)), r.kbLoad?.cpuMs),
  ];
}

function rssAfterIndexing(o: OursResult): number | undefined {
  const values = [o.rss?.rssMb, o.rssWarm?.rssMb].filter((v): v is number => v !== undefined);
  return values.length ? Math.max(...values) : undefined;
}

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function latencyRows(o: OursResult): string[][] {
  return (['hover', 'definition', 'references'] as const).map((k) => {
    const l = o[k];
    return l
      ? [k, ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max), ms(l.cpuPerRequestMs), `${l.nonEmpty}/${l.n}`, l.meanItems === undefined ? '' : `${l.meanItems.toFixed(0)} / ${l.maxItems}`, String(l.errors)]
      : [k, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', '', 'n/a'];
  });
}

export function renderReport(r: BenchResults, rows: TargetRow[]): string {
  const o = r.ours;
  const ratios = coldRatios(r);
  const mb = r.corpus.bytes / 1e6;
  const out: string[] = [];
  out.push(`# Policy Lens benchmark results${r.smoke ? ' (smoke run: 1,000 documents, indicative only)' : ''}`);
  out.push('');
  out.push(`Generated by \`npm run ${r.smoke ? 'bench:smoke' : 'bench'}\` (bench/run.ts) at commit \`${r.commit}\`. Every figure below comes from that run; targets are from issue 6 and apply to the 10,000-document corpus.`);
  out.push('');
  out.push('## Machine');
  out.push('');
  out.push(table(['', ''], Object.entries(r.machine)));
  out.push('');
  out.push('## Corpus');
  out.push('');
  const shares = Object.entries(r.corpus.shares)
    .sort()
    .map(([k, v]) => `${k} ${((v / r.corpus.documents) * 100).toFixed(1)}%`)
    .join(', ');
  out.push(`${r.corpus.documents.toLocaleString('en')} generated \`.md\` documents, ${mb.toFixed(1)} MB (mean ${(r.corpus.bytes / r.corpus.documents / 1024).toFixed(1)} KB), names from the ${r.corpus.lexicon === 'builtin-kb' ? 'built-in knowledge base' : 'fallback name list'}; generator stamp \`${r.corpus.stamp}\`. Shares: ${shares}. Extra documents: ${(r.extras.largeBytes / 1024).toFixed(0)} KB (didChange) and ${(r.extras.hugeBytes / 1e6).toFixed(1)} MB (blocking test).`);
  out.push('');
  out.push('## Targets');
  out.push('');
  out.push(
    table(
      ['Target', 'Goal', 'Measured', 'Status', 'Server CPU time (mean per request/edit; whole window)'],
      rows.map((t) => [t.target, t.goal, t.measured, t.status === 'met' ? 'met' : `**${t.status}**`, t.cpu ?? '']),
    ),
  );
  out.push('');
  const missed = rows.filter((t) => t.gap);
  if (missed.length) {
    out.push('### Gaps');
    out.push('');
    for (const t of missed) out.push(`- **${t.target}**: ${t.gap}.`);
    out.push('');
  }
  const analysis = join(REPO, 'bench', 'analysis.md');
  if (existsSync(analysis)) {
    out.push(readFileSync(analysis, 'utf8').trim());
    out.push('');
  }
  if (ratios.floorCpu !== undefined || ratios.peerCpu !== undefined) {
    out.push('### The same ratios in CPU time (less sensitive to other load on the machine)');
    out.push('');
    out.push(table(['Ratio', 'Wall time', 'CPU time'], [['ours / floor', x(ratios.floor), x(ratios.floorCpu)], ['ours / peer', x(ratios.peer), x(ratios.peerCpu)]]));
    out.push('');
  }
  out.push('## Figures');
  out.push('');
  out.push('### Cold index (spawn → initialize → initialized → every document\'s diagnostics published and `policyLens/indexState` ready)');
  out.push('');
  out.push(
    table(
      ['Measure', 'Value'],
      [
        ['spawn → initialize answered', ms(o.initializeMs)],
        ['spawn → indexState ready', ms(o.readyMs)],
        ['spawn → last corpus document\'s diagnostics', ms(o.allPublishedMs)],
        ['cold index (the later of the two)', ms(o.coldMs)],
        ...(r.repeats
          ? [
              ['every cold index of this run (ours / floor / peer), wall', [r.repeats.ours, r.repeats.floor, r.repeats.peer].map((runs) => runs.map((v) => v.wallMs.toFixed(0)).join(', ')).join(' / ') + ' ms'],
              ['medians used in the targets (ours / floor / peer)', [coldTimes(r).ours, coldTimes(r).floor, coldTimes(r).peer].map((t) => ms(t.wallMs)).join(' / ')],
            ]
          : []),
        ['server CPU time (all threads) at that point', ms(o.coldCpuMs)],
        ['documents in the index at `ready` / generated', `${o.readyDocuments ?? 'n/a'} / ${o.documents}`],
        ['documents with diagnostics published (none is sent for a document without problems)', `${o.published}/${o.documents}`],
        [
          'diagnostics published during the cold index (messages / diagnostics / ≈ JSON size)',
          o.coldPublications ? `${o.coldPublications.messages} / ${o.coldPublications.diagnostics} / ${o.coldPublications.mb.toFixed(0)} MB` : 'n/a',
        ],
        ['throughput', o.coldMs ? `${(mb / (o.coldMs / 1000)).toFixed(1)} MB/s` : 'n/a'],
        ['RSS after indexing (VmRSS) / peak (VmHWM)', o.rss ? `${o.rss.rssMb.toFixed(0)} MB / ${o.rss.peakMb.toFixed(0)} MB` : 'n/a'],
        ['RSS once the reference lists are built after `ready` / peak', o.rssWarm ? `${o.rssWarm.rssMb.toFixed(0)} MB / ${o.rssWarm.peakMb.toFixed(0)} MB` : 'n/a'],
        ['the server\'s log: indexing phases', o.indexLog ? o.indexLog.replace(/\|/g, '/') : 'n/a'],
        ['the server\'s log: reference lists after `ready`', o.warmLog ?? 'n/a'],
        ['indexState notifications', o.indexStates.join(', ') || 'none'],
        ...(r.moreWorkers
          ? [[`cold index again with ${r.moreWorkers.workers} workers (one per core) / server CPU`, `${ms(r.moreWorkers.coldMs)} / ${ms(r.moreWorkers.coldCpuMs)}`]]
          : []),
      ],
    ),
  );
  out.push('');
  if (r.floor) {
    out.push('### Floor (read every file, parse its front-matter with `yaml`, nothing else; own Node process)');
    out.push('');
    out.push(
      table(
        ['Measure', 'Value'],
        [
          ['spawn → exit (compared with our cold index)', ms(r.floor.wallMs)],
          ['inside the process (reading + YAML)', ms(r.floor.innerMs)],
          ['CPU time (start-up included)', ms(r.floor.cpuMs)],
          ['files / front-matters / YAML errors', `${r.floor.files} / ${r.floor.frontMatters} / ${r.floor.yamlErrors}`],
          ['throughput', `${(r.floor.bytes / 1e6 / (r.floor.wallMs / 1000)).toFixed(1)} MB/s`],
          ['ours / floor', x(ratios.floor)],
        ],
      ),
    );
    out.push('');
  }
  if (r.peer) {
    out.push(`### Peer: vscode-markdown-languageserver@${r.peer.version} (spawn → answer to \`workspace/symbol\`, client answering its fs and markdown-it parse requests)`);
    out.push('');
    out.push(
      r.peer.error
        ? `Failed: ${r.peer.error}`
        : table(
            ['Measure', 'Value'],
            [
              ['spawn → initialize answered', ms(r.peer.initializeMs)],
              ['spawn → workspace/symbol answered', ms(r.peer.spawnToSymbolsMs)],
              ['CPU time: peer process + client answering its requests', `${ms(r.peer.serverCpuMs)} + ${ms(r.peer.clientCpuMs)}`],
              ['files listed / read / parsed', `${r.peer.filesListed} / ${r.peer.filesRead} / ${r.peer.parses}`],
              ['symbols in the workspace', String(r.peer.symbols)],
              ['peer RSS after answering', r.peer.rssMb ? `${r.peer.rssMb.toFixed(0)} MB` : 'n/a'],
              ['ours / peer', x(ratios.peer)],
            ],
          ),
    );
    out.push('');
  }
  out.push(`### Request latency (client-observed, sequential, over ${o.hover?.n ?? 0} random mentions in open documents)`);
  out.push('');
  out.push(table(['Request', 'p50', 'p95', 'p99', 'max', 'server CPU per request', 'non-empty answers', 'locations per answer (mean / max)', 'errors'], latencyRows(o)));
  out.push('');
  const rf = r.referencesFloor;
  if (rf && o.references) {
    out.push(
      `References floor: the same ${rf.n} requests, in the same order, answered with the same bytes (${rf.answers} distinct answers) by a stdio server that does no work (bench/replayServer.mjs), through the same client: ` +
        `p50 ${ms(rf.p50)}, p95 ${ms(rf.p95)}, p99 ${ms(rf.p99)}, max ${ms(rf.max)}. Ours / floor at p99: ${x(o.references.p99 / rf.p99)}. ` +
        `What the floor measures is the pipe and the client decoding answers of up to ${o.references.maxItems} locations; no server can be faster than it through this client on this machine.`,
    );
    out.push('');
  }
  const floor = o.references?.largestDecode;
  if (floor) {
    out.push(`The largest references answer (${o.references!.maxItems} locations) is ${(floor.bytes / 1e6).toFixed(1)} MB of JSON; decoding it in the client alone (bytes to string to \`JSON.parse\`, as vscode-jsonrpc does, best of 5) takes ${ms(floor.ms)}, whatever the server does.`);
    out.push('');
  }
  out.push('### Edits and the large document');
  out.push('');
  out.push(
    table(
      ['Measure', 'Value'],
      [
        ['didChange on 100 KB → its new diagnostics: median / max (20 edits)', o.didChange ? `${ms(o.didChange.p50)} / ${ms(o.didChange.max)}${o.didChange.missed ? `, ${o.didChange.missed} with no new diagnostics within 2 s` : ''}; server CPU per edit ${ms(o.didChange.cpuPerEditMs)}` : 'n/a'],
        ['5 MB document: didOpen → its diagnostics', ms(o.huge?.diagnosticsMs)],
        ['5 MB document: didOpen → answer to a hover inside it', ms(o.huge?.analysedMs)],
        ['server CPU time over that window', ms(o.huge?.cpuMs)],
        ['hovers on a small document answered meanwhile', o.huge ? String(o.huge.hovers) : 'n/a'],
        ['longest hover wait meanwhile / median', o.huge ? `${ms(o.huge.maxHoverMs)} / ${ms(o.huge.p50HoverMs)}` : 'n/a'],
        ['hover inside the 5 MB document afterwards: p50 / p99', o.hugeHover ? `${ms(o.hugeHover.p50)} / ${ms(o.hugeHover.p99)} (${o.hugeHover.nonEmpty}/${o.hugeHover.n} non-empty)` : 'n/a'],
      ],
    ),
  );
  out.push('');
  if (r.matcher) {
    const m = r.matcher;
    out.push(`### Matcher micro-benchmark (${m.patterns} patterns from the ${m.patternSource === 'builtin-kb' ? 'built-in KB' : 'fallback list'}, ${m.textMb.toFixed(1)} MB of corpus text, best of 3 runs)`);
    out.push('');
    const runs = [m.ours, m.peer, m.peerGreedy].filter((v) => v !== undefined);
    out.push(table(['Matcher', 'build', 'throughput', 'matches', 'runs (ms)'], runs.map((v) => [v.name, ms(v.buildMs), `${v.mbPerS.toFixed(1)} MB/s`, String(v.matches), v.runsMs.map((t) => t.toFixed(0)).join(', ')])));
    out.push('');
    out.push('Ours and the greedy variant report leftmost-longest, non-overlapping matches; the package\'s default reports every overlapping match, hence its higher count. The ratio in the targets table is against the faster of the two.');
    out.push('');
  }
  if (r.kbLoad) {
    const k = r.kbLoad;
    out.push(`### Built-in knowledge base: \`loadBuiltinKb()\` ${ms(k.loadMs)} + matcher build ${ms(k.matcherMs)} = ${ms(k.totalMs)} (${k.records ?? '?'} records, ${k.patterns ?? '?'} aliases; fresh process)`);
    out.push('');
  }
  if (r.profile) {
    out.push(`### Server CPU profile (${r.profileScope ?? 'the whole run'} under \`--cpu-prof\`): functions by self time, share of busy time`);
    out.push('');
    out.push(table(['Self time', 'Share', 'Function'], r.profile.map((p) => [ms(p.selfMs), `${(p.share * 100).toFixed(1)}%`, `\`${p.name}\``])));
    out.push('');
  }
  const notes = [...o.notes, ...(r.matcher?.notes ?? []), ...(r.kbLoad?.notes ?? [])];
  if (notes.length) {
    out.push('### Notes from the run');
    out.push('');
    for (const n of notes) out.push(`- ${n.replace(/\n/g, ' ')}`);
    out.push('');
  }
  out.push('## Method');
  out.push('');
  out.push('- Our server: `node server/out/server.js --stdio`, driven by `vscode-languageserver-protocol/node`, workspace folder = the corpus. Latencies are measured in the client, one request at a time, JSON transfer included. Documents are opened (`didOpen`) before they are queried, as in an editor. RSS is `VmRSS` of the server process from `/proc`.');
  out.push('- The floor, the peer, the matcher and the KB load each run in their own process; the page cache is warmed once before the floor so every reader reads from memory.');
  out.push('- The peer is timed from spawn to its answer to `workspace/symbol` (query that matches nothing, so the answer is small but every file must be indexed); the client answers its `markdown/fs/*` requests with `fs` and `markdown/parse` with `markdown-it`, as VS Code\'s Markdown extension does.');
  out.push('- The machine is shared with other work: the load average at the start is in the machine table; figures under load are pessimistic.');
  out.push('');
  return out.join('\n');
}
