import type { RecordKind } from '../kb/record';
import type { Span } from '../text/span';

/** How a mention was found; shown on hover and used by tests. */
export type MentionVia =
  | 'alias' // a name or alias from the knowledge base
  | 'compound' // one part of 한미일, 북러, 한-카자흐, 남북한
  | 'acronym-pair' // 북대서양조약기구(NATO): the whole pair
  | 'qualified' // 폴란드 외교부: a shared alias resolved by the preceding country
  | 'quoted-title' // ‘…에 관한 조약’, "Treaty on …"
  | 'resolution' // 결의 2397호, resolution 1718 (2006)
  | 'annotation'; // [[id]] or [[id|label]]

export interface Mention {
  span: Span;
  /** Resolved record ids: one normally; several when ambiguous; none for an unknown instrument. */
  ids: string[];
  kind: RecordKind | 'unknown';
  via: MentionVia;
  /** The matched text as it stands in the document (without the particle). */
  text: string;
  /** Several records claim this text and nothing in the context decided between them. */
  ambiguous?: boolean;
}
