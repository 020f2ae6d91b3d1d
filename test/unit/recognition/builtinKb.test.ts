import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuiltinKb } from '../../../server/src/core/kb/builtin';
import { KnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import { recognize } from '../../../server/src/core/recognition';
import { docOf, type Lang } from './fixtures';

// The recognition rules against the shipped knowledge base (its ids are the contract the rules, fixes and corpus
// tests rely on). Sentences are written here, not taken from the seeds.
const kb = new KnowledgeBase(loadBuiltinKb());

function ids(text: string, language: Lang = 'ko'): string[] {
  return recognize(docOf(text, language), kb).map((m) => `${m.text}=${m.ids.join(',')}`);
}

test('built-in KB: countries with particles, compounds and separators', () => {
  assert.deepEqual(ids('한미일은 러북 간 협력을 규탄했다'), ['한=kor', '미=usa', '일=jpn', '러=rus', '북=prk']);
  assert.deepEqual(ids('북한과 러시아는 조약을 맺었다'), ['북한=prk', '러시아=rus']);
  assert.deepEqual(ids('한·카자흐 정상회담과 한-카자흐스탄 수교'), ['한=kor', '카자흐=kaz', '한=kor', '카자흐스탄=kaz']);
  assert.deepEqual(ids('남북한 관계'), ['남=kor', '북한=prk']);
  assert.deepEqual(ids('한·소 수교 이후 중국과'), ['한=kor', '소=sun', '중국=chn']);
  assert.deepEqual(ids('태평양과 러시아어'), []);
});

test('built-in KB: organisations, acronym pairs and bodies', () => {
  assert.deepEqual(ids('북대서양조약기구(NATO)와의 협력'), ['북대서양조약기구(NATO)=nato']);
  assert.deepEqual(ids('유엔과 안보리'), ['유엔=un', '안보리=unsc']);
  assert.deepEqual(ids('NATO and the UN adopted it UNANIMOUSLY', 'en'), ['NATO=nato', 'UN=un']);
});

test('built-in KB: ministries, bare and country-qualified', () => {
  assert.deepEqual(ids('외교부는 밝혔다'), ['외교부=kor-mofa']);
  assert.deepEqual(ids('폴란드 외교부 대변인'), ['폴란드=pol', '외교부=pol-mfa']);
  assert.deepEqual(ids('일본 외무성'), ['일본=jpn', '외무성=jpn-mfa']);
  assert.deepEqual(ids('미 국무부는'), ['미=usa', '국무부=usa-state-dept']);
});

test('built-in KB: people and treaties, Korean and English', () => {
  assert.deepEqual(ids('문재인 대통령은'), ['문재인=moon-jae-in']);
  assert.deepEqual(ids("'포괄적인 전략적 동반자 관계에 관한 조약'에 대해"), ['포괄적인 전략적 동반자 관계에 관한 조약=russia-dprk-treaty-2024']);
  assert.deepEqual(ids('‘조선민주주의인민공화국과 러시아 연방 사이의 친선, 선린 및 협조에 관한 조약’을'), [
    '조선민주주의인민공화국과 러시아 연방 사이의 친선, 선린 및 협조에 관한 조약=russia-dprk-treaty-2000',
  ]);
  assert.deepEqual(ids('1961년 조소우호조약'), ['조소우호조약=ussr-dprk-treaty-1961']);
  assert.deepEqual(ids('‘조선민주주의인민공화국과 소비에트 사회주의 연방공화국 간의 우호·협조 및 호상원조에 관한 조약’'), [
    '조선민주주의인민공화국과 소비에트 사회주의 연방공화국 간의 우호·협조 및 호상원조에 관한 조약=ussr-dprk-treaty-1961',
  ]);
  assert.deepEqual(ids('signed the Treaty on Friendship, Good-Neighborly Relations and Cooperation in 2000', 'en'), [
    'Treaty on Friendship, Good-Neighborly Relations and Cooperation=russia-dprk-treaty-2000',
  ]);
  assert.deepEqual(ids('the ABM treaty and the UN Charter', 'en'), ['ABM treaty=abm-treaty', 'UN Charter=un-charter']);
});

test('built-in KB: numbered resolutions', () => {
  const ms = recognize(docOf('결의 1718호와 resolution 1718 (2006), 결의 9999호'), kb);
  assert.deepEqual(
    ms.map((m) => [m.ids.join(','), m.kind]),
    [
      ['unscr-1718', 'resolution'],
      ['unscr-1718', 'resolution'],
      ['', 'unknown'],
    ],
  );
});
