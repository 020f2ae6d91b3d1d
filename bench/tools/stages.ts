/**
 * Where one document's analysis spends its time: each stage of the per-document pipeline timed over a whole
 * corpus, in this process, on one thread, texts already in memory. Pass 1 includes JIT warm-up (what a cold
 * index pays), later passes show the steady state.
 *   node bench/tools/bundled.mjs bench/tools/stages.ts [corpus dir] [passes]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config/config';
import { readFrontMatter } from '../../server/src/core/document/frontMatter';
import { scanBody } from '../../server/src/core/document/body';
import { looksBinary } from '../../server/src/core/document/language';
import { parseDocument } from '../../server/src/core/document/parseDocument';
import { loadBuiltinKb } from '../../server/src/core/kb/builtin';
import { KnowledgeBase } from '../../server/src/core/kb/knowledgeBase';
import { lexiconFor } from '../../server/src/core/recognition/lexicon';
import { recognize } from '../../server/src/core/recognition/recognize';
import { checkDocument } from '../../server/src/core/rules/checkDocument';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { documentIdentity } from '../../server/src/core/workspace/fileIdentity';
import { createRuleContext, type DeclaringDocument } from '../../server/src/core/workspace/ruleContext';
import { analyseSource, readSource } from '../../server/src/core/workspace/sourceAnalysis';
import { summarize } from '../../server/src/core/workspace/summary';
import { corpusFiles } from './corpusFiles';

const root = process.argv[2] ?? join(__dirname, '..', '10000');
const passes = Number(process.argv[3] ?? 3);
const files = corpusFiles(root);
let t = performance.now();
const texts = files.map((f) => readFileSync(f, 'utf8'));
console.log(`${files.length} files read and decoded in ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
const kb = new KnowledgeBase(loadBuiltinKb());
lexiconFor(kb);
console.log(`built-in kb and lexicon in ${(performance.now() - t).toFixed(0)} ms`);
// The ids the corpus's documents declare, as the workers know them: `related:` ids and "did you mean" search them.
const declared = new Map<string, DeclaringDocument[]>();
files.forEach((uri, i) => {
  const { docId, title } = documentIdentity(uri, Buffer.from(texts[i], 'utf8'));
  if (docId) declared.set(docId.id, [...(declared.get(docId.id) ?? []), { uri, span: docId.span, title }]);
});
const config = { ...DEFAULT_CONFIG, severity: {} };
const ctx = createRuleContext({ config: () => config, kb: () => kb, declaring: (id) => declared.get(id) ?? [], declaredIds: () => declared.keys() });

const rows: Record<string, number[]> = {};
/** The analysis of file `i` from what readSource gave, as the index runs it. */
function analyse(source: ReturnType<typeof readSource>, text: string, i: number) {
  return analyseSource({ ...source, uri: files[i], text, version: 0, kind: 'document' }, source.parsed, kb, ctx);
}

function stage(label: string, f: (text: string, i: number) => unknown): void {
  const t0 = performance.now();
  for (let i = 0; i < texts.length; i++) f(texts[i], i);
  (rows[label] ??= []).push(performance.now() - t0);
}
for (let pass = 0; pass < passes; pass++) {
  stage('LineIndex', (text) => new LineIndex(text));
  stage('looksBinary', (text) => looksBinary(text));
  stage('readFrontMatter', (text) => readFrontMatter(text, 0));
  const fms = texts.map((text) => readFrontMatter(text, 0));
  stage('scanBody', (text, i) => scanBody(text, { start: fms[i].bodyStart, end: text.length }));
  stage('parseDocument (all of the above, language counted by the body scan)', (text, i) => parseDocument(files[i], text));
  const parsed = texts.map((text, i) => parseDocument(files[i], text));
  stage('recognize', (_, i) => recognize(parsed[i], kb));
  const mentions = parsed.map((p) => recognize(p, kb));
  if (pass === 0) console.log(`${mentions.reduce((n, m) => n + m.length, 0)} mentions recognised in ${texts.length} documents`);
  stage('checkDocument (pass 1: "did you mean" searches)', (_, i) => checkDocument(parsed[i], mentions[i], ctx));
  stage('readSource', (text, i) => readSource(files[i], 'document', text));
  const sources = texts.map((text, i) => readSource(files[i], 'document', text));
  stage('analyseSource (recognition and rules)', (text, i) => analyse(sources[i], text, i));
  const analyses = texts.map((text, i) => analyse(sources[i], text, i));
  stage('summarize', (_, i) => summarize(analyses[i], false));
  stage('whole: readSource + analyseSource + summarize', (text, i) => summarize(analyse(readSource(files[i], 'document', text), text, i), false));
}
const width = Math.max(...Object.keys(rows).map((k) => k.length));
console.log(`${'stage'.padEnd(width)}  ${Array.from({ length: passes }, (_, i) => `pass ${i + 1}`.padStart(8)).join('')}`);
for (const [label, ms] of Object.entries(rows)) console.log(`${label.padEnd(width)}  ${ms.map((m) => `${m.toFixed(0)} ms`.padStart(8)).join('')}`);
