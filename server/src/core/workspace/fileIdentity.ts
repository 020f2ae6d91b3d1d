import { isUtf8 } from 'node:buffer';
import { readFrontMatter } from '../document/frontMatter';
import { looksBinary } from '../document/language';
import type { FrontMatter } from '../document/types';
import { recordFromFrontMatter } from '../kb/loadYaml';
import type { CoreDiagnostic } from '../rules/types';
import type { LoadedRecord } from '../kb/record';
import type { Span } from '../text/span';

/**
 * What a document declares (its own `id`, or the record of a definition note) and its title: the part of a file
 * that other files' analyses depend on, so the initial indexing learns it for every file before analysing any.
 */

/** What a file declares, known from its front-matter alone: its records (kb files, definition notes) or its own `id`. */
export interface FileIdentity {
  records: LoadedRecord[];
  kbProblems: CoreDiagnostic[];
  /** A plain document's own front-matter `id` (definition notes contribute a record instead). */
  docId: { id: string; span: Span } | undefined;
  /** The front-matter title of a document declaring an `id` (shown for `related:` targets); else undefined. */
  title: string | undefined;
}

export const NO_IDENTITY: Readonly<FileIdentity> = Object.freeze({ records: [], kbProblems: [], docId: undefined, title: undefined });

/** A document's identity from its front-matter, as `readSource` reports it. */
export function identityOf(uri: string, frontMatter: FrontMatter | null): FileIdentity {
  const out: FileIdentity = { records: [], kbProblems: [], docId: undefined, title: undefined };
  const data = frontMatter?.data;
  const idField = frontMatter?.fields.get('id');
  if (data && typeof data.id === 'string' && idField) {
    if (typeof data.kind === 'string') {
      const note = recordFromFrontMatter(uri, data, idField.valueSpan, frontMatter?.fields);
      if (note.record) out.records = [note.record];
      out.kbProblems = note.problems as CoreDiagnostic[];
    } else {
      out.docId = { id: data.id, span: idField.valueSpan };
      if (typeof data.title === 'string') out.title = data.title;
    }
  }
  return out;
}

const DASH = 0x2d;
const LF = 0x0a;
const CR = 0x0d;
/** Bytes decoded first when looking for the end of a front-matter block; doubled until it is found. */
const FIRST_PREFIX = 2048;

/**
 * The same identity `readSource(uri, 'document', decode(bytes))` reports, decoding only the front-matter when it
 * can: a pass over every file of a corpus before any analysis, where decoding whole files costs as much as
 * reading them. The prefix is cut after a line break, so its lines are the text's lines; a block closed inside
 * it reads exactly as in the whole text. Anything else (no closing fence in reach, a binary-looking file) falls
 * back to decoding everything.
 */
export function documentIdentity(uri: string, bytes: Uint8Array): FileIdentity {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // Only a `---` line at the very top opens a front-matter block; most blocks have no line that could be `id:`.
  if (!opensFrontMatter(bytes, bom) || idLines(bytes, bom) !== 'may-declare') return NO_IDENTITY;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let limit = FIRST_PREFIX; limit < bytes.length; limit *= 2) {
    const cut = buffer.lastIndexOf(LF, limit - 1);
    if (cut <= bom) continue;
    const prefix = buffer.toString('utf8', 0, cut + 1);
    const { frontMatter } = readFrontMatter(prefix, bom ? 1 : 0);
    if (!frontMatter) return NO_IDENTITY;
    if (frontMatter.unterminated) break; // its extent depends on what follows: read the whole text
    const identity = identityOf(uri, frontMatter);
    if (identity.docId === undefined && identity.records.length === 0 && identity.kbProblems.length === 0) return NO_IDENTITY;
    return mayBeBinary(buffer) ? wholeTextIdentity(uri, buffer) : identity;
  }
  return wholeTextIdentity(uri, buffer);
}

/**
 * The identity from the first bytes of a document (`whole`: the whole file), or undefined when they cannot tell
 * and the whole file must be read: the initial indexing reads only a file's head to learn what it declares.
 */
export function identityFromHead(uri: string, head: Uint8Array, whole: boolean): FileIdentity | undefined {
  if (whole) return documentIdentity(uri, head);
  if (head.length < 6) return undefined; // not even the BOM and the fence
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (!opensFrontMatter(head, bom) || idLines(head, bom) === 'no-id') return NO_IDENTITY;
  return undefined;
}

function opensFrontMatter(bytes: Uint8Array, bom: number): boolean {
  return bytes[bom] === DASH && bytes[bom + 1] === DASH && bytes[bom + 2] === DASH;
}

/**
 * Whether the front-matter opening at `from` may declare a top-level `id`, judged on its bytes alone:
 * - `may-declare`: a line reads `id:` (at any indentation), or YAML might read a line as more than `key: value`
 *   (quoted or complex keys, flow collections, anchors, aliases, tags, directives);
 * - `no-id`: no such line up to the closing fence;
 * - `unclosed`: no such line, and no closing fence before the end of the bytes (in a whole file, no id either: an
 *   unterminated block ends earlier, never later).
 * Most front-matter has no such line: nothing to decode or parse.
 */
export function idLines(bytes: Uint8Array, from: number): 'may-declare' | 'no-id' | 'unclosed' {
  const n = bytes.length;
  let i = from + 3;
  // Past the opening fence's line.
  while (i < n && bytes[i] !== LF && bytes[i] !== CR) i++;
  while (i < n) {
    // At a line break: step over it to the start of the next line.
    i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
    if ((bytes[i] === DASH && bytes[i + 1] === DASH && bytes[i + 2] === DASH) || (bytes[i] === DOT && bytes[i + 1] === DOT && bytes[i + 2] === DOT)) {
      let j = i + 3;
      while (bytes[j] === SPACE || bytes[j] === TAB) j++;
      if (j >= n || bytes[j] === LF || bytes[j] === CR) return 'no-id'; // the closing fence
    }
    while (bytes[i] === SPACE || bytes[i] === TAB) i++;
    const c = bytes[i];
    if (i < n && SPECIAL_START.includes(c)) return 'may-declare';
    if (c === 0x69 /* i */ && bytes[i + 1] === 0x64 /* d */) {
      let j = i + 2;
      while (bytes[j] === SPACE || bytes[j] === TAB) j++;
      if (bytes[j] === COLON) return 'may-declare';
    }
    while (i < n && bytes[i] !== LF && bytes[i] !== CR) i++;
  }
  return 'unclosed';
}

const DOT = 0x2e;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
/** First characters of lines YAML may read as a quoted or complex key, a flow collection, an anchor, alias, tag or directive. */
const SPECIAL_START = [...'"\'?{[&*!<%|>@`'].map((ch) => ch.charCodeAt(0));

function wholeTextIdentity(uri: string, bytes: Buffer): FileIdentity {
  const text = bytes.toString('utf8');
  // parseDocument gives a binary-looking file no front-matter.
  if (looksBinary(text)) return NO_IDENTITY;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return identityOf(uri, readFrontMatter(text, bom).frontMatter);
}

/**
 * Whether `looksBinary` could hold for the decoded text, judged on the bytes: a NUL byte decides at once; valid
 * UTF-8 decodes to U+FFFD only where the file spells it (EF BF BD), and fewer than 8 of them never make a file
 * binary. Invalid UTF-8 needs the decoded text.
 */
function mayBeBinary(bytes: Buffer): boolean {
  if (bytes.indexOf(0) >= 0) return true;
  if (!isUtf8(bytes)) return true;
  let replacements = 0;
  for (let i = bytes.indexOf(REPLACEMENT); i >= 0 && replacements < 8; i = bytes.indexOf(REPLACEMENT, i + 3)) replacements++;
  return replacements >= 8;
}

const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);
