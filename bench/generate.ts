/**
 * Deterministic corpus generator for the benchmark.
 *   node --import tsx bench/generate.ts [--sizes 1000,10000] [--force]
 * Writes bench/corpora/<n>/**.md (git-ignored), bench/corpora/<n>.manifest.json (sampled mention positions), and
 * bench/corpora/extra/{large-100k,huge-5mb}.md. Document i is the same in every corpus size (seeded per index), so
 * the 1,000-document corpus is a prefix of the 10,000 one. Regenerates only when the stamp (generator version,
 * lexicon) changes.
 */
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { LineIndex } from '../server/src/core/text/lineIndex';
import { Composer, type MentionRecord } from './corpus/compose';
import { loadLexicon, type Lexicon } from './corpus/lexicon';
import { Random, seedFor } from './lib/random';
import { REPO } from './lib/core';

const GENERATOR_VERSION = 5;
const SEED = 0x5eed2026;
export const CORPORA = join(REPO, 'bench', 'corpora');

/** A position in a generated document where a known name stands (LSP line/character, UTF-16). */
export interface SampledMention {
  file: string;
  line: number;
  character: number;
  length: number;
  via: MentionRecord['via'];
  id: string | null;
  text: string;
}

export interface CorpusManifest {
  stamp: string;
  documents: number;
  bytes: number;
  lexicon: Lexicon['source'];
  shares: Record<string, number>;
  files: string[];
  mentions: SampledMention[];
}

export interface ExtraDoc {
  file: string;
  bytes: number;
  mentions: SampledMention[];
}

function stampOf(lex: Lexicon): string {
  const hash = createHash('sha256').update(JSON.stringify(lex)).digest('hex').slice(0, 16);
  return `v${GENERATOR_VERSION}-${lex.source}-${hash}`;
}

function sample(file: string, text: string, mentions: MentionRecord[], rnd: Random, max: number): SampledMention[] {
  const lines = new LineIndex(text);
  const picked: SampledMention[] = [];
  const pool = mentions.filter((m) => m.via !== 'annotation' || m.id);
  for (let i = 0; i < max && pool.length; i++) {
    const m = pool.splice(rnd.int(0, pool.length - 1), 1)[0];
    // Hover in the middle of the name, as a pointer would.
    const pos = lines.positionAt(m.start + Math.floor((m.end - m.start) / 2));
    picked.push({ file, line: pos.line, character: pos.character, length: m.end - m.start, via: m.via, id: m.id ?? null, text: m.text });
  }
  return picked;
}

function count(shares: Record<string, number>, key: string): void {
  shares[key] = (shares[key] ?? 0) + 1;
}

export function corpusDir(n: number): string {
  return join(CORPORA, String(n));
}

export async function ensureCorpus(n: number, force = false, lex?: Lexicon): Promise<CorpusManifest> {
  lex ??= await loadLexicon();
  const stamp = stampOf(lex);
  const manifestPath = join(CORPORA, `${n}.manifest.json`);
  if (!force && existsSync(manifestPath)) {
    const existing = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
    if (existing.stamp === stamp && existing.documents === n) return existing;
  }
  const dir = corpusDir(n);
  rmSync(dir, { recursive: true, force: true });
  const manifest: CorpusManifest = { stamp, documents: n, bytes: 0, lexicon: lex.source, shares: {}, files: [], mentions: [] };
  for (let i = 0; i < n; i++) {
    const rnd = new Random(seedFor(SEED, i));
    const doc = new Composer(lex, rnd).document(i, rnd.int(3000, 5200));
    const sub = join(dir, `part-${String(Math.floor(i / 1000)).padStart(2, '0')}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const path = join(sub, `doc-${String(i).padStart(6, '0')}.md`);
    writeFileSync(path, doc.text);
    const file = relative(dir, path);
    manifest.files.push(file);
    manifest.bytes += Buffer.byteLength(doc.text);
    count(manifest.shares, `lang:${doc.lang}`);
    count(manifest.shares, `frontMatter:${doc.frontMatter.split(':')[0]}`);
    if (doc.frontMatter.startsWith('broken:')) count(manifest.shares, doc.frontMatter);
    if (doc.html) count(manifest.shares, 'html');
    manifest.mentions.push(...sample(file, doc.text, doc.mentions, rnd, 6));
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return manifest;
}

/** The 100 KB document (edited by the didChange measure) and the 5 MB one (the blocking measure). */
export async function ensureExtras(lex?: Lexicon): Promise<{ large: ExtraDoc; huge: ExtraDoc }> {
  lex ??= await loadLexicon();
  const dir = join(CORPORA, 'extra');
  const manifestPath = join(dir, 'manifest.json');
  const stamp = stampOf(lex);
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.stamp === stamp) return m;
  }
  mkdirSync(dir, { recursive: true });
  // The 100 KB document carries an impossible date, so it always has a diagnostic to re-publish after each edit
  // (a server may send nothing for a document without problems).
  const make = (name: string, index: number, bytes: number, broken?: 'bad-date'): ExtraDoc => {
    const rnd = new Random(seedFor(SEED, index));
    const doc = new Composer(lex, rnd).document(index, bytes, { lang: 'mixed', frontMatter: broken ? 'broken' : 'valid', broken, html: false });
    const path = join(dir, name);
    writeFileSync(path, doc.text);
    return { file: path, bytes: Buffer.byteLength(doc.text), mentions: sample(name, doc.text, doc.mentions, rnd, 50) };
  };
  const extras = { stamp, large: make('large-100k.md', 900_001, 100 * 1024, 'bad-date'), huge: make('huge-5mb.md', 900_002, 5 * 1024 * 1024) };
  writeFileSync(manifestPath, JSON.stringify(extras));
  return extras;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = args.includes('--sizes') ? sizesArg.split(',').map(Number) : [1000, 10000];
  const force = args.includes('--force');
  const lex = await loadLexicon();
  console.log(`lexicon: ${lex.source} (${lex.countries.length} countries, ${lex.orgs.length} organisations, ${lex.instruments.length} instruments)`);
  for (const n of sizes) {
    const t = performance.now();
    const m = await ensureCorpus(n, force, lex);
    console.log(`${n} documents, ${(m.bytes / 1e6).toFixed(1)} MB, ${m.mentions.length} sampled mentions, ${JSON.stringify(m.shares)} (${Math.round(performance.now() - t)} ms)`);
  }
  const extras = await ensureExtras(lex);
  console.log(`extra: ${extras.large.bytes} B, ${extras.huge.bytes} B`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() as string)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
