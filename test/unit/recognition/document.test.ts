import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { recognize, lexiconFor, RecognitionJob, type RecognitionInput } from '../../../server/src/core/recognition';
import { KB, kbOf, RECORDS } from './fixtures';

function input(text: string, segments: [number, number][], links: RecognitionInput['links'] = []): RecognitionInput {
  return { text, textSegments: segments.map(([start, end]) => ({ start, end })), links, language: 'ko' };
}

test('only text segments are scanned; a name cut by a segment edge is not matched', () => {
  const text = '<img alt="북한 사진"> 북한과 러시아';
  const prose = text.indexOf('북한과');
  const ms = recognize(input(text, [[prose, text.length]]), KB);
  assert.deepEqual(
    ms.map((m) => [m.text, m.span.start]),
    [
      ['북한', prose],
      ['러시아', prose + 4],
    ],
  );
  const cut = recognize(input('북대서양조약기구', [[0, 4]]), KB);
  assert.deepEqual(cut, []);
});

test('the first character of a segment has no glued context from outside it', () => {
  // A tag was removed between 태 and 평양: the parser's segment starts at 평양.
  const text = '북</b>한';
  assert.deepEqual(recognize(input(text, [[0, 1], [5, 6]]), KB), []);
});

test('wiki-links are annotation mentions, known or unknown, merged in order', () => {
  const text = '[[nato|나토]]와 [[nope]] 그리고 북한';
  const links = [
    { span: { start: 0, end: 11 }, targetSpan: { start: 2, end: 6 }, target: 'nato', label: '나토' },
    { span: { start: 13, end: 21 }, targetSpan: { start: 15, end: 19 }, target: 'nope' },
  ];
  const ms = recognize(input(text, [[11, 13], [21, text.length]], links), KB);
  assert.deepEqual(
    ms.map((m) => [m.text, m.ids.join(','), m.kind, m.via]),
    [
      ['nato', 'nato', 'organization', 'annotation'],
      ['nope', '', 'unknown', 'annotation'],
      ['북한', 'prk', 'country', 'alias'],
    ],
  );
  assert.deepEqual(ms[0].span, { start: 2, end: 6 });
});

test('mentions are sorted, non-overlapping, inside segments, and their text is the spanned text', () => {
  const pieces = [
    '북한의 ', '한미일은 ', '태평양 ', 'NATO ', '(', ')', ',', '북대서양조약기구', '‘', '’', "'", '"', '결의 ', '2397', '호',
    '폴란드 ', '외교부', ' UNANIMOUSLY ', '러시아어 ', '\n', 'Treaty of ', 'Friendship', ' and ', 'resolution ', '(2006)',
    '·', '-', '카자흐', '\uD83D\uDE00', '\uD800', '수단', ' 정부', '미', '국무부', ' ',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.integer({ min: 0, max: 200 }), (parts, cut) => {
      const text = parts.join('');
      const mid = Math.min(cut, text.length);
      const segments: [number, number][] = [
        [0, mid],
        [Math.min(text.length, mid + 1), text.length],
      ];
      const ms = recognize(input(text, segments), KB);
      let last = -1;
      for (const m of ms) {
        assert.ok(m.span.start >= last, 'sorted and non-overlapping');
        assert.ok(m.span.start < m.span.end);
        assert.ok(segments.some(([s, e]) => m.span.start >= s && m.span.end <= e), 'inside one segment');
        assert.equal(m.text, text.slice(m.span.start, m.span.end));
        last = m.span.end;
      }
    }),
    { numRuns: 300 },
  );
});

test('the compiled lexicon is cached per knowledge base and rebuilt for a new one', () => {
  assert.equal(lexiconFor(KB), lexiconFor(KB));
  const other = kbOf(RECORDS.filter((r) => r.id !== 'prk'));
  assert.notEqual(lexiconFor(other), lexiconFor(KB));
  assert.deepEqual(recognize(input('북한', [[0, 2]]), other), []);
});

test('huge, binary-looking and empty inputs do not throw', () => {
  const big = '북한의 미사일 '.repeat(50_000) + '\u0000\uFFFD'.repeat(1000);
  const ms = recognize(input(big, [[0, big.length]]), KB);
  assert.equal(ms.length, 50_000);
  assert.deepEqual(recognize(input('', []), KB), []);
  const lone = '\uD800‘' + '가'.repeat(500);
  assert.deepEqual(recognize(input(lone, [[0, lone.length]]), KB), []);
  const quotes = '‘'.repeat(100_000) + 'Treaty of ' + 'Aa '.repeat(50_000);
  const ms2 = recognize(input(quotes, [[0, quotes.length]]), KB);
  assert.equal(ms2.length, 1, 'one unknown treaty phrase, cut at a title-like length');
  assert.equal(ms2[0].kind, 'unknown');
  assert.ok(ms2[0].text.length <= 170);
});

test('recognition in slices gives the same mentions as in one go', () => {
  const text = '한미일은 북대서양조약기구(NATO)와 ‘포괄적인 전략적 동반자 관계에 관한 조약’, 폴란드 외교부, 결의 2397호. '.repeat(20);
  const doc = input(text, [
    [0, 700],
    [700, text.length],
  ]);
  const whole = recognize(doc, KB);
  for (const slice of [1, 7, 100]) {
    const job = new RecognitionJob(doc, KB);
    let steps = 0;
    while (!job.step(slice)) steps++;
    assert.ok(steps > 0);
    assert.deepEqual(job.result(), whole, `slices of ${slice}`);
  }
});

test('a document recognised after others reads as if alone: no mention, country or quote search carried over', () => {
  const fresh = () => kbOf(RECORDS); // a new lexicon, so a scanner that has seen nothing
  const alone = (text: string) => recognize(input(text, [[0, text.length]]), fresh());
  // 폴란드 would qualify the 외교부 of the next document; an unclosed quote would hide its closing quote.
  const earlier = ['폴란드', '‘abcdefghijklmnop', '북한과 러시아 [[nato]]'];
  const later = ['abc외교부', '‘a조약’ 그리고 오늘 여러 나라가', '미국'];
  const kb = fresh();
  const link = { span: { start: 8, end: 16 }, targetSpan: { start: 10, end: 14 }, target: 'nato' };
  for (const [i, text] of later.entries()) {
    recognize(input(earlier[i], [[0, earlier[i].length]], i === 2 ? [link] : []), kb);
    assert.deepEqual(recognize(input(text, [[0, text.length]]), kb), alone(text), text);
  }
  assert.deepEqual(alone('abc외교부')[0].ids, ['kor-mofa']);
  assert.equal(alone('‘a조약’ 그리고 오늘 여러 나라가')[0].text, 'a조약');
  // Slices of one document interleaved with whole documents: each keeps its own scanner.
  const text = '한미일은 북대서양조약기구(NATO)와 폴란드 외교부, 결의 2397호. '.repeat(5);
  const doc = input(text, [[0, text.length]]);
  const job = new RecognitionJob(doc, kb);
  while (!job.step(10)) recognize(input('폴란드 ‘abc', [[0, 8]]), kb);
  assert.deepEqual(job.result(), recognize(doc, kb));
});

test('mentions of one record share one frozen ids array; their text is the document text at their span', () => {
  const text = '북한과 North Korea, 한미일 정상은 북한 문제와 NORTH KOREA, DPRK 문제를 논의했다.';
  const ms = recognize(input(text, [[0, text.length]]), KB);
  const prk = ms.filter((m) => m.ids.includes('prk'));
  assert.ok(prk.length >= 4, JSON.stringify(ms));
  for (const m of ms) {
    assert.equal(m.text, text.slice(m.span.start, m.span.end));
    assert.ok(Object.isFrozen(m.ids), `${m.text}: ids are shared, so they must not be mutable`);
  }
  assert.equal(new Set(prk.map((m) => m.ids)).size, 1, 'one array for every mention of the one record');
  assert.throws(() => (prk[0].ids as string[]).push('kor'));
});

test('annotations interleave with the prose mentions by position, whatever order the links come in', () => {
  const text = '북한 [[nato]] 러시아 [[prk]] 미국';
  const link = (target: string) => {
    const start = text.indexOf(`[[${target}]]`);
    return { span: { start, end: start + target.length + 4 }, targetSpan: { start: start + 2, end: start + 2 + target.length }, target };
  };
  const segments: [number, number][] = [[0, 3], [11, 16], [23, text.length]];
  const want = ['북한', 'nato', '러시아', 'prk', '미국'];
  assert.deepEqual(recognize(input(text, segments, [link('nato'), link('prk')]), KB).map((m) => m.text), want);
  assert.deepEqual(recognize(input(text, segments, [link('prk'), link('nato')]), KB).map((m) => m.text), want);
});
