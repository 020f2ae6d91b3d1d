/**
 * What each front-matter field means and the format it expects: shown when hovering a key and as completion
 * documentation. Definition notes (`id` + `kind`) use the kb record fields as well.
 */
export interface FieldDoc {
  key: string;
  summary: string;
  format: string;
  example: string;
  /** Fields a definition note uses (hidden from key completion in ordinary documents unless `id` is present). */
  definitionOnly?: boolean;
}

export const FIELD_DOCS: readonly FieldDoc[] = [
  { key: 'title', summary: 'Headline of the document.', format: 'text', example: 'title: 한미일 외교장관 공동성명' },
  {
    key: 'date',
    summary: 'Publication date of the document.',
    format: 'ISO date `YYYY-MM-DD`',
    example: 'date: 2024-06-21',
  },
  { key: 'source', summary: 'Where the document was taken from.', format: 'http(s) URL', example: 'source: https://www.mofa.go.kr/…' },
  { key: 'language', summary: 'Language of the body.', format: '`ko` or `en`', example: 'language: ko' },
  { key: 'categories', summary: 'Sections or categories the document belongs to.', format: 'list of text', example: 'categories: [News]' },
  { key: 'tags', summary: 'Free keywords.', format: 'list of text', example: 'tags: [안보, 외교]' },
  {
    key: 'entities',
    summary: 'Countries, people, ministries and organisations the document is about.',
    format: 'list of knowledge-base ids',
    example: 'entities: [kor, usa, jpn]',
  },
  {
    key: 'treaties',
    summary: 'Treaties, agreements, declarations and resolutions the document refers to.',
    format: 'list of knowledge-base ids',
    example: 'treaties: [russia-dprk-treaty-2024]',
  },
  {
    key: 'related',
    summary: 'Other documents of the corpus this one relates to.',
    format: 'list of document ids (the `id` in their front-matter)',
    example: 'related: [2024-06-21-mofa-briefing]',
  },
  {
    key: 'id',
    summary: 'Stable id of this document; with `kind` the document becomes a knowledge-base definition note.',
    format: 'letters, digits, `.`, `_`, `-`',
    example: 'id: nato',
  },
  {
    key: 'kind',
    summary: 'Makes the document a definition note of this kind.',
    format: 'country, territory, historical-state, organization, body, ministry, person, treaty, agreement, declaration, statement, resolution, programme',
    example: 'kind: organization',
    definitionOnly: true,
  },
  {
    key: 'name',
    summary: 'Names of the defined record.',
    format: 'mapping with `ko` and `en`',
    example: 'name: { ko: 북대서양조약기구, en: North Atlantic Treaty Organization }',
    definitionOnly: true,
  },
  {
    key: 'aliases',
    summary: 'Other names recognised in text, per language.',
    format: 'mapping of `ko` / `en` to lists of text',
    example: 'aliases: { en: [NATO] }',
    definitionOnly: true,
  },
  {
    key: 'description',
    summary: 'One-line description shown on hover cards.',
    format: 'mapping with `ko` and `en`',
    example: 'description: { en: Military alliance of North America and Europe }',
    definitionOnly: true,
  },
  { key: 'excerpt', summary: 'Short summary of the document.', format: 'text', example: 'excerpt: …' },
  { key: 'author', summary: 'Author or issuing office.', format: 'text', example: 'author: 외교부 대변인실' },
];

const BY_KEY = new Map(FIELD_DOCS.map((d) => [d.key, d]));

export function fieldDoc(key: string): FieldDoc | undefined {
  return BY_KEY.get(key);
}
