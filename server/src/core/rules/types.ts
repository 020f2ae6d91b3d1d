import type { Span } from '../text/span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable diagnostic codes. Never renumber: users configure severities by code. */
export const CODES = {
  noFrontMatter: 'PL001',
  missingField: 'PL002',
  invalidDate: 'PL003',
  wrongType: 'PL004',
  yamlError: 'PL005',
  unknownId: 'PL006',
  unresolvedLink: 'PL007',
  duplicateId: 'PL008',
  unlistedEntity: 'PL009',
  unterminatedFrontMatter: 'PL010',
  nonNormalDate: 'PL011',
  kbRecordInvalid: 'PL012',
  unknownInstrument: 'PL013',
  binaryFile: 'PL014',
} as const;

export type DiagnosticCode = (typeof CODES)[keyof typeof CODES];

export interface RelatedInfo {
  uri: string;
  span: Span;
  message: string;
}

export interface CoreDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInfo[];
  /** What a quick fix needs to know (e.g. the missing field name, the unknown id). Plain JSON. */
  data?: Record<string, unknown>;
  /** LSP tags: 'unnecessary' fades, 'deprecated' strikes through. */
  tags?: ('unnecessary' | 'deprecated')[];
}

/** What the rules and fixes may ask of the rest of the workspace. Implemented by the workspace index. */
export interface RuleContext {
  config: import('../config/config').PolicyLensConfig;
  kb: import('../kb/knowledgeBase').KnowledgeBase;
  /** A corpus document whose front-matter `id` is this id (target of `related:`). */
  documentWithId(id: string): { uri: string; title?: string } | undefined;
  /** Other workspace places defining this id (kb records, definition notes, documents' `id:`), excluding `exceptUri`. */
  otherDefinitions(id: string, exceptUri: string): { uri: string; span: Span }[];
  /** Every id a reference could resolve to (kb ids and document ids), for "did you mean" suggestions. */
  allIds(): Iterable<string>;
}
