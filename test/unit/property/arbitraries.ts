// Random policy documents and edits for the property tests: fragments of front-matter (good and broken), names
// from the built-in knowledge base with Korean particles, HTML, wiki-links, emoji, CRLF, NUL and raw Unicode.
import fc from 'fast-check';

/** Fixed seed and bounded runs: CI sees the same cases every time (override with PL_PROPERTY_SEED / _SCALE). */
export const SEED = Number(process.env.PL_PROPERTY_SEED ?? 20241124);
const SCALE = Number(process.env.PL_PROPERTY_SCALE ?? 1);
export const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const NAMES = [
  '북한', '러시아', '대한민국', '한국', '미국', '일본', '중국', '우크라이나', '북대서양조약기구(NATO)', 'NATO', '유엔',
  'North Korea', 'Russia', 'Japan', 'United States', 'DPRK', 'ROK', '한미일', '북러', '한-카자흐', '외교부', '폴란드 외교부',
  '한미상호방위조약', '결의 2397호', 'resolution 1718 (2006)', '‘포괄적 전략적 동반자 관계에 관한 조약’',
];
const PARTICLES = ['', '의', '와', '과', '로의', '에서', '은', '는', '이', '가', '을', '를', '에', ' '];
const FRONT_MATTER = [
  'title: 제목\n', 'title: "따옴표\n', "title: 'x'\n", 'title:\n', 'date: 2024-01-31\n', 'date: 2024-13-45\n', 'date: 2024.1.5\n',
  'date: [1]\n', 'source: https://example.org/a\n', 'source: javascript:alert(1)\n', 'entities: [prk, rus]\n',
  'entities: [nope, 5, null]\n', 'entities: prk\n', 'treaties: [prk]\n', 'related: [b]\n', 'related: [a, a]\n', 'id: a\n', 'id: b\n', 'id: 7\n', 'kind: country\n',
  'entities:\n  - prk\n  - \n', 'tags: {a: 1}\n', '__proto__: {x: 1}\n', 'title: dup\n', 'x: &a [1, 2]\ny: *a\n', 'z: *missing\n',
  '  bad indent\n', '\tx: tab\n', 'k: [unclosed\n', 'k: {a: \n', '? complex\n: value\n', '- list\n', '...\n', ': \n', '#comment\n',
];
const MARKUP = [
  '<p>', '</p>', '<a href="https://x.kr">', '<a href="command:evil">', '</a>', '<script>', '</script>', '<!--', '-->', '<h1>', '</h1>',
  '<img src=x onerror=alert(1)>', '[[prk]]', '[[nope|라벨]]', '[[', ']]', '`', '```\n', '# ', '## 제목\n', '[link](http://x.kr)', ']('
];
const ODD = ['😀', '👍🏽', '🇰🇷', '🧑‍🤝‍🧑', '\r\n', '\r', '\n', '\n\n', '\u0000', '\ufeff', '\ufffd', '\ud83d', '한'.normalize('NFD'), '\t', ' ', '.', ',', '(', ')', '“', '”', '‘', '’', '·', '-'];

const name = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...PARTICLES)).map(([n, p]) => n + p);
const bodyPiece = fc.oneof(
  { weight: 4, arbitrary: name },
  { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const fmPiece = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FRONT_MATTER) }, { weight: 1, arbitrary: bodyPiece });

/** A document: optional front-matter (sometimes unterminated, sometimes CRLF), then a body. */
export const documentText: fc.Arbitrary<string> = fc
  .record({
    fm: fc.option(fc.array(fmPiece, { maxLength: 8 }), { freq: 3 }),
    close: fc.constantFrom('---\n', '---\n', '---\n', '...\n', '', '---'),
    body: fc.array(bodyPiece, { maxLength: 30 }),
    crlf: fc.boolean(),
    bom: fc.constantFrom('', '', '', '\ufeff'),
  })
  .map(({ fm, close, body, crlf, bom }) => {
    const text = (fm ? `---\n${fm.join('')}${close}` : '') + body.join('');
    return bom + (crlf ? text.replace(/\r?\n/g, '\r\n') : text);
  });

/** A workspace kb file: a few records (some broken) the documents can mention. */
export const kbText: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      '- id: eastsea-pact\n  kind: treaty\n  name: {ko: 동해협력조약, en: East Sea Pact}\n',
      '- id: blue-org\n  kind: organization\n  name: {ko: 푸른기구, en: Blue Org}\n  aliases: {ko: [푸른단]}\n',
      '- id: prk\n  kind: country\n  name: {ko: 북한, en: DPRK}\n',
      '- id: b\n  kind: person\n  name: {ko: 김철수}\n',
      '- id: broken\n  kind: nonsense\n',
      '- id: 5\n  kind: country\n  name: {en: Five}\n',
      '- id: [\n',
      '- id: x\n  __proto__: {polluted: 1}\n  kind: country\n  name: {en: X}\n',
    ),
    { maxLength: 5 },
  )
  .map((records) => records.join(''));

/** An edit as an editor sends it: replace [at, at+remove) with text; positions are fractions of the length. */
export interface Edit {
  file: number;
  at: number;
  remove: number;
  insert: string;
}

export const edit = (files: number): fc.Arbitrary<Edit> =>
  fc.record({
    file: fc.nat({ max: files - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(bodyPiece, fmPiece, fc.constant(''), fc.constant('---\n')),
  });

/** Applies an edit to a text; offsets are clamped and never split a CRLF differently than an editor might. */
export function applyEdit(text: string, e: Edit): string {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  const end = Math.min(text.length, start + e.remove);
  return text.slice(0, start) + e.insert + text.slice(end);
}
