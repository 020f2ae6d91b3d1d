// Corpus test over the real documents the product was specified from (../shared/seeds beside the repository).
// They are read in place, never copied: where the folder is absent (an outsider's clone) every test skips visibly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it, before } from 'node:test';
import { DEFAULT_CONFIG } from '../../server/src/core/config/config';
import { loadBuiltinKb } from '../../server/src/core/kb/builtin';
import { loadWorkspace } from '../../server/src/core/workspace/loadWorkspace';
import type { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import type { IndexedDocument } from '../../server/src/core/workspace/types';
import { applyEdits } from '../../server/src/core/text/applyEdits';
import { parseDocument } from '../../server/src/core/document/parseDocument';

const repo = path.resolve(__dirname, '../..');
const seedsDir = process.env.POLICY_LENS_SEEDS ?? path.resolve(repo, '../shared/seeds');
const present = existsSync(seedsDir) && readdirSync(seedsDir).some((f) => f.endsWith('.txt'));
const skip = present ? false : `seed corpus not found at ${seedsDir} (set POLICY_LENS_SEEDS to run it)`;
if (skip) console.log(`# SKIP corpus tests: ${skip}`);

let index: WorkspaceIndex;
const seed = (prefix: string): IndexedDocument => {
  const name = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  assert.ok(name, `seed ${prefix} exists`);
  const uri = index.uris().find((u) => u.endsWith(encodeURIComponent(name!).replace(/%2F/g, '/')) || u.endsWith(name!));
  assert.ok(uri, `seed ${name} was indexed`);
  return index.document(uri!)!;
};
const idsOf = (doc: IndexedDocument, text: string): string[][] =>
  doc.mentions.filter((m) => m.text === text || doc.parsed.text.slice(m.span.start, m.span.end) === text).map((m) => m.ids);
/** Ids of every mention whose span lies inside the first occurrence of `phrase` in the document. */
const idsWithin = (doc: IndexedDocument, phrase: string): string[] => {
  const at = doc.parsed.text.indexOf(phrase);
  assert.ok(at >= 0, `phrase '${phrase}' occurs in the seed`);
  return doc.mentions.filter((m) => m.span.start >= at && m.span.end <= at + phrase.length).flatMap((m) => m.ids);
};
const codes = (doc: IndexedDocument) => doc.diagnostics.map((d) => d.code);

describe('seed corpus', { skip }, () => {
  before(async () => {
    const ws = await loadWorkspace([seedsDir], { ...DEFAULT_CONFIG }, loadBuiltinKb());
    index = ws.index;
  });

  it('000 has no front-matter, and its fix infers the headline title and the 작성일 date', () => {
    const doc = seed('000');
    assert.equal(doc.parsed.frontMatter, null);
    const missing = doc.diagnostics.find((d) => d.code === 'PL001');
    assert.ok(missing, 'PL001 reported');
    const fix = index.fixesFor(doc.uri, missing!).find((f) => f.changes.length === 1);
    assert.ok(fix, 'a fix is offered for PL001');
    const fixed = parseDocument(doc.uri, applyEdits(doc.parsed.text, fix!.changes[0].edits));
    const data = fixed.frontMatter?.data ?? {};
    assert.equal(data.title, '북대서양조약기구(NATO)와의 연대와 협력 강화');
    assert.equal(String(data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date), '2023-12-26');
    assert.equal(data.language, 'ko');
    assert.ok((data.entities as string[]).includes('nato'), 'NATO is among the inferred entities');
  });

  it('001 has front-matter with no date and no source', () => {
    const doc = seed('001');
    assert.ok(doc.parsed.frontMatter, 'front-matter parsed');
    const missing = doc.diagnostics.filter((d) => d.code === 'PL002').map((d) => d.data?.field);
    assert.deepEqual(missing.sort(), ['date', 'source']);
    assert.ok(!codes(doc).includes('PL005'), 'its YAML is valid');
  });

  it("001's quoted '포괄적인 전략적 동반자 관계에 관한 조약' resolves to the 2024 Russia–DPRK treaty", () => {
    const doc = seed('001');
    assert.ok(idsWithin(doc, '포괄적인 전략적 동반자 관계에 관한 조약').includes('russia-dprk-treaty-2024'));
  });

  it("002's 한미일 yields Korea, the US and Japan; 러북 yields Russia and North Korea", () => {
    const doc = seed('002');
    const body = doc.parsed.text.indexOf('<h2');
    const sub = (phrase: string) => {
      const at = doc.parsed.text.indexOf(phrase, body);
      return doc.mentions.filter((m) => m.span.start >= at && m.span.end <= at + phrase.length).flatMap((m) => m.ids);
    };
    assert.deepEqual(sub('한미일').sort(), ['jpn', 'kor', 'usa']);
    assert.deepEqual(sub('러북').sort(), ['prk', 'rus']);
  });

  it('003 yields Moon Jae-in, Tokayev and Kazakhstan, also from 한-카자흐', () => {
    const doc = seed('003');
    const all = new Set(doc.mentions.flatMap((m) => m.ids));
    assert.ok(all.has('moon-jae-in'), 'Moon Jae-in');
    assert.ok([...all].some((id) => id.includes('tokayev')), 'Tokayev');
    assert.ok(all.has('kaz'), 'Kazakhstan');
    const compound = idsWithin(doc, '한·카자흐');
    assert.deepEqual(compound.sort(), ['kaz', 'kor']);
  });

  it("004's treaty references resolve to their records", () => {
    const doc = seed('004');
    assert.ok(idsOf(doc, '조소우호조약').some((ids) => ids.includes('ussr-dprk-treaty-1961')), '조소우호조약');
    assert.ok(
      idsWithin(doc, '‘조선민주주의인민공화국과 소비에트 사회주의연방공화국 간의 우호협조 및 호상원조에 관한 조약’').includes('ussr-dprk-treaty-1961'),
      'quoted 1961 title',
    );
    assert.ok(
      idsWithin(doc, '‘조선민주주의인민공화국과 러시아 연방 사이의 친선, 선린 및 협조에 관한 조약’').includes('russia-dprk-treaty-2000'),
      'quoted 2000 title',
    );
    assert.ok(idsWithin(doc, 'Treaty on Friendship, Good-Neighborly Relations and Cooperation').includes('russia-dprk-treaty-2000'));
    assert.ok(idsWithin(doc, 'ABM treaty').includes('abm-treaty'), 'ABM treaty');
    assert.ok(idsWithin(doc, 'UN Charter').includes('un-charter'), 'UN Charter');
  });

  it('reports no mention inside an HTML tag, attribute or URL', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const doc = seed(prefix);
      const text = doc.parsed.text;
      const forbidden: [number, number][] = [];
      for (const m of text.matchAll(/<\/?[A-Za-z][^>]*>/g)) forbidden.push([m.index!, m.index! + m[0].length]);
      for (const m of text.matchAll(/https?:\/\/[^\s<>"']+/g)) forbidden.push([m.index!, m.index! + m[0].length]);
      for (const mention of doc.mentions) {
        const bad = forbidden.find(([s, e]) => mention.span.start < e && mention.span.end > s);
        assert.equal(bad, undefined, `${prefix}: mention '${mention.text}' at ${mention.span.start} lies inside ${text.slice(bad?.[0], bad?.[1])}`);
      }
    }
  });

  it('policy-lens check on the seeds folder prints the metadata diagnostics and exits 1', () => {
    const cli = path.join(repo, 'server/out/cli.js');
    assert.ok(existsSync(cli), 'the CLI is built (npm run build)');
    const r = spawnSync(process.execPath, [cli, 'check', seedsDir], { encoding: 'utf8', cwd: repo });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n');
    for (const prefix of ['000', '003', '004']) {
      assert.ok(lines.some((l) => l.includes(`${prefix}_`) && / PL001 /.test(l)), `${prefix} reported without front-matter`);
    }
    assert.ok(lines.some((l) => l.includes('001_') && / PL002 /.test(l) && /date/.test(l)), '001 missing date');
    assert.ok(lines.some((l) => l.includes('001_') && / PL002 /.test(l) && /source/.test(l)), '001 missing source');
    assert.match(lines[0], /^[^:]+:\d+:\d+: (error|warning|information|hint) PL\d{3} /);
  });
});
