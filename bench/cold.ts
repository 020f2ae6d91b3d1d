/**
 * The cold index alone, through the real server over stdio, N times (default 3): for trying an optimisation
 * without the whole benchmark.   node --import tsx bench/cold.ts [size] [runs]
 */
import { ensureCorpus, ensureExtras, corpusDir } from './generate';
import { loadLexicon } from './corpus/lexicon';
import { loadavg } from 'node:os';
import { measureOurs } from './ours';

const size = Number(process.argv[2] ?? 10000);
const runs = Number(process.argv[3] ?? 3);
async function main(): Promise<void> {
const lex = await loadLexicon();
const manifest = await ensureCorpus(size, false, lex);
const extras = await ensureExtras(lex);
for (let i = 0; i < runs; i++) {
  const r = await measureOurs({ root: corpusDir(size), manifest, extras, mentions: 0, coldTimeoutMs: 180_000, log: () => undefined, serverArgs: [], coldOnly: true });
  console.log(`cold index ${r.coldMs?.toFixed(0)} ms wall, ${r.coldCpuMs?.toFixed(0)} ms CPU, RSS ${r.rss?.rssMb.toFixed(0)} MB (peak ${r.rss?.peakMb.toFixed(0)}), ${r.readyDocuments} documents; load ${loadavg()[0].toFixed(2)}`);
  if (r.indexLog) console.log(`  server: ${r.indexLog}`);
}
}

void main();
