import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, mentionsOf } from './fixtures';

test('a shared body name after a country is that country\'s body; the country is its own mention', () => {
  const ms = mentionsOf('폴란드 외교부는 성명을 냈다');
  assert.deepEqual(
    ms.map((m) => [m.text, m.ids.join(','), m.via]),
    [
      ['폴란드', 'pol', 'alias'],
      ['외교부', 'pol-mfa', 'qualified'],
    ],
  );
  assert.deepEqual(found('폴란드외교부'), ['폴란드=pol', '외교부=pol-mfa']);
  assert.deepEqual(found('폴란드의 외교부'), ['폴란드=pol', '외교부=pol-mfa']);
});

test('a body whose full name is "country + shared name" still mentions the country: 일본 외무성', () => {
  const ms = mentionsOf('일본 외무성 대변인');
  assert.deepEqual(
    ms.map((m) => [m.text, m.ids.join(','), m.via]),
    [
      ['일본', 'jpn', 'alias'],
      ['외무성', 'jpn-mfa', 'qualified'],
    ],
  );
});

test('a short form right before a body of its country: 미 국무부, 미국무부, 일외교부', () => {
  assert.deepEqual(found('미 국무부 대변인'), ['미=usa', '국무부=usa-state-dept']);
  assert.deepEqual(found('미국무부는'), ['미=usa', '국무부=usa-state-dept']);
  assert.deepEqual(found('일외교부'), ['일=jpn', '외교부=jpn-mfa']);
  // 중 and 일 before a space are everyday words (during, day): 방문 중 외교부 장관 is the Korean minister
  assert.deepEqual(found('방문 중 외교부 장관'), ['외교부=kor-mofa']);
  assert.deepEqual(found('일 외교부'), ['외교부=kor-mofa']);
  // a date is not a short form: 17일 외교부는 is the (default) Korean ministry
  assert.deepEqual(found('17일 외교부는'), ['외교부=kor-mofa']);
  // 한 is also the article "a": 한 외교부 관계자 is "a ministry official"
  assert.deepEqual(found('한 외교부 관계자는'), ['외교부=kor-mofa']);
});

test('a bare shared name: the default for the document language, else every claimant, flagged ambiguous', () => {
  const [ko] = mentionsOf('외교부는 밝혔다', 'ko');
  assert.deepEqual(ko.ids, ['kor-mofa']);
  assert.equal(ko.ambiguous, undefined);
  const [en] = mentionsOf('the Foreign Ministry said', 'en');
  assert.deepEqual(en.ids, ['kor-mofa', 'pol-mfa', 'jpn-mfa']);
  assert.equal(en.ambiguous, true);
  assert.equal(en.kind, 'ministry');
  const [none] = mentionsOf('Foreign Ministry', null);
  assert.equal(none.ambiguous, true);
  // a Korean shared name in a mostly English document is still Korean usage
  assert.deepEqual(found('외교부', 'en'), ['외교부=kor-mofa']);
});

test('English possessive and "of" qualify a shared name', () => {
  assert.deepEqual(found("Poland's Foreign Ministry", 'en'), ['Poland=pol', 'Foreign Ministry=pol-mfa']);
  assert.deepEqual(found('the Foreign Ministry of Japan', 'en'), ['Foreign Ministry=jpn-mfa', 'Japan=jpn']);
});

test('a country too far before does not qualify: 폴란드와 협의한 외교부', () => {
  assert.deepEqual(found('폴란드와 협의한 외교부'), ['폴란드=pol', '외교부=kor-mofa']);
});

test('ambiguous aliases list every claimant', () => {
  const [m] = mentionsOf('양국 외무장관 회담');
  assert.deepEqual(m.ids, ['lavrov', 'choe-son-hui']);
  assert.equal(m.ambiguous, true);
  assert.equal(m.kind, 'person');
});
