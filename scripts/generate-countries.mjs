#!/usr/bin/env node
// Generates the built-in country records and one foreign-ministry record per country:
//   server/data/kb/countries.generated.yaml
//   server/data/kb/foreign-ministries.generated.yaml
// Source: the `world-countries` package (ISO codes, UN membership, English and Korean names) and CLDR through
// `Intl.DisplayNames` (Korean names, more current: 튀르키예, 에리트리아). Hand-written aliases and compound short
// forms live in server/data/kb/countries.aliases.yaml as `extends: true` records, applied on top at load time,
// so re-running this script never loses them. Run: node scripts/generate-countries.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isScalar, isSeq, visit } from 'yaml';

const require = createRequire(import.meta.url);
const countries = require('world-countries');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'server/data/kb');

const displayKo = new Intl.DisplayNames(['ko'], { type: 'region' });
const displayEn = new Intl.DisplayNames(['en'], { type: 'region' });

/** UN observer states. world-countries flags the Holy See as a member, which it is not. */
const OBSERVERS = new Set(['VAT', 'PSE']);
/** Not UN members but named in policy texts as states. */
const OTHER_STATES = new Set(['TWN', 'UNK']);
/** Dependent or special territories that policy texts name. The rest (건지, 저지…) are left out: their Korean names are common words. */
const TERRITORIES = new Set(['HKG', 'MAC', 'GRL', 'PRI', 'GUM', 'ESH', 'NCL', 'BMU']);
/** The state a territory belongs to (Western Sahara's status is disputed: none). */
const TERRITORY_OF = { HKG: 'chn', MAC: 'chn', GRL: 'dnk', PRI: 'usa', GUM: 'usa', NCL: 'fra', BMU: 'gbr' };

/** Korean names as Korean policy texts write them, where CLDR's differs. */
const NAME_KO = {
  AUS: '호주',
  COD: '콩고민주공화국',
  COG: '콩고공화국',
  CAF: '중앙아프리카공화국',
  VCT: '세인트빈센트 그레나딘',
  PSE: '팔레스타인',
  VAT: '교황청',
  HKG: '홍콩',
  MAC: '마카오',
  ZAF: '남아프리카공화국',
};
/** English names where world-countries' common name is not the one policy texts use. */
const NAME_EN = { VAT: 'Holy See', COD: 'Democratic Republic of the Congo', CIV: "Côte d'Ivoire" };
/** Korean names in world-countries that are wrong or too generic to match on (Dominica is not 도미니카 공화국; 조선 is the dynasty in most Korean text). */
const DROP_KO = { DMA: ['도미니카 공화국'], PRK: ['조선'], COG: ['콩고'] };
/** Alternative spellings that are ordinary words or adjectives in English text (Iceland's `Island`, `Thai`, `Lao`). */
const DROP_EN = new Set(['Island', 'Thai', 'Prathet', 'Togolese', 'Lao', 'Emirates', 'Mexicanos', 'Portuguesa', 'Zhonghua', 'Timor', 'Nijar', 'Pleasant Island']);
/** Names two countries share: both records list them as ambiguous rather than one claiming them. */
const SHARED = { COG: { ko: ['콩고'], en: ['Congo'] }, COD: { ko: ['콩고'], en: ['Congo'] } };
/** Ids: ISO alpha-3 in lower case; Kosovo has no ISO code and takes the user-assigned `XKX`. */
const ID = { UNK: 'xkx' };
const HANDWRITTEN_MINISTRIES = new Set(['kor', 'usa']);

const latin = (s) => /^[A-Za-z][A-Za-z .,'’()-]*$/.test(s) && s.length >= 3;
const clean = (s) => s?.replace(/\s+/g, ' ').trim();
const uniq = (list, not) => [...new Set(list.map(clean).filter(Boolean))].filter((s) => !not.includes(s));

function statusOf(c) {
  if (c.unMember && !OBSERVERS.has(c.cca3)) return { kind: 'country', ko: '유엔 회원국', en: 'UN member state' };
  if (OBSERVERS.has(c.cca3)) return { kind: 'country', ko: '유엔 옵서버 국가', en: 'UN observer state' };
  if (OTHER_STATES.has(c.cca3)) return { kind: 'country', ko: '유엔 비회원국', en: 'not a UN member' };
  if (TERRITORIES.has(c.cca3)) return { kind: 'territory', ko: '영토(주권 국가 아님)', en: 'territory' };
  return undefined;
}

function countryRecord(c, status) {
  const id = ID[c.cca3] ?? c.cca3.toLowerCase();
  const alpha2 = c.cca3 === 'UNK' ? 'XK' : c.cca2;
  const cldrKo = displayKo.of(alpha2);
  const cldrEn = displayEn.of(alpha2);
  const nameKo = NAME_KO[c.cca3] ?? cldrKo;
  const nameEn = NAME_EN[c.cca3] ?? c.name.common;
  const drop = [nameKo, ...(DROP_KO[c.cca3] ?? []), ...(SHARED[c.cca3]?.ko ?? [])];
  const ko = uniq([cldrKo, c.translations.kor?.common, c.translations.kor?.official].filter((s) => s && !s.includes('-')), drop);
  const en = uniq(
    [c.name.common, c.name.official, cldrEn, ...c.altSpellings].filter(
      (s) => s && latin(s) && !s.includes(' - ') && !/^[A-Z]{2,3}$/.test(s) && !DROP_EN.has(s),
    ),
    [nameEn, ...(SHARED[c.cca3]?.en ?? [])],
  );
  const where = [c.subregion || c.region, c.capital?.[0] && `capital ${c.capital[0]}`].filter(Boolean).join('; ');
  const record = {
    id,
    kind: status.kind,
    name: { ko: nameKo, en: nameEn },
    aliases: { ...(ko.length ? { ko } : {}), ...(en.length ? { en } : {}) },
    description: { ko: status.ko, en: `${status.en}${where ? ` (${where})` : ''}` },
    iso: { alpha2, alpha3: c.cca3 === 'UNK' ? 'XKX' : c.cca3, ...(c.ccn3 ? { numeric: c.ccn3 } : {}) },
    source:
      c.cca3 === 'UNK'
        ? 'https://www.un.org/securitycouncil/content/resolutions-adopted-security-council-1999'
        : `https://www.iso.org/obp/ui/#iso:code:3166:${alpha2}`,
  };
  if (!Object.keys(record.aliases).length) delete record.aliases;
  if (TERRITORY_OF[c.cca3]) {
    const { source } = record;
    delete record.source; // re-added last, after `country`, to keep the usual field order
    record.country = TERRITORY_OF[c.cca3];
    record.source = source;
  }
  if (SHARED[c.cca3]) record.ambiguous_aliases = structuredClone(SHARED[c.cca3]);
  return record;
}

function ministryRecord(country) {
  return {
    id: `${country.id}-mfa`,
    kind: 'ministry',
    name: { ko: `${country.name.ko} 외교부`, en: `Ministry of Foreign Affairs of ${country.name.en}` },
    // Every foreign ministry is `외교부` to its own press: the bare word only counts after the country's name.
    qualified_aliases: { ko: ['외교부', '외무부'], en: ['Ministry of Foreign Affairs', 'Foreign Ministry'] },
    description: { ko: `${country.name.ko}의 외교 담당 부처`, en: `Foreign ministry of ${country.name.en}` },
    country: country.id,
    source: country.source,
  };
}

/** Names shared by two generated records would match both silently: mark them ambiguous on both, explicitly. */
function markSharedAliases(records) {
  const claims = new Map();
  for (const r of records)
    for (const lang of ['ko', 'en'])
      for (const a of [r.name[lang], ...(r.aliases?.[lang] ?? [])]) {
        const key = `${lang}\u0000${a}`;
        if (!claims.has(key)) claims.set(key, new Set());
        claims.get(key).add(r);
      }
  for (const [key, owners] of claims) {
    if (owners.size < 2) continue;
    const [lang, alias] = key.split('\u0000');
    for (const r of owners) {
      if (r.aliases?.[lang]) r.aliases[lang] = r.aliases[lang].filter((a) => a !== alias);
      r.ambiguous_aliases ??= {};
      (r.ambiguous_aliases[lang] ??= []).push(alias);
    }
  }
}

/** One record per block, its small collections on one line (`name: { ko: 북한, en: North Korea }`): half the lines. */
function toYaml(records) {
  const doc = new Document(records);
  visit(doc, {
    Collection(_key, node, path) {
      if (path.length <= 2) return; // the top-level list and each record stay in block style
      const items = isSeq(node) ? node.items : node.items.map((p) => p.value);
      if (items.every((v) => isScalar(v))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

const header = (what) =>
  `# GENERATED by scripts/generate-countries.mjs from world-countries ${require('world-countries/package.json').version}` +
  ` and CLDR (Intl.DisplayNames, Node ${process.versions.node}).\n# ${what}\n# Do not edit: add aliases in countries.aliases.yaml.\n`;

const records = [];
for (const c of [...countries].sort((a, b) => a.cca3.localeCompare(b.cca3))) {
  const status = statusOf(c);
  if (status) records.push(countryRecord(c, status));
}
markSharedAliases(records);
const ministries = records
  .filter((r) => r.kind === 'country' && !HANDWRITTEN_MINISTRIES.has(r.id))
  .map(ministryRecord);

const outputs = {
  'countries.generated.yaml': header(`${records.length} UN members, observers and other states and territories.`) + toYaml(records),
  'foreign-ministries.generated.yaml':
    header(`${ministries.length} foreign ministries (Korea's and the US's are hand-written in government.yaml).`) +
    toYaml(ministries),
};

const check = process.argv.includes('--check');
let stale = false;
for (const [file, text] of Object.entries(outputs)) {
  const path = join(outDir, file);
  let old = '';
  try {
    old = readFileSync(path, 'utf8');
  } catch {}
  // The header names the Node version; compare the data only.
  const body = (s) => s.split('\n').filter((l) => !l.startsWith('#')).join('\n');
  if (body(old) === body(text)) continue;
  stale = true;
  if (!check) writeFileSync(path, text);
  console.log(`${check ? 'stale' : 'wrote'} ${file}`);
}
if (check && stale) process.exit(1);
