import type { ParsedDocument, WikiLink } from '../document/types';
import type { Fix } from '../fixes/types';
import type { Mention } from '../recognition/types';
import type { CoreDiagnostic } from '../rules/types';
import type { Span } from '../text/span';

/** What lists of documents show (symbols, "mentioned in", completion): known without a full analysis. */
export interface DocumentInfo {
  uri: string;
  /** Editor version, or a counter for files read from disk. */
  version: number;
  /** `id` from the front-matter, when the document declares one (used by `related:` and definition notes). */
  id?: string;
  title?: string;
  date?: string;
  /** Front-matter carries `id` and `kind`: this document defines a knowledge-base record. */
  isDefinitionNote: boolean;
  /** A kb YAML file (not a prose document): it has diagnostics but no mentions. */
  isKbFile: boolean;
}

/** A document of the corpus (or a kb file) after analysis. Immutable: an edit produces a new one. */
export interface IndexedDocument extends DocumentInfo {
  parsed: ParsedDocument;
  mentions: Mention[];
  diagnostics: CoreDiagnostic[];
}

/** A document that mentions an id, and where it first does (the link "mentioned in" lists lead there). */
export interface MentioningDocument {
  info: DocumentInfo;
  firstMention: Span;
}

/** What stands at a position: the thing hover, definition, references and rename act on. */
export type Target =
  | { type: 'mention'; span: Span; mention: Mention }
  | { type: 'link'; span: Span; link: WikiLink; id: string }
  | { type: 'front-matter-id'; span: Span; field: string; id: string }
  | { type: 'front-matter-key'; span: Span; key: string }
  | { type: 'definition'; span: Span; id: string };

export interface Location {
  uri: string;
  span: Span;
}

export interface Reference extends Location {
  kind: 'mention' | 'link' | 'front-matter' | 'definition';
}

/** What a change touched: documents whose diagnostics (or mentions) may differ now and must be re-published. */
export interface ChangeResult {
  changed: string[];
}

/** The queries the language server and the CLI run against the workspace. Implemented by WorkspaceIndex. */
export interface WorkspaceQueries {
  document(uri: string): IndexedDocument | undefined;
  documents(): Iterable<IndexedDocument>;
  targetAt(uri: string, offset: number): Target | undefined;
  /** Where the id is defined: the workspace definition (kb `id:` line or definition note), else the built-in one. */
  definition(id: string): Location | undefined;
  /** Every mention, link, front-matter listing and definition of the id across the corpus. */
  references(id: string, includeDefinition: boolean): Reference[];
  /** Documents whose front-matter `id` is this id (targets of `related:`). */
  documentsWithId(id: string): IndexedDocument[];
  /** Documents that mention the id (for "mentioned in N documents"), most recent first. */
  documentsMentioning(id: string): MentioningDocument[];
  /** Quick fixes for one diagnostic of a document. */
  fixesFor(uri: string, diagnostic: CoreDiagnostic): Fix[];
  /** Source actions that need no diagnostic: insert front-matter, add recognised entities. */
  sourceActions(uri: string): Fix[];
}
