import { LineIndex } from '../text/lineIndex';
import { scanBody } from './body';
import { readFrontMatter, type FrontMatterResult } from './frontMatter';
import { languageOf, looksBinary } from './language';
import type { FrontMatter, ParsedDocument, UrlRef } from './types';

/**
 * Text → ParsedDocument: front-matter, prose segments, wiki-links, headings, URLs, language. Never throws.
 * `frontMatterRead` is the result of an earlier `readFrontMatter` on the same text (the index reads a huge
 * document's front-matter first and parses its body later, in another turn of the event loop).
 */
export function parseDocument(uri: string, text: string, frontMatterRead?: FrontMatterResult): ParsedDocument {
  const steps = parseSteps(uri, text, frontMatterRead);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
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
  const steps = parseSteps(uri, text, frontMatterRead);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}

/** The parse as a generator that yields between passes over the text. */
function* parseSteps(uri: string, text: string, frontMatterRead?: FrontMatterResult): Generator<void, ParsedDocument> {
  const lines = new LineIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  yield;
  if (looksBinary(text)) {
    return {
      uri, text, lines, bom, frontMatter: null, body: { start: bom, end: text.length },
      textSegments: [], links: [], headings: [], urls: [], language: undefined, binary: true,
    };
  }
  yield;
  const { frontMatter, bodyStart } = frontMatterRead ?? readFrontMatter(text, bom);
  const body = { start: bodyStart, end: text.length };
  const scan = scanBody(text, body);
  yield;
  const urls = frontMatter ? [...frontMatterUrls(text, frontMatter), ...scan.urls] : scan.urls;
  return {
    uri,
    text,
    lines,
    bom,
    frontMatter,
    body,
    textSegments: scan.textSegments,
    links: scan.links,
    headings: scan.headings,
    urls,
    // Counted by the body scan: the same answer as detectLanguage(text, scan.textSegments), without a second pass.
    language: languageOf(scan.hangul, scan.latin),
    binary: false,
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
