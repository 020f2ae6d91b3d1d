import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, mentionsOf } from './fixtures';

test('particles after a name are outside the mention: 북한의, 러시아로의, 북대서양조약기구와의, 한국은, 미국과', () => {
  assert.deepEqual(found('북한의 도발과 러시아로의 무기 이전'), ['북한=prk', '러시아=rus']);
  assert.deepEqual(found('북대서양조약기구와의 협력, 한국은 미국과'), ['북대서양조약기구=nato', '한국=kor', '미국=usa']);
  const [m] = mentionsOf('러시아로의');
  assert.deepEqual(m.span, { start: 0, end: 3 });
  assert.equal(m.via, 'alias');
  assert.equal(m.kind, 'country');
});

test('no Hangul glued before a short name: 태평양 does not contain 평양', () => {
  assert.deepEqual(found('태평양 연안 국가'), []);
  assert.deepEqual(found('평양 방문'), ['평양=pyongyang']);
  assert.deepEqual(found('친북한 단체'), []);
});

test('a long name may be glued after other Hangul: 토대로북대서양조약기구와의', () => {
  assert.deepEqual(found('이행 등을 토대로북대서양조약기구와의 협력'), ['북대서양조약기구=nato']);
  // three syllables count as long enough: 주한러시아 대사 is Russia's ambassador
  assert.deepEqual(found('주한러시아 대사'), ['러시아=rus']);
});

test('a language is not its country (러시아어, 한국어); a people (러시아인) stays a mention of it', () => {
  assert.deepEqual(found('러시아어 통역과 한국어 교재'), []);
  assert.deepEqual(found('러시아인 관광객'), ['러시아=rus']);
});

test('a short name inside another word is not a mention: 인도적 지원, 인도양', () => {
  assert.deepEqual(found('인도적 지원을 확대'), []);
  assert.deepEqual(found('인도양 항로'), []);
  assert.deepEqual(found('인도와 협력'), ['인도=ind']);
});

test('single short forms alone are never mentions: 미, 일, 북', () => {
  assert.deepEqual(found('미 정부'), []);
  assert.deepEqual(found('17일 발표'), []);
  assert.deepEqual(found('북 측'), []);
});

test('compounds: 한미일 gives three one-syllable mentions; 북러 and 러북 give North Korea and Russia', () => {
  const ms = mentionsOf('한미일은 북러 간 협력과 러북 파트너십을 규탄했다');
  assert.deepEqual(
    ms.map((m) => [m.text, m.ids[0], m.via, m.span.end - m.span.start]),
    [
      ['한', 'kor', 'compound', 1],
      ['미', 'usa', 'compound', 1],
      ['일', 'jpn', 'compound', 1],
      ['북', 'prk', 'compound', 1],
      ['러', 'rus', 'compound', 1],
      ['러', 'rus', 'compound', 1],
      ['북', 'prk', 'compound', 1],
    ],
  );
});

test('compounds with separators and full names: 한-카자흐, 한·카자흐, 한ㆍ카자흐스탄, 북·러, 한·소', () => {
  assert.deepEqual(found('한-카자흐 정상회담'), ['한=kor', '카자흐=kaz']);
  assert.deepEqual(found('한·카자흐 정상회담'), ['한=kor', '카자흐=kaz']);
  assert.deepEqual(found('한ㆍ카자흐스탄 정상회담'), ['한=kor', '카자흐스탄=kaz']);
  assert.deepEqual(found('북·러조약은'), ['북=prk', '러=rus']);
  assert.deepEqual(found('한·소 수교 이후'), ['한=kor', '소=sun']);
  assert.deepEqual(found('한-북대서양조약기구간 협력'), ['한=kor', '북대서양조약기구=nato']);
});

test('남북한 names South and North Korea once each; 한미동맹 names Korea and the US', () => {
  assert.deepEqual(found('남북한 관계'), ['남=kor', '북한=prk']);
  assert.deepEqual(found('굳건한 한미동맹을 바탕으로'), ['한=kor', '미=usa']);
  assert.deepEqual(found('남북정상회담'), ['남=kor', '북=prk']);
});

test('compound guards: Hangul before, an unknown word after, one country only', () => {
  assert.deepEqual(found('주한미군'), [], 'preceded by Hangul');
  assert.deepEqual(found('한·중앙아 협력'), [], '중 is the start of 중앙아');
  assert.deepEqual(found('한미사일'), [], 'not followed by a particle or compound noun');
  assert.deepEqual(found('남한 정부'), ['남한=kor'], 'a name, not a compound of one country');
});

test('compounds that are also ordinary words need a compound noun: 북미 지역 vs 북미 정상회담', () => {
  assert.deepEqual(found('북미 지역 수출'), []);
  assert.deepEqual(found('열심히 일한 사람'), []);
  assert.deepEqual(found('북미 정상회담'), ['북=prk', '미=usa']);
  assert.deepEqual(found('북미관계'), ['북=prk', '미=usa']);
});

test('a name wins over a compound of the same length, and a longer alias over a compound: 조소우호조약', () => {
  assert.deepEqual(found('조소우호조약 폐기'), ['조소우호조약=ussr-dprk-treaty-1961']);
  assert.deepEqual(found('북한과'), ['북한=prk']);
});

test('acronym pairs: the name and its parenthesised acronym are one mention', () => {
  const [m] = mentionsOf('북대서양조약기구(NATO)와의 연대');
  assert.equal(m.text, '북대서양조약기구(NATO)');
  assert.equal(m.via, 'acronym-pair');
  assert.deepEqual(m.ids, ['nato']);
  assert.deepEqual(found('북대서양조약기구(NATO, North Atlantic Treaty Organization)와의 협력'), [
    '북대서양조약기구(NATO, North Atlantic Treaty Organization)=nato',
  ]);
  assert.deepEqual(found('개별 맞춤형 협력 관계 프로그램(ITPP)*을 통해'), ['개별 맞춤형 협력 관계 프로그램(ITPP)=itpp']);
  assert.deepEqual(found('North Atlantic Treaty Organization (NATO) members', 'en'), ['North Atlantic Treaty Organization (NATO)=nato']);
});

test('a parenthesis naming something else is not a pair', () => {
  assert.deepEqual(found('북대서양조약기구(EU)'), ['북대서양조약기구=nato', 'EU=eu']);
  assert.deepEqual(found('북대서양조약기구(2023)'), ['북대서양조약기구=nato']);
});

test('names with spaces match across any whitespace run, including a line break', () => {
  assert.deepEqual(found('개별 맞춤형\n협력  관계 프로그램'), ['개별 맞춤형\n협력  관계 프로그램=itpp']);
});

test('glued short forms that spell everyday words are not compounds: 불러, 미소, 중독, 소중한, 중남미', () => {
  assert.deepEqual(found('대사를 불러 항의했다'), []);
  assert.deepEqual(found('미소를 지었다'), []);
  assert.deepEqual(found('마약 중독 문제'), []);
  assert.deepEqual(found('소중한 기회'), []);
  assert.deepEqual(found('중남미 국가'), []);
  assert.deepEqual(found('미소 냉전 시기'), ['미=usa', '소=sun'], 'but the same letters before a compound noun are');
});

test('country names that are everyday words need country context: 외교적 수단 vs 수단 정부', () => {
  assert.deepEqual(found('외교적 수단을 활용'), []);
  assert.deepEqual(found('수단 정부는'), ['수단=sdn']);
  assert.deepEqual(found('수단의 수도'), ['수단=sdn']);
  assert.deepEqual(found('가나, 토고, 수단'), ['가나=gha', '토고=tgo', '수단=sdn']);
  assert.deepEqual(found('가나다 순서'), []);
});

test('a one-syllable name stands alone or before a particle: 괌에서, not 괌자', () => {
  assert.deepEqual(found('괌에서 훈련'), ['괌=gum']);
  assert.deepEqual(found('(괌)'), ['괌=gum']);
  assert.deepEqual(found('괌자'), []);
});
