import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Composer } from '../../../bench/corpus/compose';
import { loadLexicon } from '../../../bench/corpus/lexicon';
import { Random, seedFor } from '../../../bench/lib/random';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/config';
import { loadBuiltinKb } from '../../../server/src/core/kb/builtin';
import { KnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import { SummaryPacker, unpackSummary } from '../../../server/src/core/workspace/parallel/summaryBatch';
import { createRuleContext } from '../../../server/src/core/workspace/ruleContext';
import { analyseSource, readSource } from '../../../server/src/core/workspace/sourceAnalysis';
import { summarize } from '../../../server/src/core/workspace/summary';

// The workers pack each document's summary straight from its analysis; unpacked on the main thread it must be
// exactly what `summarize` gives: the references, "mentioned in" entries and diagnostics of closed documents
// come from it.

const kb = new KnowledgeBase(loadBuiltinKb());
const context = createRuleContext({ config: () => DEFAULT_CONFIG, kb: () => kb, declaring: () => [], declaredIds: () => [] });

function analysed(uri: string, text: string) {
  const source = readSource(uri, 'document', text);
  return analyseSource({ ...source, uri, text, version: 0, kind: 'document' }, source.parsed, kb, context);
}

function plain(s: ReturnType<typeof summarize>) {
  const { uri, id, title, date, isDefinitionNote, isKbFile, diagnostics, counts, hasSuggestions, textLength } = s;
  const list = (a: ArrayLike<number>) => Array.from(a);
  return {
    ...{ uri, id, title, date, isDefinitionNote, isKbFile, diagnostics, counts, hasSuggestions, textLength },
    ...{ ids: [...s.ids], refStart: list(s.refStart), refs: list(s.refs), firstMention: list(s.firstMention), lineStarts: list(s.lineStarts) },
  };
}

describe('packed summaries', () => {
  it('unpack to what summarize gives, for generated documents and the sample corpus, several per batch', async () => {
    const lexicon = await loadLexicon();
    const docs: [string, string][] = [];
    for (let i = 0; i < 120; i++) {
      const rnd = new Random(seedFor(0x5a11, i));
      docs.push([`file:///gen/doc-${i}.md`, new Composer(lexicon, rnd).document(i, rnd.int(800, 4000)).text]);
    }
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(md|txt)$/.test(e.name) ? [join(dir, e.name)] : []));
    for (const f of walk('samples/corpus')) docs.push([`file://${f}`, readFileSync(f, 'utf8')]);
    docs.push(['file:///edge/empty.md', ''], ['file:///edge/links.md', '---\nentities: [prk, prk, rus]\nrelated: [x]\n---\n[[prk]] 북한 [[nowhere|label]] 북한과 러시아\n']);
    for (const keep of [false, true]) {
      const packer = new SummaryPacker();
      let batch: [string, ReturnType<SummaryPacker['pack']>, ReturnType<typeof summarize>][] = [];
      const check = () => {
        const table = packer.take();
        for (const [uri, packed, expected] of batch) assert.deepStrictEqual(plain(unpackSummary(uri, packed, table, (s) => s)), plain(expected), uri);
        batch = [];
      };
      for (const [uri, text] of docs) {
        const doc = analysed(uri, text);
        batch.push([uri, packer.pack(doc, keep), summarize(doc, keep)]);
        if (batch.length === 7) check();
      }
      check();
    }
  });
});
