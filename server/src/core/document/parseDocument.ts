import { LineIndex } from '../text/lineIndex';
import { scanBody, type BodyScan } from './body';
import { readFrontMatter, type FrontMatterResult } from './frontMatter';
import { languageOf, looksBinary } from './language';
import type { FrontMatter, ParsedDocument, UrlRef } from './types';

/**
 * Text → ParsedDocument: front-matter, prose segments, wiki-links, headings, URLs, language. Never throws.
 * `frontMatterRead` is the result of an earlier `readFrontMatter` on the same text (the index reads a huge
 * document's front-matter first and parses its body later, in another turn of the event loop).
 */
export function parseDocument(uri: string, text: string, frontMatterRead?: FrontMatterResult): ParsedDocument {
  // The passes of parseDocumentInSteps, called in a row: no generator (and its result objects) per document.
  const lines = new LineIndex(text);
  if (looksBinary(text)) return binaryDocument(uri, text, lines);
  return bodyOf(uri, text, lines, frontMatterRead ?? readFrontMatter(text, bomOf(text)));
}

/**
 * The same parse, awaiting `pause` between its passes over the text (line starts, binary check, body scan):
 * on a multi-megabyte document each is a block of its own, so requests are answered in between.
 */
export async function parseDocumentInSteps(
  uri: string,
  text: string,
  frontMatterRead: FrontMatterResult | undefined,
  pause: () => Promise<void>,
): Promise<ParsedDocument> {
  const lines = new LineIndex(text);
  await pause();
  if (looksBinary(text)) return binaryDocument(uri, text, lines);
  await pause();
  const read = frontMatterRead ?? readFrontMatter(text, bomOf(text));
  const scan = scanBody(text, { start: read.bodyStart, end: text.length });
  await pause();
  return documentOf(uri, text, lines, read, scan);
}

function bomOf(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

function binaryDocument(uri: string, text: string, lines: LineIndex): ParsedDocument {
  const bom = bomOf(text);
  return {
    uri, text, lines, bom, frontMatter: null, body: { start: bom, end: text.length },
    textSegments: [], links: [], headings: [], urls: [], language: undefined, binary: true, decomposed: false,
  };
}

/** The body scan, then the document. */
function bodyOf(uri: string, text: string, lines: LineIndex, read: FrontMatterResult): ParsedDocument {
  return documentOf(uri, text, lines, read, scanBody(text, { start: read.bodyStart, end: text.length }));
}

function documentOf(uri: string, text: string, lines: LineIndex, read: FrontMatterResult, scan: BodyScan): ParsedDocument {
  const { frontMatter, bodyStart } = read;
  const urls = frontMatter ? [...frontMatterUrls(text, frontMatter), ...scan.urls] : scan.urls;
  return {
    uri,
    text,
    lines,
    bom: bomOf(text),
    frontMatter,
    body: { start: bodyStart, end: text.length },
    textSegments: scan.textSegments,
    links: scan.links,
    headings: scan.headings,
    urls,
    // Counted by the body scan: the same answer as detectLanguage(text, scan.textSegments), without a second pass.
    language: languageOf(scan.hangul, scan.latin),
    binary: false,
    decomposed: scan.decomposed,
  };
}

const URL_VALUE = /^(?:https?:\/\/|www\.)\S+$/i;

function frontMatterUrls(text: string, fm: FrontMatter): UrlRef[] {
  const out: UrlRef[] = [];
  const add = (value: unknown, span: { start: number; end: number }) => {
    if (typeof value !== 'string' || !URL_VALUE.test(value.trim())) return;
    const url = value.trim();
    // The value span includes quotes; point at the URL itself when it stands there verbatim.
    const at = text.slice(span.start, span.end).indexOf(url);
    out.push({ url, span: at >= 0 ? { start: span.start + at, end: span.start + at + url.length } : span, where: 'front-matter' });
  };
  for (const field of fm.fields.values()) {
    if (field.items) for (const item of field.items) add(item.value, item.span);
    else add(field.value, field.valueSpan);
  }
  return out;
}
