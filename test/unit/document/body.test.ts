import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import type { ParsedDocument } from '../../../server/src/core/document/types';

const prose = (doc: ParsedDocument) => doc.textSegments.map((s) => doc.text.slice(s.start, s.end)).join('|');
const at = (doc: ParsedDocument, s: { start: number; end: number }) => doc.text.slice(s.start, s.end);

function assertWellFormed(doc: ParsedDocument) {
  let last = doc.body.start;
  for (const s of doc.textSegments) {
    assert.ok(s.start >= last && s.end > s.start && s.end <= doc.text.length, JSON.stringify(s));
    last = s.end;
  }
}

test('HTML tags, attributes, comments, script and style are not prose', () => {
  const text =
    '<p><img src="https://img.example/러시아.png" alt="러시아 사진"></p>\n' +
    '<table><tr><td style="color: 북한">한국</td></tr></table>\n' +
    '<!-- 일본 comment -->\n<script>var 중국 = 1;</script><STYLE>.미국{}</STYLE>\n<p class=\'x\'>끝 &amp; 마침</p>';
  const doc = parseDocument('file:///h.txt', text);
  assertWellFormed(doc);
  const p = prose(doc);
  for (const hidden of ['러시아', '북한', '일본', '중국', '미국', 'img', 'style', 'class']) assert.ok(!p.includes(hidden), `${hidden} in ${p}`);
  assert.ok(p.includes('한국'));
  assert.ok(p.includes('끝 &amp; 마침'));
  const src = doc.urls.find((u) => u.where === 'attribute')!;
  assert.equal(src.url, 'https://img.example/러시아.png');
  assert.equal(at(doc, src.span), src.url);
});

test('a quoted attribute may contain ">" and the tag still ends after it', () => {
  const doc = parseDocument('file:///q.txt', '<a title="a > 북한" href="http://x.org/">러시아</a> 뒤');
  assert.equal(prose(doc), '러시아| 뒤');
  assert.deepEqual(doc.urls.map((u) => u.url), ['http://x.org/']);
});

test('angle brackets around titles are prose, not tags', () => {
  const doc = parseDocument('file:///k.txt', '<통일부 홈페이지>\n2 < 3 and a<b');
  assert.equal(prose(doc), '<통일부 홈페이지>\n2 < 3 and a<b');
  const titled = parseDocument('file:///k.txt', '<NATO 정상회의> 참석, <Treaty on Friendship> 참조');
  assert.equal(prose(titled), '<NATO 정상회의> 참석, <Treaty on Friendship> 참조');
  const markup = parseDocument('file:///k.txt', '<B>굵게</B><o:p></o:p><my-widget data-x="러시아">위젯</my-widget><!DOCTYPE html>');
  assert.equal(prose(markup), '굵게|위젯');
});

test('URLs, bare domains and emails are not prose', () => {
  const text = '출처 https://www.mofa.go.kr/www/brd/m_4080/view.do?seq=1&x=한국 참고. www.korea.kr 와 go.kr 주소, 연락 reporter@yna.co.kr 끝. U.S. 2023.12.26 e.g. 7.11';
  const doc = parseDocument('file:///u.txt', text);
  const p = prose(doc);
  assert.ok(!p.includes('mofa') && !p.includes('korea.kr') && !p.includes('go.kr') && !p.includes('yna'), p);
  assert.ok(p.includes('U.S.') && p.includes('2023.12.26') && p.includes('e.g.') && p.includes('7.11'), p);
  assert.deepEqual(
    doc.urls.map((u) => u.url),
    ['https://www.mofa.go.kr/www/brd/m_4080/view.do?seq=1&x=한국', 'www.korea.kr', 'go.kr'],
  );
  // A URL ends before trailing sentence punctuation.
  const end = parseDocument('file:///e.txt', 'See https://example.org/a. Next');
  assert.equal(end.urls[0].url, 'https://example.org/a');
  assert.equal(prose(end), 'See |. Next');
});

test('fenced code blocks and inline code are not prose', () => {
  const text = '# 제목\n\n```yaml\nentities: [러시아]\n```\n본문 `북한` 과 ``a ` b`` 끝\n~~~\n일본\n~~~~\nafter\n```\nunclosed 중국\n';
  const doc = parseDocument('file:///c.md', text);
  const p = prose(doc);
  assert.ok(!p.includes('러시아') && !p.includes('북한') && !p.includes('일본') && !p.includes('중국'), p);
  assert.ok(p.includes('본문') && p.includes('끝') && p.includes('after') && p.includes('제목'));
  // An unmatched backtick is prose.
  assert.equal(prose(parseDocument('file:///b.md', 'a ` b')), 'a ` b');
});

test('indented lines stay prose (scraped pages indent paragraphs)', () => {
  const doc = parseDocument('file:///i.txt', '    우리 정부는 협력을 강화하였다.\n');
  assert.equal(prose(doc), '    우리 정부는 협력을 강화하였다.\n');
});

test('wiki-links are parsed with target and label spans and excluded from prose', () => {
  const text = '참조 [[kor]] 와 [[ russia-dprk-treaty-2000 | 북러 조약 ]] 그리고 [[]] [[a\nb]]';
  const doc = parseDocument('file:///w.md', text);
  assert.equal(doc.links.length, 2);
  const [a, b] = doc.links;
  assert.equal(a.target, 'kor');
  assert.equal(at(doc, a.span), '[[kor]]');
  assert.equal(at(doc, a.targetSpan), 'kor');
  assert.equal(a.label, undefined);
  assert.equal(b.target, 'russia-dprk-treaty-2000');
  assert.equal(at(doc, b.targetSpan), 'russia-dprk-treaty-2000');
  assert.equal(b.label, '북러 조약');
  assert.ok(!prose(doc).includes('북러'));
  assert.ok(prose(doc).includes('[[]]'));
});

test('Markdown and HTML headings with their text', () => {
  const text = '# 첫 제목 #\n\n####### not a heading\n#해시태그\n<h2 data-x="1">한미일, <b>러북</b> &amp; 성명</h2>\n## 둘째\n';
  const doc = parseDocument('file:///hd.md', text);
  assert.deepEqual(
    doc.headings.map((h) => [h.level, h.text, h.source]),
    [
      [1, '첫 제목', 'markdown'],
      [2, '한미일, 러북 & 성명', 'html'],
      [2, '둘째', 'markdown'],
    ],
  );
  assert.equal(at(doc, doc.headings[1].span), '<h2 data-x="1">한미일, <b>러북</b> &amp; 성명</h2>');
  assert.ok(prose(doc).includes('첫 제목'));
  assert.ok(!prose(doc).includes('# 첫'));
});

test('setext headings: a === underline makes the line above a level-1 heading', () => {
  const doc = parseDocument('file:///s.md', '한미 정상회담\r\n======\r\n본문\n```\ncode\n```\n===\nx\n\n==\n');
  assert.deepEqual(doc.headings.map((h) => [h.level, h.text]), [[1, '한미 정상회담']]);
  assert.equal(doc.text.slice(doc.headings[0].span.start, doc.headings[0].span.end), '한미 정상회담\r\n======');
  // The underline is not prose; a === after a code block or a short == stays text.
  assert.ok(!prose(doc).includes('======') && prose(doc).includes('===\nx') && prose(doc).includes('=='));
});

test('Markdown link targets are not prose; their text is', () => {
  const doc = parseDocument('file:///l.md', '[외교부 발표](https://mofa.go.kr/a) 끝');
  assert.equal(prose(doc), '[외교부 발표]| 끝');
  assert.deepEqual(doc.urls.map((u) => u.url), ['https://mofa.go.kr/a']);
});

test('front-matter URL values are listed with their spans', () => {
  const doc = parseDocument('file:///f.md', "---\nsource: 'https://example.org/x'\nlinks:\n  - http://a.b/c\n---\n");
  assert.deepEqual(doc.urls.map((u) => [u.url, u.where, at(doc, u.span)]), [
    ['https://example.org/x', 'front-matter', 'https://example.org/x'],
    ['http://a.b/c', 'front-matter', 'http://a.b/c'],
  ]);
});

test('language: ko when Hangul outnumbers Latin, en for Latin, undefined otherwise', () => {
  assert.equal(parseDocument('a', '러시아와 북한 NATO').language, 'ko');
  assert.equal(parseDocument('a', 'The treaty 조약').language, 'en');
  assert.equal(parseDocument('a', '2024 12 31').language, undefined);
  assert.equal(parseDocument('a', '').language, undefined);
  // Attributes do not count.
  assert.equal(parseDocument('a', '<img src="https://very.long.example/abcdefghijklmnopqrstuvwxyz.png">한국어 본문').language, 'ko');
});

test('binary: NUL bytes or many replacement characters', () => {
  const nul = parseDocument('file:///bin.txt', 'abc\u0000def 한국');
  assert.equal(nul.binary, true);
  assert.deepEqual(nul.textSegments, []);
  assert.equal(nul.frontMatter, null);
  assert.equal(parseDocument('a', '\ufffd'.repeat(50) + 'ab').binary, true);
  assert.equal(parseDocument('a', '노\ufffd 한국 대사관 '.repeat(1) + 'x'.repeat(200)).binary, false);
});

test('empty file and whitespace only', () => {
  const doc = parseDocument('file:///empty.md', '');
  assert.equal(doc.frontMatter, null);
  assert.deepEqual(doc.textSegments, []);
  assert.deepEqual(doc.body, { start: 0, end: 0 });
  assert.deepEqual(parseDocument('a', '  \n\n').textSegments, []);
});

test('decomposed (NFD) Hangul and emoji keep exact UTF-16 positions', () => {
  const nfd = '한국'.normalize('NFD');
  const text = `😀 ${nfd} <b>x</b>`;
  const doc = parseDocument('a', text);
  assert.equal(prose(doc), `😀 ${nfd} |x`);
  const x = text.indexOf('x');
  assert.deepEqual(doc.lines.positionAt(x), { line: 0, character: 2 + 1 + nfd.length + 1 + 3 });
  assert.equal(doc.language, 'ko');
});

test('hostile inputs finish quickly and stay well-formed', () => {
  const inputs = [
    '<a '.repeat(200_000),
    '[['.repeat(200_000),
    ']('.repeat(200_000),
    '`'.repeat(3) + ' x `` y '.repeat(50_000),
    '<!--'.repeat(100_000),
    '<script>'.repeat(50_000),
    '<h2>x'.repeat(50_000),
    '```\n'.repeat(50_000),
    'a.'.repeat(200_000),
    '<a title="'.repeat(50_000),
    'x'.repeat(1_000_000),
  ];
  for (const input of inputs) {
    const doc = parseDocument('file:///hostile.txt', input);
    assertWellFormed(doc);
  }
});

const seeds = '/work/shared/seeds';
test('seed documents: no prose inside attributes or URLs', { skip: !existsSync(seeds) && 'seeds folder absent' }, () => {
  for (const name of ['001_bfeacd3845dcb815.txt', '002_b050e75b41c29e53.txt', '004_7aceb42eca97a972.txt']) {
    const doc = parseDocument(name, readFileSync(`${seeds}/${name}`, 'utf8'));
    assertWellFormed(doc);
    for (const s of doc.textSegments) {
      const t = at(doc, s);
      assert.ok(!/https?:\/\//.test(t) && !/src=|href=|data-ke/.test(t), `${name}: ${t.slice(0, 80)}`);
    }
    for (const u of doc.urls) for (const s of doc.textSegments) assert.ok(u.span.end <= s.start || u.span.start >= s.end);
  }
});
