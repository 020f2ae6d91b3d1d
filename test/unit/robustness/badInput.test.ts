// Bad input, one case per class, through the whole core: parseDocument → WorkspaceIndex (recognition, rules) →
// quick fixes. Each case: no exception, bounded time, every range inside the text, the diagnostic users need,
// and fixes that apply cleanly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertWellFormed, checkFixes, DOC, newIndex, ROOT, within } from './helpers';

const FM = 'title: 제목\ndate: 2024-01-01\nsource: https://example.org/a\n';
const doc = (body: string, fm = FM) => `---\n${fm}---\n${body}`;
const KB = `${ROOT}/kb/mine.yaml`;

function analyse(text: string, uri = DOC) {
  const index = newIndex();
  index.setText(uri, text);
  const d = index.document(uri)!;
  assertWellFormed(d);
  return { index, d, codes: d.diagnostics.map((x) => x.code) };
}

/** The text under a diagnostic's range. */
const under = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

/** yaml "billion laughs": nine levels of nine aliases each, 9^9 strings if expanded. */
function billionLaughs(indent = ''): string {
  const lines = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${indent}${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Shapes of absurd nesting that used to reach the recursive YAML composer (two of them aborted node). */
const DEEP: Record<string, string> = {
  'flow sequences, unclosed': `x: ${'['.repeat(10_000)}\n`,
  'flow sequences, closed': `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'flow mappings': `x: ${'{a: '.repeat(5_000)}\n`,
  'compact block sequences': `x:\n  ${'- '.repeat(10_000)}a\n`,
  'explicit keys': `${'? '.repeat(10_000)}a\n`,
  indentation: Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + '\n',
};

describe('front-matter fences', () => {
  it('unterminated front-matter: PL010 on the opening fence, the body after it still analysed, fix closes it', () => {
    const text = `---\n${FM}\n북한의 발표가 있었다.\n`;
    const { index, d, codes } = analyse(text);
    const pl010 = d.diagnostics.find((x) => x.code === 'PL010')!;
    assert.ok(pl010, codes.join());
    assert.equal(under(text, pl010.span), '---');
    assert.ok(d.mentions.some((m) => m.ids.includes('prk')), 'the prose after the block is still recognised');
    const fix = index.fixesFor(DOC, pl010)[0];
    const fixed = applyFix(text, DOC, fix);
    assert.ok(!analyse(fixed).codes.includes('PL010'), fixed);
    checkFixes(index, DOC);
  });

  for (const text of ['---', '---\n', '---\r\n', '\ufeff---']) {
    it(`a lone fence ${JSON.stringify(text)}: PL010, no crash, fixes apply`, () => {
      const { index, d, codes } = analyse(text);
      assert.ok(codes.includes('PL010'), codes.join());
      assert.equal(d.mentions.length, 0);
      assert.ok(checkFixes(index, DOC) > 0, 'close-the-block and add-field fixes are offered');
    });
  }

  it('an empty file: PL001 at 0-0, the insert-front-matter fix yields parsable front-matter', () => {
    const { index, d } = analyse('');
    assert.deepEqual(d.diagnostics.map((x) => [x.code, x.span.start, x.span.end]), [['PL001', 0, 0]]);
    assert.ok(checkFixes(index, DOC) > 0);
  });

  it('whitespace only and a lone CR: no crash, positions valid', () => {
    for (const text of ['   \n\n\t', '\r', '\r\r\n\n']) analyse(text);
  });
});

describe('hostile YAML', () => {
  it('billion laughs in front-matter: bounded time and memory, PL005 on the alias expansion', () => {
    const heap = process.memoryUsage().heapUsed;
    const { d } = within(10_000, 'billion laughs', () => analyse(doc('본문\n', FM + billionLaughs())));
    assert.ok(process.memoryUsage().heapUsed - heap < 200 * 1024 * 1024, 'no expansion in memory');
    const pl005 = d.diagnostics.filter((x) => x.code === 'PL005');
    assert.ok(pl005.some((x) => /alias/i.test(x.message)), JSON.stringify(pl005));
  });

  it('billion laughs in a kb file: bounded, PL012/PL005 reported, the file does not take the index down', () => {
    const text = `- id: ok-org\n  kind: organization\n  name: { en: Fine Org }\n- id: bomb\n  kind: organization\n  name: { en: Bomb }\n  facts:\n${billionLaughs('    ')}`;
    const index = newIndex();
    within(10_000, 'kb billion laughs', () => index.setText(KB, text));
    const kb = index.document(KB)!;
    assert.ok(kb.diagnostics.some((x) => (x.code === 'PL012' || x.code === 'PL005') && /alias/i.test(x.message)), JSON.stringify(kb.diagnostics));
    assert.ok(index.kb.record('ok-org'), 'the sound record of the file is kept');
    assert.ok(!index.kb.record('bomb'), 'the bomb record is dropped');
  });

  for (const [shape, yaml] of Object.entries(DEEP)) {
    it(`deep nesting (${shape}) in front-matter and in a kb file, twice: PL005 at the deep point, no crash`, () => {
      const index = newIndex();
      for (let round = 0; round < 2; round++) {
        const text = doc('북한의 발표.\n', yaml);
        within(20_000, `front-matter ${shape}`, () => index.setText(DOC, text + ' '.repeat(round)));
        const d = index.document(DOC)!;
        assertWellFormed(d);
        const pl005 = d.diagnostics.find((x) => x.code === 'PL005');
        assert.ok(pl005 && /nested deeper/.test(pl005.message), JSON.stringify(d.diagnostics.slice(0, 3)));
        assert.ok(pl005.span.start > 4 && pl005.span.end <= text.indexOf('\n---\n') + 1, 'the range is inside the front-matter');
        assert.ok(!d.diagnostics.some((x) => x.code === 'PL002'), 'no "missing field" guesses about YAML that was not read');
        assert.ok(d.mentions.some((m) => m.ids.includes('prk')), 'the body is still analysed');
        checkFixes(index, DOC);

        within(20_000, `kb ${shape}`, () => index.setText(KB, `- id: deep\n  kind: organization\n  name: {en: Deep}\n  facts:\n    ${yaml.replace(/\n/g, '\n    ')}`));
        const kb = index.document(KB)!;
        assert.ok(kb.diagnostics.some((x) => x.code === 'PL005' && /nested deeper/.test(x.message)), JSON.stringify(kb.diagnostics.slice(0, 3)));
      }
    });
  }

  it('__proto__, constructor and prototype keys in front-matter: plain data, a PL005 warning on each key, no pollution', () => {
    const text = doc('본문\n', `${FM}__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\nnested: {__proto__: {polluted: yes}}\n`);
    const { d } = analyse(text);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    const warned = d.diagnostics.filter((x) => x.code === 'PL005').map((x) => under(text, x.span));
    assert.deepEqual(warned.sort(), ['__proto__', '__proto__', 'constructor', 'prototype']);
    assert.ok(d.diagnostics.filter((x) => x.code === 'PL005').every((x) => x.severity === 'warning'));
  });

  it('__proto__ and constructor in a kb record: PL012 on the key, no pollution, the other records kept', () => {
    const text = [
      '- id: fine',
      '  kind: country',
      '  name: {en: Fine}',
      '- id: hostile',
      '  kind: country',
      '  name: {en: Hostile, __proto__: {polluted: yes}}',
      '  constructor: {prototype: {polluted: yes}}',
      '',
    ].join('\n');
    const index = newIndex({ 'kb/mine.yaml': text });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const kb = index.document(KB)!;
    const keys = kb.diagnostics.filter((x) => x.code === 'PL012').map((x) => under(text, x.span));
    assert.ok(keys.includes('__proto__') && keys.includes('constructor'), JSON.stringify(kb.diagnostics));
    assert.ok(index.kb.record('fine'));
  });

  it('duplicate keys: PL005 on the repeated key in front-matter (first value kept) and in a kb file', () => {
    const text = doc('본문\n', `${FM}title: 두번째\n`);
    const { d } = analyse(text);
    const dup = d.diagnostics.find((x) => x.code === 'PL005')!;
    assert.equal(under(text, dup.span), 'title');
    assert.equal(dup.span.start, text.lastIndexOf('title'));
    assert.equal(d.title, '제목');

    const kbText = '- id: twice\n  kind: country\n  name: {en: A}\n  name: {en: B}\n';
    const index = newIndex({ 'kb/mine.yaml': kbText });
    const kbDup = index.document(KB)!.diagnostics.find((x) => x.code === 'PL005')!;
    assert.equal(kbDup.span.start, kbText.lastIndexOf('name'));
  });

  it('a front-matter of 200,000 keys: bounded (length limit), one PL005, nothing else judged', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `k${i}: v`).join('\n');
    const { d } = within(20_000, 'huge key list', () => analyse(doc('본문\n', `${keys}\n`)));
    const pl005 = d.diagnostics.filter((x) => x.code === 'PL005');
    assert.equal(pl005.length, 1);
    assert.match(pl005[0].message, /not parsed/);
  });

  it('non-string ids in front-matter: PL004 on each bad value, the right type named', () => {
    const text = doc('본문\n', `${FM}id: 5\nentities: [1, true, null, {a: 1}, [x], prk]\nrelated: 3\n`);
    const { index, d } = analyse(text);
    const pl004 = d.diagnostics.filter((x) => x.code === 'PL004').map((x) => under(text, x.span));
    assert.deepEqual(pl004, ['5', '1', 'true', 'null', '{a: 1}', '[x]', '3']);
    assert.ok(!d.diagnostics.some((x) => x.code === 'PL006' && /prk/.test(x.message)), 'the good id among them still resolves');
    checkFixes(index, DOC);
  });

  it('non-string ids in a kb file: PL012 on the id, the record refused', () => {
    const text = '- id: 5\n  kind: country\n  name: {en: Five}\n- id: [x]\n  kind: country\n  name: {en: List}\n';
    const index = newIndex({ 'kb/mine.yaml': text });
    const errs = index.document(KB)!.diagnostics.filter((x) => x.code === 'PL012');
    assert.deepEqual(errs.map((x) => under(text, x.span)), ['5', '[x]']);
    assert.equal([...index.kb.records()].filter((r) => !r.origin.builtin).length, 0);
  });
});

describe('huge, binary and odd text', () => {
  const MB10 = 10 * 1024 * 1024;
  const shapes: Record<string, string> = {
    'plain letters': 'a',
    'wiki-link openers': '[[',
    'tag openers': '<a ',
    'backtick pairs': '`` x ',
    'link targets': '](x ',
    'bare domains': 'www.a',
  };
  for (const [shape, unit] of Object.entries(shapes)) {
    it(`a 10 MB single-line file (${shape}): finishes in bounded time, well-formed`, () => {
      const text = unit.repeat(Math.ceil(MB10 / unit.length));
      const { d } = within(60_000, `10 MB ${shape}`, () => analyse(text));
      assert.ok(d.diagnostics.some((x) => x.code === 'PL001'));
    });
  }

  it('2 MB of Korean names with particles on one line (2.5 mentions per 10 characters): bounded, every mention exact', () => {
    // Smaller than 10 MB because every name here is a mention with a diagnostic: the cost is in the answers.
    const text = doc('북한의 러시아와 '.repeat(200_000));
    const { d } = within(60_000, '2 MB Korean', () => analyse(text));
    assert.equal(d.mentions.length, 400_000);
  });

  it('NUL bytes: the file is flagged binary (PL014) and nothing else is reported', () => {
    for (const text of [doc('ab\0cd'), '\0', `---\ntitle: "\0"\n---\n`]) {
      const { d } = analyse(text);
      assert.deepEqual(d.diagnostics.map((x) => x.code), ['PL014']);
      assert.deepEqual(d.mentions, []);
    }
  });

  it('invalid UTF-8 decoded as text (many U+FFFD): PL014 only', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    const { d } = analyse(bytes.toString('utf8'));
    assert.deepEqual(d.diagnostics.map((x) => x.code), ['PL014']);
  });

  it('a few stray U+FFFD in scraped text are not binary: the document is analysed', () => {
    const { d } = analyse(doc('북한의 발표 \ufffd 러시아\n'));
    assert.ok(!d.diagnostics.some((x) => x.code === 'PL014'));
    assert.ok(d.mentions.some((m) => m.ids.includes('rus')));
  });
});

describe('references between documents', () => {
  it('a document listing its own id under related, and two documents relating to each other: no endless recursion', () => {
    const index = newIndex({
      'self.md': doc('본문\n', `${FM}id: self\nrelated: [self]\n`),
      'a.md': doc('본문\n', `${FM}id: a\nrelated: [b]\n`),
      'b.md': doc('본문\n', `${FM}id: b\nrelated: [a]\n`),
    });
    for (const rel of ['self.md', 'a.md', 'b.md']) {
      const d = index.document(`${ROOT}/${rel}`)!;
      assertWellFormed(d);
      assert.ok(!d.diagnostics.some((x) => x.code === 'PL006'), `${rel}: the related ids resolve`);
    }
  });

  it('"did you mean" suggestions follow ids that appear or vanish elsewhere (incremental = fresh)', () => {
    const files = { 'a.md': doc('본문\n', `${FM}related: [b]\n`), 'b.txt': doc('본문\n', `${FM}id: a\n`) };
    const index = newIndex(files);
    const message = () => index.document(`${ROOT}/a.md`)!.diagnostics.find((x) => x.code === 'PL006')?.message ?? '';
    assert.match(message(), /Did you mean 'a'\?/);
    index.setText(`${ROOT}/b.txt`, `\u0000${files['b.txt']}`); // now binary: it declares nothing
    const fresh = newIndex({ ...files, 'b.txt': `\u0000${files['b.txt']}` });
    assert.doesNotMatch(message(), /Did you mean 'a'/);
    assert.equal(message(), fresh.document(`${ROOT}/a.md`)!.diagnostics.find((x) => x.code === 'PL006')?.message);
  });
});
