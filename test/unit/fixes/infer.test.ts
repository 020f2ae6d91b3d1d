import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import { inferMetadata } from '../../../server/src/core/fixes';
import { findDates } from '../../../server/src/core/fixes/inferDate';
import { kb, mentionOf } from '../rules/fakeContext';

const infer = (text: string, mentions = [] as ReturnType<typeof mentionOf>[]) => inferMetadata(parseDocument('file:///x.txt', text), mentions, kb);

test('title: a government press page, past its navigation boilerplate', () => {
  const page = [
    '바로가기 메뉴 본문 바로가기 주메뉴 바로가기',
    '이 누리집은 대한민국 공식 전자정부 누리집입니다.',
    '공식 누리집 주소 확인하기',
    '  1. 화면크기',
    '  2. 국가상징',
    '  3. ENGLISH',
    '',
    '외교부',
    '',
    '보도자료',
    '',
    '한-아세안 협력(ASEAN) 강화를 위한 회의 개최',
    '',
    '부서명',
    '아세안국',
    '작성일',
    '2022-03-04',
    '조회수',
    '120',
    '',
    '    우리 정부는 회의를 개최하였다.',
  ].join('\n');
  const meta = infer(page);
  assert.equal(meta.title, '한-아세안 협력(ASEAN) 강화를 위한 회의 개최');
  assert.equal(meta.date, '2022-03-04');
  assert.equal(meta.language, 'ko');
});

test('title: a news page whose headline and subtitle stand above the date line', () => {
  const page = '신문 이름(2000년 창간)\n홈 > 정치\n정치\n\n정상회담…"협력 확대"\n\n우주분야 협력 강화…교류 확대\n\n2021.08.17 13:08 입력\n  • 페이스북으로 보내기\n\n본문이 여기 있다.';
  const meta = infer(page);
  assert.equal(meta.title, '정상회담…"협력 확대"');
  assert.equal(meta.date, '2021-08-17');
});

test('title: Markdown heading, then <h2>, beat everything', () => {
  assert.equal(infer('intro line here\n## 두 번째 제목\n# 첫 제목\n').title, '두 번째 제목');
  assert.equal(infer('<p>짧은 글입니다.</p><h2 class="x">한미일, 공동성명 &amp; 발표</h2>').title, '한미일, 공동성명 & 발표');
  assert.equal(infer('Only one sentence here.').title, undefined);
});

test('dates in the forms the corpus uses; first credible one wins', () => {
  assert.deepEqual(findDates('작성일 2023-12-26 다음 2020-01-01'), ['2023-12-26', '2020-01-01']);
  assert.deepEqual(findDates('by gino 2023. 8. 31. 14:47'), ['2023-08-31']);
  assert.deepEqual(findDates('signed July 19, 2000 and February, 09, 2020, also 3 March 2001'), ['2000-07-19', '2020-02-09', '2001-03-03']);
  assert.deepEqual(findDates('2021/8/7 · 2000년 7월 19일'), ['2021-08-07', '2000-07-19']);
  assert.deepEqual(findDates('7.11-12 · 2023-13-45 · 1800-01-01 · v12023.1.1 · 10월 20일'), []);
  assert.equal(infer('작성일\n2023-12-26\n').date, '2023-12-26');
  // Dates inside URLs or attributes do not count.
  assert.equal(infer('<a href="https://x.org/2020/01/02/a">link</a> https://y.org/2019-05-05 text').date, undefined);
});

test('source: the 자료출처 link, else the first non-image link', () => {
  const text = '<img src="https://img.example/a.png"> <a href="https://first.example/a">a</a> 자료출처: <a href="https://source.example/b">b</a>';
  assert.equal(infer(text).source, 'https://source.example/b');
  assert.equal(infer('<img src="https://img.example/a"> 본문 https://news.example/x.jpg 그리고 www.x.org https://news.example/story').source, 'https://news.example/story');
  assert.equal(infer('no links').source, undefined);
});

test('entities and treaties: recognised ids, unique, first-seen order, ambiguous ones left out', () => {
  const text = '러시아 한국 러시아 유엔헌장 외교부';
  const amb = mentionOf(text, '외교부', ['kor', 'rus'], 'ministry');
  const meta = infer(text, [
    mentionOf(text, '러시아', ['rus'], 'country'),
    mentionOf(text, '한국', ['kor'], 'country'),
    mentionOf(text, '러시아', ['rus'], 'country', 'alias', 1),
    mentionOf(text, '유엔헌장', ['un-charter'], 'treaty'),
    amb,
  ]);
  assert.deepEqual(meta.entities, ['rus', 'kor']);
  assert.deepEqual(meta.treaties, ['un-charter']);
});

const seeds = '/work/shared/seeds';
test('seed 000: the headline title and the 작성일 date', { skip: !existsSync(seeds) && 'seeds folder absent' }, () => {
  const name = readdirSync(seeds).find((f) => f.startsWith('000_'))!;
  const meta = infer(readFileSync(`${seeds}/${name}`, 'utf8'));
  assert.equal(meta.title, '북대서양조약기구(NATO)와의 연대와 협력 강화');
  assert.equal(meta.date, '2023-12-26');
  assert.equal(meta.language, 'ko');
});

test('title: an English news page with a breadcrumb and a byline', () => {
  const page = 'Skip to content\nMenu\nHome > World > Asia\nLeaders agree to expand cooperation\nBy Jane Doe\nJuly 19, 2000\n\nThe two leaders met on Monday.';
  const meta = infer(page);
  assert.equal(meta.title, 'Leaders agree to expand cooperation');
  assert.equal(meta.date, '2000-07-19');
  assert.equal(meta.language, 'en');
});

test('source: an English "Source:" label, not the word inside prose', () => {
  assert.equal(infer('See https://a.example/x for the open source code. Source: https://b.example/y').source, 'https://b.example/y');
  assert.equal(infer('Read https://first.example/a, then the open source code at https://second.example/b').source, 'https://first.example/a');
});
