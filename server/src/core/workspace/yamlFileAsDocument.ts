import type { ParsedDocument } from '../document/types';
import { LineIndex } from '../text/lineIndex';

/** A kb YAML file seen as a document: no prose, no front-matter; only its text and line index matter. */
export function yamlFileAsDocument(uri: string, text: string): ParsedDocument {
  return {
    uri,
    text,
    lines: new LineIndex(text),
    bom: text.charCodeAt(0) === 0xfeff ? 1 : 0,
    frontMatter: null,
    body: { start: 0, end: text.length },
    textSegments: [],
    links: [],
    headings: [],
    urls: [],
    language: undefined,
    binary: false,
    decomposed: false,
  };
}
