// Checks the built-in knowledge base itself (server/data/kb): what a hover card or a resolution shows is only as
// good as this data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyExtensions } from '../../../server/src/core/kb/extend';
import { parseBuiltinYaml } from '../../../server/src/core/kb/builtin';
import { compareKbDates, isKbDate } from '../../../server/src/core/kb/validate';
import { ENTITY_KINDS, type KbRecord } from '../../../server/src/core/kb/record';

const { all, problems } = parseBuiltinYaml();
const bases = all.filter((r) => !r.record.extends);
const { records: loaded, orphans } = applyExtensions([...bases, ...all.filter((r) => r.record.extends)]);
const records: KbRecord[] = loaded.map((r) => r.record);
const byId = new Map(records.map((r) => [r.id, r]));

test('every built-in file parses without a problem', () => {
  assert.deepEqual(
    problems.map((p) => `${p.uri.split('/').pop()}: ${p.message}`),
    [],
  );
  assert.ok(records.length > 400, `expected the full base, got ${records.length}`);
});

test('ids are unique across the built-in files, and every extension extends a record', () => {
  const seen = new Map<string, string>();
  const dups: string[] = [];
  for (const r of bases) {
    const file = r.origin.uri.split('/').pop()!;
    if (seen.has(r.record.id)) dups.push(`${r.record.id} in ${seen.get(r.record.id)} and ${file}`);
    seen.set(r.record.id, file);
  }
  assert.deepEqual(dups, []);
  assert.deepEqual(orphans.map((o) => o.record.id), []);
});

test('ids are lower-case kebab-case', () => {
  const bad = records.map((r) => r.id).filter((id) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id));
  assert.deepEqual(bad, []);
});

test('every referenced id exists and has a fitting kind', () => {
  const missing: string[] = [];
  const ref = (from: string, field: string, id: string | undefined) => {
    if (id !== undefined && !byId.has(id)) missing.push(`${from}.${field} -> ${id}`);
  };
  for (const r of records) {
    for (const p of r.parties ?? []) ref(r.id, 'parties', p);
    ref(r.id, 'replaced_by', r.replaced_by);
    ref(r.id, 'replaces', r.replaces);
    ref(r.id, 'country', r.country);
    ref(r.id, 'parent', r.parent);
    for (const role of r.roles ?? []) ref(r.id, 'roles.of', role.of);
  }
  assert.deepEqual(missing, []);
  const notEntity = records.flatMap((r) =>
    (r.parties ?? []).filter((p) => !(ENTITY_KINDS as readonly string[]).includes(byId.get(p)!.kind)).map((p) => `${r.id}: ${p}`),
  );
  assert.deepEqual(notEntity, [], 'parties are entities');
});

test('replaced_by and replaces agree both ways', () => {
  const bad: string[] = [];
  for (const r of records) {
    if (r.replaced_by) {
      const next = byId.get(r.replaced_by)!;
      if (next.replaces && next.replaces !== r.id) bad.push(`${r.id} -> ${r.replaced_by} which replaces ${next.replaces}`);
    }
    if (r.replaces) {
      const prev = byId.get(r.replaces)!;
      if (prev.replaced_by && prev.replaced_by !== r.id) bad.push(`${r.id} replaces ${r.replaces} which is replaced by ${prev.replaced_by}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('dates are valid and ordered: signed ≤ in force ≤ terminated, founded ≤ dissolved, role from ≤ to', () => {
  const bad: string[] = [];
  for (const r of records) {
    for (const key of ['signed', 'adopted', 'in_force', 'terminated', 'founded', 'dissolved'] as const) {
      const v = r[key];
      if (v !== undefined && !isKbDate(v)) bad.push(`${r.id}.${key} = ${v}`);
    }
    const chain = [r.signed ?? r.adopted, r.in_force, r.terminated].filter((d): d is string => d !== undefined);
    for (let i = 1; i < chain.length; i++) if (compareKbDates(chain[i - 1], chain[i]) > 0) bad.push(`${r.id}: ${chain[i - 1]} after ${chain[i]}`);
    if (r.founded && r.dissolved && compareKbDates(r.founded, r.dissolved) > 0) bad.push(`${r.id}: founded after dissolved`);
    for (const role of r.roles ?? []) {
      for (const d of [role.from, role.to]) if (d !== undefined && !isKbDate(d)) bad.push(`${r.id} role date ${d}`);
      if (role.from && role.to && compareKbDates(role.from, role.to) > 0) bad.push(`${r.id}: role ${role.title.en} from ${role.from} to ${role.to}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('every record has a Korean and an English name, and a source link', () => {
  const bad = records.filter((r) => !r.name?.ko || !r.name?.en || !r.source).map((r) => r.id);
  assert.deepEqual(bad, []);
});

test('no plain name or alias is claimed by two records unless both list it as ambiguous', () => {
  const claims = new Map<string, Set<string>>();
  for (const r of records)
    for (const lang of ['ko', 'en'] as const)
      for (const name of new Set([r.name[lang], ...(r.aliases?.[lang] ?? [])])) {
        if (!name) continue;
        const key = `${lang}:${name}`;
        if (!claims.has(key)) claims.set(key, new Set());
        claims.get(key)!.add(r.id);
      }
  const silent: string[] = [];
  for (const [key, owners] of claims) if (owners.size > 1) silent.push(`${key} <- ${[...owners].join(', ')}`);
  assert.deepEqual(silent, []);
  // And an alias marked ambiguous really is shared (otherwise it should be a plain alias).
  const ambiguous = new Map<string, string[]>();
  for (const r of records)
    for (const lang of ['ko', 'en'] as const)
      for (const a of r.ambiguous_aliases?.[lang] ?? []) ambiguous.set(`${lang}:${a}`, [...(ambiguous.get(`${lang}:${a}`) ?? []), r.id]);
  const lonely = [...ambiguous].filter(([, ids]) => ids.length < 2).map(([k, ids]) => `${k} only in ${ids[0]}`);
  assert.deepEqual(lonely, []);
});

test('a qualified alias needs a country to qualify it; default_for needs a qualified alias', () => {
  const bad = records
    .filter((r) => (r.qualified_aliases && !r.country) || (r.default_for && !r.qualified_aliases))
    .map((r) => r.id);
  assert.deepEqual(bad, []);
  // At most one record per qualified alias is the default in a language.
  const defaults = new Map<string, string[]>();
  for (const r of records)
    for (const lang of r.default_for ?? [])
      for (const a of r.qualified_aliases?.[lang] ?? []) defaults.set(`${lang}:${a}`, [...(defaults.get(`${lang}:${a}`) ?? []), r.id]);
  assert.deepEqual([...defaults].filter(([, ids]) => ids.length > 1), []);
});

test('a publishing domain belongs to one record', () => {
  const owner = new Map<string, string>();
  const bad: string[] = [];
  for (const r of records)
    for (const d of r.domains ?? []) {
      if (owner.has(d)) bad.push(`${d}: ${owner.get(d)} and ${r.id}`);
      owner.set(d, r.id);
    }
  assert.deepEqual(bad, []);
  assert.equal(owner.get('mofa.go.kr'), 'kor-mofa');
});

test('short forms belong to countries and no two countries share one', () => {
  const owner = new Map<string, string>();
  const bad: string[] = [];
  for (const r of records)
    for (const s of r.short ?? []) {
      if (!['country', 'historical-state', 'territory'].includes(r.kind)) bad.push(`${r.id} is not a country`);
      if (owner.has(s)) bad.push(`${s}: ${owner.get(s)} and ${r.id}`);
      owner.set(s, r.id);
    }
  assert.deepEqual(bad, []);
});

test('every UN member state is a country record with its ISO codes, plus observers, historical states, Taiwan and Kosovo', () => {
  const countries = records.filter((r) => r.kind === 'country');
  const members = countries.filter((r) => r.description?.en?.startsWith('UN member state'));
  assert.equal(members.length, 193);
  for (const id of ['vat', 'pse', 'twn', 'xkx', 'sun', 'ddr', 'yug', 'csk']) assert.ok(byId.has(id), id);
  assert.ok(!members.some((r) => r.id === 'vat'), 'the Holy See is an observer, not a member');
  for (const r of countries) assert.equal(r.iso?.alpha3?.toLowerCase(), r.id, `${r.id} id is its ISO alpha-3`);
});

test('the seeds’ entities are there with the names and short forms the texts use', () => {
  const names = (id: string) => {
    const r = byId.get(id);
    assert.ok(r, `missing ${id}`);
    return [r.name.ko, r.name.en, ...(r.aliases?.ko ?? []), ...(r.aliases?.en ?? [])];
  };
  const expectNames: Record<string, string[]> = {
    prk: ['북한', '조선민주주의인민공화국', 'DPRK', 'North Korea', "Democratic People's Republic of Korea"],
    kor: ['대한민국', '한국', '남한', 'Republic of Korea', 'South Korea', 'ROK'],
    rus: ['러시아', '러시아 연방', 'Russian Federation'],
    sun: ['소련', '소비에트 사회주의 공화국 연방', 'Soviet Union', 'USSR'],
    kaz: ['카자흐스탄'],
    nato: ['북대서양조약기구', 'NATO', 'North Atlantic Treaty Organization'],
    unsc: ['안보리', '유엔 안전보장이사회', 'UNSC'],
    'kassym-jomart-tokayev': ['카심조마르트 토카예프', '카심-조마르트 토카예프', '토카예프', 'Kassym-Jomart Tokayev', 'Tokayev'],
    'moon-jae-in': ['문재인', 'Moon Jae-in'],
    'nato-korea-itpp': ['개별 맞춤형 협력 관계 프로그램', 'ITPP'],
    'nato-korea-ipcp': ['개별 동반 협력 프로그램', 'IPCP'],
    'ussr-dprk-treaty-1961': ['조소우호조약', '조선민주주의인민공화국과 소비에트 사회주의연방공화국 간의 우호협조 및 호상원조에 관한 조약'],
    'russia-dprk-treaty-2000': [
      '조선민주주의인민공화국과 러시아 연방 사이의 친선, 선린 및 협조에 관한 조약',
      'Treaty on Friendship, Good-Neighborly Relations and Cooperation',
      'treaty of friendship, good neighborliness and cooperation',
    ],
    'russia-dprk-treaty-2024': ['포괄적인 전략적 동반자 관계에 관한 조약', '포괄적 전략동반자 협정'],
    'dprk-russia-joint-declaration-2000': ['북·러 공동선언'],
    'dprk-russia-moscow-declaration-2001': ['북·러 모스크바 선언'],
    'abm-treaty': ['ABM treaty'],
    'un-charter': ['유엔 헌장', 'UN Charter'],
  };
  for (const [id, expected] of Object.entries(expectNames)) {
    const have = names(id);
    for (const n of expected) assert.ok(have.includes(n), `${id} lacks '${n}'`);
  }
  const shorts: Record<string, string[]> = { kor: ['한', '남'], prk: ['북'], usa: ['미'], jpn: ['일'], chn: ['중'], rus: ['러'], kaz: ['카자흐'], sun: ['소'] };
  for (const [id, s] of Object.entries(shorts)) for (const x of s) assert.ok(byId.get(id)?.short?.includes(x), `${id} short ${x}`);
  for (const id of ['yoon-suk-yeol', 'vladimir-putin', 'kim-jong-il', 'kim-il-sung', 'kim-jong-un', 'igor-ivanov', 'paek-nam-sun', 'kim-hong-kyun', 'xi-jinping', 'jiang-zemin', 'eu', 'un', 'iaea', 'unscr-1718', 'start-ii', 'start-iii'])
    assert.ok(byId.has(id), id);
});

test('ministries: a bare 외교부 in Korean is Korea’s; every other country’s is reached through its name', () => {
  const mofa = byId.get('kor-mofa')!;
  assert.deepEqual(mofa.default_for, ['ko']);
  assert.ok(mofa.qualified_aliases?.ko?.includes('외교부'));
  const pol = byId.get('pol-mfa')!;
  assert.equal(pol.country, 'pol');
  assert.ok(pol.qualified_aliases?.ko?.includes('외교부'));
  assert.equal(pol.name.ko, '폴란드 외교부');
  assert.equal(byId.get('jpn-mfa')!.name.ko, '일본 외무성');
  assert.ok(byId.get('usa-state-dept')!.aliases?.ko?.includes('미 국무부'));
  assert.equal(byId.get('rus-mfa')!.name.ko, '러시아 외무부');
  const countriesWithout = records
    .filter((r) => r.kind === 'country' && !byId.has(`${r.id}-mfa`) && !['kor', 'usa'].includes(r.id))
    .map((r) => r.id);
  assert.deepEqual(countriesWithout, []);
});

test('the generated country file is what the generator produces from the installed data', async () => {
  // Regenerating must not change the committed data (the header names the Node version, so compare the rest).
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['scripts/generate-countries.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const file = fileURLToPath(new URL('../../../server/data/kb/countries.generated.yaml', import.meta.url));
  assert.match(readFileSync(file, 'utf8'), /^# GENERATED by scripts\/generate-countries\.mjs/);
});
