import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Marked } from 'marked';
import type { KbRecord } from '../../../server/src/core/kb/record';
import { ambiguousCard, fieldCard, recordCard, type CardContext } from '../../../server/src/core/present/hoverCard';
import { recordLabel, recordMatches } from '../../../server/src/core/present/labels';

// VS Code renders hover markdown with `marked`; it passes raw HTML and every link scheme through, so only our
// escaping stands between a document and the rendered card.
const md = new Marked({ gfm: true });
const render = (s: string) => md.parse(s) as string;

const records: Record<string, KbRecord> = {
  rus: { id: 'rus', kind: 'country', name: { ko: '러시아', en: 'Russia' } },
  prk: { id: 'prk', kind: 'country', name: { ko: '북한', en: 'North Korea' } },
  old: { id: 'old', kind: 'treaty', name: { en: 'Old Treaty' } },
  next: { id: 'next', kind: 'treaty', name: { en: 'Next Treaty' } },
};
const ctx: CardContext = {
  nameOf: (id) => records[id]?.name,
  linkTo: (id) => (records[id] ? `file:///ws/kb/defs.yaml#L${Object.keys(records).indexOf(id) + 1}` : undefined),
  language: 'ko',
};

const treaty: KbRecord = {
  id: 'test-treaty',
  kind: 'treaty',
  name: { ko: '시험 조약', en: 'Test Treaty' },
  description: { ko: '한국어 설명', en: 'English description' },
  parties: ['rus', 'prk'],
  signed: '2000-02-09',
  in_force: '2002-10-01',
  replaced_by: 'next',
  replaces: 'old',
  source: 'https://treaties.un.org/x',
};

test('record card: names, kind, description in the document language, key facts and links', () => {
  const card = recordCard(treaty, ctx, {
    mentionedIn: {
      total: 7,
      documents: Array.from({ length: 7 }, (_, i) => ({ title: `문서 ${i}`, date: `2024-01-0${i + 1}`, link: `file:///ws/d${i}.md#L1` })),
    },
    definedAt: 'file:///ws/kb/defs.yaml#L10',
  });
  const html = render(card);
  assert.match(html, /<strong>시험 조약<\/strong> · <strong>Test Treaty<\/strong>/);
  assert.match(html, /treaty/);
  assert.match(html, /한국어 설명/);
  assert.doesNotMatch(html, /English description/);
  assert.match(html, /Parties: <a href="file:\/\/\/ws\/kb\/defs.yaml#L1">러시아 \/ Russia<\/a>, <a [^>]*>북한 \/ North Korea<\/a>/);
  assert.match(html, /Signed: 2000-02-09 · In force: 2002-10-01/);
  assert.match(html, /Replaced by: <a href="file:\/\/\/ws\/kb\/defs.yaml#L4">Next Treaty<\/a>/);
  assert.match(html, /Replaces: <a href="file:\/\/\/ws\/kb\/defs.yaml#L3">Old Treaty<\/a>/);
  assert.match(html, /Source: <a href="https:\/\/treaties.un.org\/x">/);
  assert.match(html, /Mentioned in 7 documents/);
  // five links, then a note for the rest
  assert.equal((html.match(/href="file:\/\/\/ws\/d\d\.md#L1"/g) ?? []).length, 5);
  assert.match(html, /and 2 more/);
});

test('the card says how a mention was recognised', () => {
  const html = render(recordCard(records.prk, ctx, { foundAs: { via: 'compound', text: '북러' } }));
  assert.match(html, /Recognised as part of the compound “북러”/);
});

test('a person card shows role and term', () => {
  const person: KbRecord = {
    id: 'moon',
    kind: 'person',
    name: { ko: '문재인', en: 'Moon Jae-in' },
    roles: [{ title: { en: 'President' }, of: 'prk', from: '2017-05-10', to: '2022-05-09' }],
  };
  const html = render(recordCard(person, ctx));
  assert.match(html, /Role: President, <a [^>]*>북한 \/ North Korea<\/a> \(2017-05-10 – 2022-05-09\)/);
  // a title that already names its country does not repeat it
  const leader: KbRecord = { ...person, roles: [{ title: { ko: '북한 국무위원장' }, of: 'prk', from: '2019-04-11' }] };
  assert.match(render(recordCard(leader, ctx)), /Role: 북한 국무위원장 \(2019-04-11 – present\)/);
});

test('hostile data in a record renders inert: no command, javascript or HTML', () => {
  const hostile: KbRecord = {
    id: 'evil',
    kind: 'organization',
    name: { en: '<img src=x onerror=alert(1)>', ko: '[x](command:workbench.action.terminal.new)' },
    description: { ko: '[click](javascript:alert(1)) <script>alert(1)</script>' },
    source: 'javascript:alert(1)',
    facts: { '<b>k</b>': '[y](command:evil)' },
  };
  const html = render(recordCard(hostile, ctx, { mentionedIn: { total: 1, documents: [{ title: '[t](command:x)', link: 'command:x' }] } }));
  assert.doesNotMatch(html, /<img|<script|<b>/);
  assert.doesNotMatch(html, /href="(command|javascript):/);
  assert.equal((html.match(/<a /g) ?? []).length, 0);
});

test('ambiguous card lists every candidate', () => {
  const html = render(ambiguousCard('조약', [records.old, records.next], ctx));
  assert.match(html, /ambiguous/);
  assert.match(html, /Old Treaty/);
  assert.match(html, /Next Treaty/);
});

test('field card explains a known key and its format', () => {
  assert.match(fieldCard('date'), /YYYY-MM-DD/);
  assert.match(fieldCard('entities'), /knowledge-base ids/);
  assert.match(fieldCard('<x>'), /does not interpret/);
  assert.doesNotMatch(render(fieldCard('<img src=x>')), /<img/);
});

test('labels and matching work in either language', () => {
  assert.equal(recordLabel(records.rus), 'rus — 러시아 / Russia');
  assert.ok(recordMatches(records.rus, '러시'));
  assert.ok(recordMatches(records.rus, 'RUSS'));
  assert.ok(!recordMatches(records.rus, 'korea'));
});
