/**
 * The benchmark: `npm run bench` (10,000 documents, peer included, writes bench/results.md) or
 * `npm run bench:smoke` (1,000 documents, no peer, no timing assertions; exits non-zero only when the server
 * crashed or the run could not complete). `--profile` runs the server under --cpu-prof and lists the functions
 * that dominate (written to bench/corpora/results-profile.md, never to results.md: profiling slows the server);
 * `--profile=cold` profiles the cold index alone. `--render` rewrites results.md from the last run's saved figures
 * (bench/corpora/results.json) after a change to analysis.md.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ensureCorpus, ensureExtras, corpusDir, CORPORA } from './generate';
import { loadLexicon } from './corpus/lexicon';
import { measureOurs, SERVER, type OursResult } from './ours';
import { measurePeer, type PeerResult } from './peer';
import { AnswerRecorder, type ReferencesFloor } from './referencesFloor';
import { pathToFileURL } from 'node:url';
import { freshMemoryCost, loadNow, machineInfo } from './lib/machine';
import { REPO } from './lib/core';
import { renderReport, targetRows, type BenchResults } from './report';
import { topFunctions } from './profile';
import type { MatcherResult } from './matcher';
import type { KbLoadResult } from './kbLoad';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const coldOnly = args.includes('--profile=cold');
const profile = args.includes('--profile') || coldOnly;
const size = smoke ? 1000 : 10000;
const log = (s: string) => console.log(s);

/** Runs a bench script in its own Node process and parses the JSON line it prints. */
function child<T>(script: string, scriptArgs: string[], loader = true): { value?: T; wallMs: number; error?: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...(loader ? ['--import', 'tsx'] : []), join(REPO, 'bench', script), ...scriptArgs], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t;
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return { value: JSON.parse(line) as T, wallMs };
  } catch {
    return { wallMs, error: `${script} failed (exit ${r.status}): ${r.stderr.slice(-600)}` };
  }
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** `--render`: re-renders bench/results.md from the last full run's figures (after editing analysis.md). */
function render(): number {
  const saved = join(CORPORA, 'results.json');
  if (!existsSync(saved)) {
    console.error(`no ${saved}: run npm run bench first`);
    return 1;
  }
  const results = JSON.parse(readFileSync(saved, 'utf8')) as BenchResults;
  writeFileSync(join(REPO, 'bench', 'results.md'), renderReport(results, targetRows(results)));
  log('re-rendered bench/results.md');
  return 0;
}

async function main(): Promise<number> {
  if (args.includes('--render')) return render();
  const machine = machineInfo();
  machine['Fresh memory'] = freshMemoryCost();
  log(`Policy Lens benchmark (${smoke ? 'smoke, 1,000 documents' : 'full, 10,000 documents'}) on ${machine.CPU}, ${machine.Cores} cores`);
  const lex = await loadLexicon();
  const t = performance.now();
  const manifest = await ensureCorpus(size, false, lex);
  const extras = await ensureExtras(lex);
  log(`corpus: ${size} documents, ${(manifest.bytes / 1e6).toFixed(1)} MB (names from ${lex.source}), ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const root = corpusDir(size);

  // Wall times vary by ±20 % between identical runs on the benchmark VM: the cold indexes (ours, the floor, the
  // peer) are each run several times in a full run, and the targets use their medians.
  const repeats = smoke || profile ? 1 : 3;
  // Warm the page cache once so the floor, our server and the peer all read from memory.
  child('floor.mjs', [root], false);
  type FloorValue = { files: number; bytes: number; innerMs: number; cpuMs: number; frontMatters: number; yamlErrors: number };
  const floors = Array.from({ length: repeats }, () => child<FloorValue>('floor.mjs', [root], false));
  const floor = medianRun(floors, (f) => f.wallMs);
  log(`floor: ${floors.map((f) => f.wallMs.toFixed(0)).join(', ')} ms wall (${floor.value?.innerMs.toFixed(0)} ms reading + YAML in the median run), ${floor.value?.files} files`);

  if (!existsSync(SERVER)) log(`server not built: ${SERVER} (run npm run build)`);
  const profileDir = join(CORPORA, 'profiles');
  if (profile) rmSync(profileDir, { recursive: true, force: true });
  log('our server:');
  const recorder = new AnswerRecorder();
  const ours: OursResult = await measureOurs({
    recordReferences: recorder,
    root,
    manifest,
    extras,
    mentions: smoke || profile ? 200 : 1000,
    coldTimeoutMs: smoke ? 45_000 : 180_000,
    log,
    serverArgs: profile ? [`--cpu-prof`, `--cpu-prof-dir=${profileDir}`] : [],
    coldOnly,
  });

  // The same references answers from a server that does no work, in a fresh client process: what the pipe and
  // the client cost alone.
  let referencesFloor: ReferencesFloor | undefined;
  if (recorder.size) {
    const answers = join(CORPORA, 'references-answers.json');
    recorder.save(answers);
    const r = child<ReferencesFloor>('referencesFloor.ts', [answers, pathToFileURL(root).toString()]);
    referencesFloor = r.value;
    log(r.value ? `references floor (same answers replayed, no work): p50 ${r.value.p50.toFixed(2)} p95 ${r.value.p95.toFixed(2)} p99 ${r.value.p99.toFixed(2)} ms` : `references floor: ${r.error}`);
  }

  const ourColds = [{ wallMs: ours.coldMs, cpuMs: ours.coldCpuMs }];
  for (let i = 1; i < repeats && !coldOnly; i++) {
    const r = await measureOurs({ root, manifest, extras, mentions: 0, coldTimeoutMs: 180_000, log: () => undefined, coldOnly: true });
    ourColds.push({ wallMs: r.coldMs, cpuMs: r.coldCpuMs });
    log(`  cold index again: ${r.coldMs?.toFixed(0)} ms (server CPU ${r.coldCpuMs?.toFixed(0)} ms)`);
  }

  let peer: PeerResult | undefined;
  const peers: PeerResult[] = [];
  if (!smoke && !profile) {
    log('peer (vscode-markdown-languageserver):');
    for (let i = 0; i < repeats; i++) {
      const p = await measurePeer(root);
      peers.push(p);
      log(p.error ? `  error: ${p.error}` : `  spawn → workspace/symbol ${p.spawnToSymbolsMs.toFixed(0)} ms, ${p.symbols} symbols, ${p.parses} parses`);
      if (p.error) break;
    }
    const ok = peers.filter((p) => !p.error);
    peer = ok.length ? medianRun(ok, (p) => p.spawnToSymbolsMs) : peers[0];
  }

  // One more cold index with a worker more than the default: whether it pays on this machine (the default leaves
  // one core to the main thread).
  let moreWorkers: BenchResults['moreWorkers'];
  if (!smoke && !profile) {
    const workers = Math.max(2, availableParallelism());
    const r = await measureOurs({ root, manifest, extras, mentions: 0, coldTimeoutMs: 180_000, log: () => undefined, coldOnly: true, env: { POLICY_LENS_WORKERS: String(workers) } });
    moreWorkers = { workers, coldMs: r.coldMs, coldCpuMs: r.coldCpuMs, indexLog: r.indexLog };
    log(`cold index with ${workers} workers: ${r.coldMs?.toFixed(0)} ms (server CPU ${r.coldCpuMs?.toFixed(0)} ms)`);
  }

  // A profiling run is about the server: the peer and the micro-benchmarks are skipped.
  const skip = { wallMs: 0, value: undefined, error: 'skipped (profiling run)' };
  const matcher = profile ? skip : child<MatcherResult>('matcher.ts', [root, smoke ? '4' : '12']);
  if (matcher.value) {
    const m = matcher.value;
    log(`matcher (${m.patterns} patterns, ${m.textMb.toFixed(1)} MB): ours ${m.ours?.mbPerS.toFixed(1) ?? 'n/a'} MB/s, aho-corasick ${m.peer.mbPerS.toFixed(1)} MB/s, greedy ${m.peerGreedy.mbPerS.toFixed(1)} MB/s`);
  } else log(matcher.error ?? 'matcher failed');
  const kbLoad = profile ? skip : child<KbLoadResult>('kbLoad.ts', []);
  log(`KB load + matcher: ${kbLoad.value?.totalMs?.toFixed(1) ?? 'n/a'} ms ${kbLoad.value?.notes.join('; ') ?? kbLoad.error ?? ''}`);

  const profiles = profile && existsSync(profileDir) ? readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')) : [];
  const results: BenchResults = {
    smoke,
    machine,
    commit: gitCommit(),
    corpus: manifest,
    extras: { largeBytes: extras.large.bytes, hugeBytes: extras.huge.bytes },
    floor: floor.value ? { wallMs: floor.wallMs, ...floor.value } : undefined,
    ours,
    referencesFloor,
    peer,
    repeats:
      repeats > 1
        ? {
            ours: ourColds.filter((c): c is { wallMs: number; cpuMs: number | undefined } => c.wallMs !== undefined),
            floor: floors.filter((f) => f.value).map((f) => ({ wallMs: f.wallMs, cpuMs: f.value!.cpuMs })),
            peer: peers.filter((p) => !p.error).map((p) => ({ wallMs: p.spawnToSymbolsMs, cpuMs: p.serverCpuMs !== undefined ? p.serverCpuMs + (p.clientCpuMs ?? 0) : undefined })),
          }
        : undefined,
    moreWorkers,
    matcher: matcher.value,
    kbLoad: kbLoad.value,
    profile: profiles.length ? topFunctions(join(profileDir, profiles[0]), 20) : undefined,
    profileScope: coldOnly ? 'the cold index alone' : 'the whole run: indexing, requests, edits, the 5 MB document',
  };
  machine['Load average (at the end)'] = loadNow();
  const rows = targetRows(results);
  console.log('');
  console.table(rows.map((r) => ({ target: r.target, goal: r.goal, measured: r.measured, status: r.status, 'server CPU': r.cpu ?? '' })));
  writeFileSync(join(CORPORA, smoke ? 'results-smoke.json' : profile ? 'results-profile.json' : 'results.json'), JSON.stringify(results));
  const report = renderReport(results, rows);
  // Only a plain full run writes the committed results: profiling slows the server down.
  const out = smoke ? join(CORPORA, 'results-smoke.md') : profile ? join(CORPORA, 'results-profile.md') : join(REPO, 'bench', 'results.md');
  mkdirSync(CORPORA, { recursive: true });
  writeFileSync(out, report);
  log(`wrote ${out}`);

  const completed = coldOnly ? ours.coldMs !== undefined : existsSync(SERVER) && ours.coldMs !== undefined && ours.hover !== undefined && ours.didChange !== undefined && ours.huge !== undefined;
  if (ours.didChange && ours.didChange.samples.length === 0) console.warn('warning: didChange → diagnostics could not be measured (no diagnostics re-published)');
  if (ours.crashed) console.error('FAILED: the server crashed');
  else if (!completed) console.error(`FAILED: the run could not complete: ${ours.notes.join('; ')}`);
  return ours.crashed || !completed ? 1 : 0;
}

// A hung server must not hang CI. The limit catches hangs only (the smoke run takes well under 2 minutes on an
// idle machine; a loaded CI box must not fail it for being slow).
const limitS = smoke ? 360 : 3600;
const limit = setTimeout(() => {
  console.error(`FAILED: benchmark did not finish within ${limitS} s (a request or the indexing hung)`);
  process.exit(1);
}, limitS * 1000);
limit.unref();

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

/** The run with the median value (the lower middle of an even count). */
function medianRun<T>(runs: T[], value: (r: T) => number): T {
  return [...runs].sort((a, b) => value(a) - value(b))[Math.floor((runs.length - 1) / 2)];
}
