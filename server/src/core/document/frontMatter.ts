import type { Span } from '../text/span';
import { isJsWhitespace } from './body';
import { parseSimpleFrontMatter } from './simpleFrontMatter';
import { MAX_FRONT_MATTER_LENGTH, parseFrontMatterYaml, type ParsedYaml } from './yamlFrontMatter';
import type { FrontMatter } from './types';

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  /** Start of the next line (after the line break). */
  next: number;
}

/** Reads the line starting at `start` (\n, \r\n and lone \r break lines, as in LSP). */
function lineAt(text: string, start: number): Line {
  const end = endOfLine(text, start);
  return { start, end, next: afterLineBreak(text, end) };
}

/** Where the line starting at `start` ends, before its line break. */
function endOfLine(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return i;
}

/** The start of the next line, after the line break at `end` (the end of the text when there is none). */
function afterLineBreak(text: string, end: number): number {
  if (end >= text.length) return end;
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/** Only whitespace in [start, end): what `text.slice(start, end).trim() === ''` tells, without the slice. (Exported for its test.) */
export function blankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isJsWhitespace(text.charCodeAt(i))) return false;
  return true;
}

/**
 * A line that could belong to a YAML mapping: indented, a list item, a comment, `key:` or a flow/quoted
 * continuation. Used only to bound an unterminated block, so that prose after a forgotten closing fence is
 * analysed as body instead of being swallowed as YAML. (Exported for plainKeyLine's test.)
 */
export function looksLikeYaml(line: string): boolean {
  if (line.trim() === '') return true;
  if (/^[ \t]/.test(line)) return true;
  if (line.startsWith('- ') || line === '-' || line.startsWith('#')) return true;
  if (/^[\]}]/.test(line)) return true;
  return /^(?:"[^"]*"|'[^']*'|[^\s:#][^:]{0,200}?):(?:[ \t]|$)/.test(line);
}

/**
 * `key: value` or `key:` with a plain ASCII key: the shape of nearly every front-matter line, told in place. A
 * true answer is looksLikeYaml's (its last pattern matches such a line); anything else is left to looksLikeYaml,
 * which needs the line as a string of its own. (Exported for its test.)
 */
export function plainKeyLine(text: string, start: number, end: number): boolean {
  const limit = Math.min(end, start + MAX_PLAIN_KEY);
  let i = start;
  while (i < limit && isKeyChar(text.charCodeAt(i))) i++;
  if (i === start || i >= end || text.charCodeAt(i) !== 58 /* : */) return false;
  const after = i + 1 < end ? text.charCodeAt(i + 1) : -1;
  return after === -1 || after === 32 || after === 9;
}

/** Keys longer than this are left to looksLikeYaml (whose pattern bounds them at 201 characters). */
const MAX_PLAIN_KEY = 100;

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

export interface FrontMatterResult {
  frontMatter: FrontMatter | null;
  /** Where the body begins. */
  bodyStart: number;
}

/** Finds and parses the front-matter: only a `---` line at offset 0 (after an optional BOM) opens one. */
export function readFrontMatter(text: string, bom: number): FrontMatterResult {
  const open = lineAt(text, bom);
  if (!FENCE.test(text.slice(open.start, open.end))) return { frontMatter: null, bodyStart: bom };

  let pos = open.next;
  let close: Line | undefined;
  // The last YAML-looking line's end and next line (numbers rather than a Line kept per line of every block).
  let lastYamlEnd = -1;
  let lastYamlNext = -1;
  let prose = false;
  let previousBlank = false;
  while (pos < text.length) {
    // The line's bounds as numbers: no object per line of every block.
    const start = pos;
    const end = endOfLine(text, start);
    const next = afterLineBreak(text, end);
    // Most lines start with a printable ASCII character: no fence unless `-` or `.`, not blank, and no slice.
    const first = text.charCodeAt(start);
    if ((first === 45 || first === 46) && CLOSE.test(text.slice(start, end))) {
      close = { start, end, next };
      break;
    }
    const blank = first > 32 && first < 127 ? false : blankRange(text, start, end);
    if (!prose) {
      if (first === 32 || first === 9 || plainKeyLine(text, start, end) || looksLikeYaml(text.slice(start, end))) {
        if (!blank) {
          lastYamlEnd = end;
          lastYamlNext = next;
        }
      } else {
        prose = true;
        // A paragraph of prose after a blank line: the closing fence was forgotten. A later `---` is a
        // horizontal rule of the body, not the end of the front-matter. (A bad line right among the fields is
        // more likely a typo: keep looking for the fence so the YAML error is reported where it is.)
        if (previousBlank) break;
      }
    }
    previousBlank = blank;
    pos = next;
  }

  if (close) {
    const contentSpan = { start: open.next, end: close.start };
    const parsed = parseYamlBlock(text, contentSpan);
    return {
      frontMatter: { span: { start: bom, end: close.end }, contentSpan, ...parsed, unterminated: false },
      bodyStart: close.next,
    };
  }

  // Unterminated: the block runs to the last YAML-looking line before the first line of prose.
  const contentEnd = lastYamlEnd >= 0 ? lastYamlEnd : open.end;
  const contentSpan = { start: Math.min(open.next, contentEnd), end: contentEnd };
  const parsed = parseYamlBlock(text, contentSpan);
  const bodyStart = lastYamlNext >= 0 ? lastYamlNext : open.next;
  return {
    frontMatter: {
      span: { start: bom, end: contentEnd },
      contentSpan,
      ...parsed,
      unterminated: true,
    },
    bodyStart: Math.min(bodyStart, text.length),
  };
}

/** The YAML between the fences: the common flat shape by a fast reader, anything else by `yaml`. */
function parseYamlBlock(text: string, contentSpan: Span): ParsedYaml {
  // yaml does not break lines at a lone \r (old Mac files); as \n it does, and offsets keep their meaning.
  const raw = text.slice(contentSpan.start, contentSpan.end);
  const source = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r(?!\n)/g, '\n');
  const simple = source.length <= MAX_FRONT_MATTER_LENGTH ? parseSimpleFrontMatter(source, contentSpan.start) : undefined;
  return simple ?? parseFrontMatterYaml(source, contentSpan);
}
