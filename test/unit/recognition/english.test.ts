import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found } from './fixtures';

test('English names need word boundaries: UNANIMOUSLY is not MOU, Korean is not Korea', () => {
  assert.deepEqual(found('The resolution was adopted UNANIMOUSLY.', 'en'), []);
  assert.deepEqual(found('They signed an MOU.', 'en'), ['MOU=mou-kaz']);
  assert.deepEqual(found('the Korean Peninsula and South Korea', 'en'), ['South Korea=kor']);
  assert.deepEqual(found('NATO2 and xNATO', 'en'), []);
});

test('all-caps acronyms are case-sensitive: UN, US; other names ignore case', () => {
  assert.deepEqual(found('the un vote, us and the US', 'en'), ['US=usa']);
  assert.deepEqual(found('NATO and the UN', 'en'), ['NATO=nato', 'UN=un']);
  assert.deepEqual(found('DPRK-RUSSIA JOINT DECLARATION', 'en'), ['DPRK=prk', 'RUSSIA=rus']);
  assert.deepEqual(found('the russian federation', 'en'), ['russian federation=rus']);
});

test('possessives and hyphens are boundaries: Russia\'s, Russia’s, US-North Korea', () => {
  assert.deepEqual(found("Russia's efforts and Russia’s role", 'en'), ['Russia=rus', 'Russia=rus']);
  assert.deepEqual(found('a US-North Korea escalation', 'en'), ['US=usa', 'North Korea=prk']);
  assert.deepEqual(found("the Democratic People’s Republic of Korea", 'en'), ["Democratic People’s Republic of Korea=prk"]);
});

test('leftmost-longest between English names: UN Charter over UN, the Russian Federation', () => {
  assert.deepEqual(found('the UN Charter and the Russian Federation', 'en'), ['UN Charter=un-charter', 'Russian Federation=rus']);
  assert.deepEqual(found('the 1972 ABM treaty, a bedrock', 'en'), ['ABM treaty=abm-treaty']);
});

test('English next to Hangul: NATO와의, UN안보리', () => {
  assert.deepEqual(found('NATO와의 협력'), ['NATO=nato']);
});

test('a one-word name needs its capital in the text: fine china is not China; multi-word names ignore case', () => {
  assert.deepEqual(found('fine china and China, CHINA', 'en'), ['China=chn', 'CHINA=chn']);
  assert.deepEqual(found('japan', 'en'), []);
  assert.deepEqual(found('the united states', 'en'), ['united states=usa']);
});
