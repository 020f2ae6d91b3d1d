import type { Span } from '../text/span';

/** What a record describes. Entities are actors; instruments are texts that bind or declare. */
export const ENTITY_KINDS = ['country', 'territory', 'historical-state', 'organization', 'body', 'ministry', 'person'] as const;
export const INSTRUMENT_KINDS = ['treaty', 'agreement', 'declaration', 'statement', 'resolution', 'programme'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];
export type RecordKind = EntityKind | InstrumentKind;

/** Coarse class used for semantic-token colours and grouping. */
export type KindClass = 'country' | 'person' | 'organization' | 'instrument';

export function kindClass(kind: RecordKind): KindClass {
  switch (kind) {
    case 'country':
    case 'territory':
    case 'historical-state':
      return 'country';
    case 'person':
      return 'person';
    case 'organization':
    case 'body':
    case 'ministry':
      return 'organization';
    default:
      return 'instrument';
  }
}

export function isInstrumentKind(kind: string): kind is InstrumentKind {
  return (INSTRUMENT_KINDS as readonly string[]).includes(kind);
}

export function isRecordKind(kind: string): kind is RecordKind {
  return (ENTITY_KINDS as readonly string[]).includes(kind) || isInstrumentKind(kind);
}

export interface Bilingual {
  ko?: string;
  en?: string;
}

export interface BilingualList {
  ko?: string[];
  en?: string[];
}

/** A role held by a person: "President of the Republic of Korea", 2017-05-10 to 2022-05-09. */
export interface Role {
  title: Bilingual;
  /** id of the country or organisation the role belongs to */
  of?: string;
  from?: string;
  to?: string;
}

/**
 * One knowledge-base record. The same shape is used by the built-in YAML files, the user's `kb/**` YAML files and
 * Markdown definition notes (whose front-matter is one record). Documented in schemas/kb-record.schema.json.
 */
export interface KbRecord {
  /** Stable id: letters, digits, `.`, `_`, `-`; lower-case kebab-case by convention (`kor`, `russia-dprk-treaty-2000`). */
  id: string;
  kind: RecordKind;
  name: Bilingual;
  /** Other names matched in text, per language. Matching: Korean with particle rules; English on word boundaries. */
  aliases?: BilingualList;
  /**
   * Aliases that are shared by several records on purpose (e.g. `외교부` for every foreign ministry). They only
   * match when a mention of `country` stands right before them (`폴란드 외교부`), unless this record is the
   * `default_for` the document's language.
   */
  qualified_aliases?: BilingualList;
  /** Short forms used inside compounds: `한` `미` `일` `러` `북` `카자흐` (한미일, 북러, 한-카자흐). Countries only. */
  short?: string[];
  /** Languages in which a bare qualified alias means this record (a bare `외교부` in a Korean text is Korea's). */
  default_for?: ('ko' | 'en')[];
  /**
   * Web domains this body publishes on (`mofa.go.kr`): in a document whose `source` is on one of them (or a
   * subdomain), a bare qualified alias means this record whatever the language — `Ministry of Foreign Affairs` in
   * an English release from mofa.go.kr is Korea's.
   */
  domains?: string[];
  /** Aliases that several records claim and that stay ambiguous: the mention lists every claimant. */
  ambiguous_aliases?: BilingualList;
  description?: Bilingual;
  /** Country (id) a person, ministry or body belongs to. */
  country?: string;
  /** Organisation (id) a body belongs to (UN Security Council → un). */
  parent?: string;
  iso?: { alpha2?: string; alpha3?: string; numeric?: string };
  roles?: Role[];
  /** Instruments: the parties (ids). */
  parties?: string[];
  signed?: string;
  in_force?: string;
  terminated?: string;
  /** Adoption date of a resolution (UN Security Council resolutions are adopted, not signed). */
  adopted?: string;
  /** Dates for other kinds (founded, dissolved, born). */
  founded?: string;
  dissolved?: string;
  replaced_by?: string;
  replaces?: string;
  /** UNTS volume/registration number, or the depositary. */
  unts?: string;
  depositary?: string;
  /** Resolution number for UN Security Council resolutions (1718). */
  number?: number;
  /** A public link where the facts were checked. */
  source?: string;
  /** Free-form extra facts a user wants on the hover card. */
  facts?: Record<string, string>;
  /**
   * An extension of an earlier record with the same id (built-in or workspace): its lists are added to that
   * record's lists and its scalar fields replace the earlier ones; `kind` and `name` may be omitted. Without
   * `extends`, a record with an existing id replaces the earlier record whole. See docs/knowledge-base.md.
   */
  extends?: boolean;
}

/** Where a record came from: built-in data, a user's YAML file or a definition note. */
export interface RecordOrigin {
  uri: string;
  /** Span of the record's `id:` value (or of the whole front-matter for a definition note). */
  idSpan: Span;
  builtin: boolean;
}

/** A problem found while loading knowledge-base data: YAML syntax (PL005) or an invalid record (PL012). */
export interface KbProblem {
  message: string;
  /** UTF-16 offsets into the loaded file's text: the exact node at fault. */
  span: Span;
  code: 'PL005' | 'PL012';
  severity: 'error' | 'warning';
}

export interface LoadedRecord {
  record: KbRecord;
  origin: RecordOrigin;
}
