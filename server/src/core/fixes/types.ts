import type { Span } from '../text/span';

export interface CoreTextEdit {
  span: Span;
  newText: string;
}

/** Edits to one file. `create` makes the file first (for "Create definition for …" into a new kb file). */
export interface FileEdit {
  uri: string;
  create?: boolean;
  edits: CoreTextEdit[];
}

export type FixKind = 'quickfix' | 'source' | 'refactor';

export interface Fix {
  title: string;
  kind: FixKind;
  /** Codes of the diagnostics this fix clears. */
  fixes?: string[];
  isPreferred?: boolean;
  /** Safe fixes are applied by `policy-lens fix` without asking (insert inferred front-matter, normalise dates). */
  safe?: boolean;
  changes: FileEdit[];
}
