import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, kbOf, mentionsOf, RECORDS } from './fixtures';

test('quoted Korean treaty titles resolve whatever the spacing and middle dot', () => {
  const ms = mentionsOf(
    '1961년 ‘조선민주주의인민공화국과 소비에트 사회주의공화국연맹 간의 우호ㆍ협조 및 호상원조에 관한 조약’(이하 조소우호조약)을 체결',
  );
  assert.deepEqual(
    ms.map((m) => [m.ids.join(','), m.via, m.kind]),
    [
      ['ussr-dprk-treaty-1961', 'quoted-title', 'treaty'],
      ['ussr-dprk-treaty-1961', 'alias', 'treaty'],
    ],
  );
  assert.ok(!ms[0].text.includes('‘') && !ms[0].text.includes('’'), 'the span is inside the quotes');
  assert.deepEqual(found('‘조선민주주의인민공화국과 러시아 연방 사이의 친선, 선린 및 협조에 관한 조약’을 체결하였다'), [
    '조선민주주의인민공화국과 러시아 연방 사이의 친선, 선린 및 협조에 관한 조약=russia-dprk-treaty-2000',
  ]);
  assert.deepEqual(found("북한과 러시아는 '포괄적인 전략적 동반자 관계에 관한 조약'을 맺고"), [
    '북한=prk',
    '러시아=rus',
    '포괄적인 전략적 동반자 관계에 관한 조약=russia-dprk-treaty-2024',
  ]);
  assert.deepEqual(found('「포괄적인  전략적 동반자 관계에 관한 조약」'), ['포괄적인  전략적 동반자 관계에 관한 조약=russia-dprk-treaty-2024']);
});

test('an unknown quoted title is an unknown instrument; other quoted text is scanned as usual', () => {
  const [m] = mentionsOf('‘북·러 모스크바 선언’을 채택');
  assert.equal(m.text, '북·러 모스크바 선언');
  assert.deepEqual(m.ids, []);
  assert.equal(m.kind, 'unknown');
  assert.equal(m.via, 'quoted-title');
  assert.deepEqual(found('‘자동군사개입’ 조항과 “북한의 도발”'), ['북한=prk']);
});

test('English titles, quoted or as an unquoted Treaty on/of phrase', () => {
  assert.deepEqual(
    found('signing the Treaty on Friendship, Good-Neighborly Relations and Cooperation between the two countries', 'en'),
    ['Treaty on Friendship, Good-Neighborly Relations and Cooperation=russia-dprk-treaty-2000'],
  );
  assert.deepEqual(found('the "Treaty on Friendship, Good Neighborly Relations and Cooperation" was signed', 'en'), [
    'Treaty on Friendship, Good Neighborly Relations and Cooperation=russia-dprk-treaty-2000',
  ]);
  const unknown = mentionsOf('inked the Treaty of Amity, Commerce and Navigation in 1950', 'en');
  assert.deepEqual(
    unknown.map((m) => [m.text, m.kind]),
    [['Treaty of Amity, Commerce and Navigation', 'unknown']],
  );
  assert.deepEqual(found('a treaty of friendship', 'en'), [], 'lower-case prose is not a title');
  assert.deepEqual(found("the treaty's renewal", 'en'), []);
});

test('numbered resolutions, Korean forms', () => {
  assert.deepEqual(found('안보리 결의 제2397호 위반'), ['안보리=unsc', '결의 제2397호=unscr-2397']);
  assert.deepEqual(found('결의 2397호'), ['결의 2397호=unscr-2397']);
  assert.deepEqual(found('결의 1718호, 2397호와'), ['결의 1718호=unscr-1718', '2397호=unscr-2397']);
  assert.deepEqual(found('안보리 결의를 준수'), ['안보리=unsc'], 'no number, no resolution mention');
});

test('numbered resolutions, English forms', () => {
  assert.deepEqual(found('resolution 1718 (2006) and Resolution 2397', 'en'), [
    'resolution 1718 (2006)=unscr-1718',
    'Resolution 2397=unscr-2397',
  ]);
  assert.deepEqual(found('UNSCR 1718', 'en'), ['UNSCR 1718=unscr-1718']);
  assert.deepEqual(found('S/RES/2397 (2017)', 'en'), ['S/RES/2397 (2017)=unscr-2397']);
  assert.deepEqual(found('resolutions 1718 and 2397', 'en'), ['resolutions 1718=unscr-1718', '2397=unscr-2397']);
  assert.deepEqual(found('a resolution 2 weeks later', 'en'), []);
  // named by an alias, a resolution keeps its year too
  assert.deepEqual(found('UN Security Council resolution 1718 (2006) and UN Security Council resolution 2397.', 'en'), [
    'UN Security Council resolution 1718 (2006)=unscr-1718',
    'UN Security Council resolution 2397=unscr-2397',
  ]);
});

test('a tie goes to the earlier rule: a resolution named by its alias is an alias mention, though the numbered rule reads as far', () => {
  const kb = kbOf([...RECORDS, { id: 'unscr-1695', kind: 'resolution', name: { ko: '결의 1695호', en: 'resolution 1695' }, number: 1695 }]);
  const via = (text: string, lang: 'ko' | 'en') => mentionsOf(text, lang, kb).map((m) => `${m.text}:${m.via}`);
  assert.deepEqual(via('결의 1695호 이행', 'ko'), ['결의 1695호:alias']);
  assert.deepEqual(via('under resolution 1695 (2006).', 'en'), ['resolution 1695 (2006):alias']);
  // Read further by the numbered rule than by the alias: the longer reading wins.
  assert.deepEqual(via('결의 1695호, 2397호', 'ko'), ['결의 1695호:resolution', '2397호:resolution']);
});

test('an unknown resolution number is an unknown instrument', () => {
  const [m] = mentionsOf('결의 2270호');
  assert.deepEqual(m.ids, []);
  assert.equal(m.kind, 'unknown');
  assert.equal(m.via, 'resolution');
});
