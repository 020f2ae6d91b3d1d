import type { LineIndex } from '../text/lineIndex';
import type { Span } from '../text/span';

/** One top-level front-matter entry with the ranges the editor needs (key, value, and each list item). */
export interface FrontMatterField {
  key: string;
  keySpan: Span;
  /** The value node; an empty span right after the colon when the value is missing. */
  valueSpan: Span;
  /** The plain JS value (yaml's toJS). */
  value: unknown;
  /** For sequences: each item with its own span. */
  items?: { value: unknown; span: Span }[];
}

export interface YamlProblem {
  message: string;
  span: Span;
  /** yaml's error code (e.g. `BAD_INDENT`, `DUPLICATE_KEY`), kept for tests and messages. */
  code: string;
  severity: 'error' | 'warning';
}

export interface FrontMatter {
  /** The whole block from the opening `---` to the end of the closing fence line. */
  span: Span;
  /** Between the fences: the YAML text. */
  contentSpan: Span;
  /** Top-level mapping as a plain object with a null prototype; null when the YAML is not a mapping. */
  data: Record<string, unknown> | null;
  fields: Map<string, FrontMatterField>;
  problems: YamlProblem[];
  /** True when the opening fence has no closing fence: the block runs to the end and is reported. */
  unterminated: boolean;
}

export interface WikiLink {
  /** `[[id|label]]` including the brackets. */
  span: Span;
  /** Just the id part. */
  targetSpan: Span;
  target: string;
  label?: string;
}

export interface Heading {
  level: number;
  text: string;
  span: Span;
  /** Markdown `#`, HTML `<h1>`–`<h6>`. */
  source: 'markdown' | 'html';
}

export interface UrlRef {
  url: string;
  span: Span;
  /** Where it was found: front-matter value, HTML attribute (href/src), or bare in text. */
  where: 'front-matter' | 'attribute' | 'text';
  /** For attributes: which one (`src` is usually an image or a script, `href` a link). */
  attribute?: 'href' | 'src';
}

export interface ParsedDocument {
  uri: string;
  text: string;
  lines: LineIndex;
  /** Length of a leading BOM (0 or 1); offsets still count it, as editors do. */
  bom: number;
  frontMatter: FrontMatter | null;
  /** Everything after the front-matter. */
  body: Span;
  /**
   * Prose that recognition may look at: body text minus HTML tags and attributes, URLs, code blocks and inline
   * code, and wiki-links (which are annotations, handled separately). Sorted, non-overlapping.
   */
  textSegments: Span[];
  links: WikiLink[];
  headings: Heading[];
  urls: UrlRef[];
  /** Dominant script of the body: `ko` when Hangul outweighs Latin letters. */
  language: 'ko' | 'en' | undefined;
  /** The file looked binary (NUL bytes or mostly replacement characters): not analysed further. */
  binary: boolean;
  /**
   * Some prose composes under NFC (decomposed Hangul, combining marks): recognition then reads a composed copy,
   * since the knowledge base's names are NFC.
   */
  decomposed: boolean;
}
