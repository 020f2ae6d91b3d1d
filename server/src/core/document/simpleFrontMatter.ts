import { Document, isScalar } from 'yaml';
import type { Span } from '../text/span';
import type { FrontMatterField } from './types';
import { FRONT_MATTER_YAML_OPTIONS, RESERVED_KEYS, type ParsedYaml } from './yamlFrontMatter';

/*
 * Why hand-written: the `yaml` library (lexer, parser, composer and our bounds) costs ~140 µs per front-matter on
 * a first pass over the 10,000-document bench corpus (~90 µs warm): 1.1–1.7 s of CPU, the largest single cost of
 * the cold index (its lexer alone costs more than this whole reader, ~9 µs cold, ~5 µs warm). Nearly every
 * front-matter is a flat mapping of `key: value` lines; for that shape this reader builds exactly what the yaml
 * path builds (same values, spans, no problems), typing plain scalars with yaml's own core-schema tags. Anything
 * else (anchors, tags, nested maps, multi-line flow or quoted scalars, block scalars with indicators or uneven
 * indentation, rare escapes, tabs, indented comments in a sequence, duplicate or reserved keys, anything yaml would
 * report) makes it give up, and the caller parses with `yaml`. test/unit/document/simpleFrontMatter.test.ts checks
 * that the two agree on generated inputs in and around the subset.
 */

/** Thrown to give up: the input is outside the subset (not an error; never escapes this module). */
const NOT_SIMPLE = Symbol('not simple');
function giveUp(): never {
  throw NOT_SIMPLE;
}

/** Parses `source` (offsets shifted by `base`) if it is in the simple subset; undefined means "ask yaml". */
export function parseSimpleFrontMatter(source: string, base: number): ParsedYaml | undefined {
  try {
    return new SimpleReader(source, base).read();
  } catch (e) {
    if (e === NOT_SIMPLE) return undefined;
    throw e;
  }
}

// yaml's core schema, as its composer builds it for our options: plain scalars are typed by the same tags.
const yamlDoc = new Document(null, FRONT_MATTER_YAML_OPTIONS);
const scalarTags = yamlDoc.schema.tags.flatMap((t) => ('test' in t && t.test && t.default ? [t] : []));

/** All the tests in one (each is anchored): most plain scalars match none and are strings, told in one run. */
const anyTag = scalarTags.every((t) => t.test!.flags === '')
  ? new RegExp(scalarTags.map((t) => `(?:${t.test!.source})`).join('|'))
  : /(?:)/;

/** The value yaml gives a plain scalar (first default tag whose test matches, else the string itself). */
function resolvePlain(text: string, atKey: boolean): unknown {
  if (!anyTag.test(text)) return text;
  for (const tag of scalarTags) {
    if ((tag.default === true || (atKey && tag.default === 'key')) && tag.test!.test(text)) {
      // Some tags answer a Scalar node (to keep its format); the composer then takes its value.
      const resolved = tag.resolve(text, giveUp, yamlDoc.options);
      const value = isScalar(resolved) ? resolved.value : resolved;
      return typeof value === 'object' && value !== null ? giveUp() : value;
    }
  }
  return text;
}

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOT = 46;
/** Characters a plain scalar may not start with (YAML indicators). */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
/** Flow indicators: they end a plain scalar inside `[...]`. */
const FLOW_INDICATORS = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));

/** The escapes of double-quoted scalars read here (YAML's own meaning); `\x41`, `\u00e9`, `\0`... are left to yaml. */
const ESCAPES: Record<string, string> = Object.assign(Object.create(null), { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' });

/** Characters this reader leaves to yaml: controls (tab included), C1 controls, BOM, Unicode line separators. */
function unusual(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

interface Scalar {
  value: unknown;
  start: number;
  end: number;
}

class SimpleReader {
  /** The current line: its start, the end of its content (before \r\n or \n) and the start of the next. */
  private start = 0;
  private end = 0;
  private next = 0;

  constructor(
    private readonly src: string,
    private readonly base: number,
  ) {}

  read(): ParsedYaml {
    const data: Record<string, unknown> = Object.create(null);
    const fields = new Map<string, FrontMatterField>();
    for (this.lineAt(0); this.start < this.src.length; this.lineAt(this.next)) {
      if (this.blank()) continue;
      const field = this.readField();
      if (fields.has(field.key) || RESERVED_KEYS.has(field.key)) giveUp();
      fields.set(field.key, field);
      data[field.key] = field.value;
    }
    return { data, fields, problems: [] };
  }

  private lineAt(start: number): void {
    const nl = this.src.indexOf('\n', start);
    this.start = start;
    this.next = nl < 0 ? this.src.length : nl + 1;
    this.end = nl < 0 ? this.src.length : this.src.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  }

  /** A line of spaces, or a comment on its own line. */
  private blank(): boolean {
    const i = this.skipSpaces(this.start);
    if (i === this.end) return true;
    if (this.src.charCodeAt(i) !== HASH) return false;
    this.ordinaryToEnd(i);
    return true;
  }

  private skipSpaces(i: number): number {
    while (i < this.end && this.src.charCodeAt(i) === SPACE) i++;
    return i;
  }

  private span(start: number, end: number): Span {
    return { start: this.base + start, end: this.base + end };
  }

  /** `key: value` (a scalar, a `[flow, sequence]`, a `>` or `|` block scalar), or `key:` and a block sequence. */
  private readField(): FrontMatterField {
    const keyStart = this.start;
    const keyEnd = this.plainEnd(keyStart, false);
    // Keys at column 0 only, then `: ` or `:` at the end of the line; yaml refuses keys over 1024 chars.
    const colon = this.skipSpaces(keyEnd);
    if (this.src.charCodeAt(colon) !== COLON || colon - keyStart > 1000) giveUp();
    const key = this.src.slice(keyStart, keyEnd);
    if (typeof resolvePlain(key, true) !== 'string') giveUp();
    const keySpan = this.span(keyStart, keyEnd);
    const at = this.skipSpaces(colon + 1);
    if (at === this.end || (at > colon + 1 && this.src.charCodeAt(at) === HASH)) {
      this.lineEnds(at);
      return this.emptyOrBlockSequence(key, keySpan, colon + 1);
    }
    const c = this.src.charCodeAt(at);
    if (c === 91 /* [ */) return this.flowSequence(key, keySpan, at);
    const blockScalar = c === 62 /* > */ || c === 124; /* | */
    if (blockScalar && at + 1 === this.end) return this.blockScalar(key, keySpan, at, c === 62);
    const scalar = this.scalar(at, false);
    this.lineEnds(scalar.end);
    return { key, keySpan, valueSpan: this.span(scalar.start, scalar.end), value: scalar.value };
  }

  /** After `key:` and nothing else: a block sequence if the next non-blank line is a `- item`, else null. */
  private emptyOrBlockSequence(key: string, keySpan: Span, afterColon: number): FrontMatterField {
    const keyLine = this.next;
    let indent = -1;
    for (this.lineAt(keyLine); this.start < this.src.length; this.lineAt(this.next)) {
      if (this.blank()) continue;
      const lead = this.skipSpaces(this.start) - this.start;
      if (lead > 0 || this.src.charCodeAt(this.start) === DASH) indent = lead;
      break;
    }
    if (indent < 0) {
      this.next = keyLine; // the following lines are read as fields
      return { key, keySpan, valueSpan: this.span(afterColon, afterColon), value: null };
    }
    const values: unknown[] = [];
    const items: { value: unknown; span: Span }[] = [];
    const seqStart = this.start + indent;
    let seqEnd = seqStart;
    let resume = this.start;
    for (; this.start < this.src.length; this.lineAt(this.next)) {
      if (this.blank()) {
        // yaml counts an indented comment after an item into the sequence's range: left to yaml.
        if (this.src.charCodeAt(this.start) === SPACE && this.skipSpaces(this.start) < this.end) giveUp();
        continue;
      }
      const dash = this.start + indent;
      const atDash = this.skipSpaces(this.start) === dash && this.src.charCodeAt(dash) === DASH;
      if (!atDash || this.src.charCodeAt(dash + 1) !== SPACE) {
        // Not an item: the next key at column 0, or an item's continuation, odd indentation, a nested map...
        if (this.src.charCodeAt(this.start) === SPACE || items.length === 0) giveUp();
        break;
      }
      const at = this.skipSpaces(dash + 1);
      if (at === this.end) giveUp(); // an empty item
      const scalar = this.scalar(at, false);
      this.lineEnds(scalar.end);
      values.push(scalar.value);
      items.push({ value: scalar.value, span: this.span(scalar.start, scalar.end) });
      // yaml ends the sequence after the line break of its last item.
      seqEnd = this.next;
      resume = this.next;
    }
    this.next = resume;
    return { key, keySpan, valueSpan: this.span(seqStart, seqEnd), value: values, items };
  }

  /**
   * `key: >` (folded) or `key: |` (literal), no indicators, then lines at one indentation and empty lines: what
   * scraped pages put in `excerpt:`. More-indented, whitespace-only or leading empty lines are left to yaml.
   */
  private blockScalar(key: string, keySpan: Span, header: number, folded: boolean): FrontMatterField {
    let indent = -1;
    let lines = 0;
    let emptyLines = 0;
    let value = '';
    let end = this.next;
    for (this.lineAt(this.next); this.start < this.src.length; this.lineAt(this.next)) {
      if (this.start === this.end) {
        if (lines === 0) giveUp();
        emptyLines++;
        continue;
      }
      const text = this.skipSpaces(this.start);
      if (text === this.start) break; // the next key, or a comment at column 0
      if (indent < 0) indent = text - this.start;
      if (text - this.start !== indent || text === this.end || this.src.charCodeAt(this.end - 1) === SPACE) giveUp();
      this.ordinaryToEnd(text);
      // Folded: lines joined by a space, an empty line is a line break. Literal: every line break kept.
      if (lines > 0) value += folded && emptyLines === 0 ? ' ' : '\n'.repeat(folded ? emptyLines : emptyLines + 1);
      value += this.src.slice(text, this.end);
      lines++;
      emptyLines = 0;
      // As for a sequence, the range ends after the line break of the last line; trailing empty lines are clipped.
      end = this.next;
    }
    if (lines === 0) giveUp();
    this.next = end;
    return { key, keySpan, valueSpan: this.span(header, end), value: value + '\n' };
  }

  /** `[a, "b", 'c']` on one line. */
  private flowSequence(key: string, keySpan: Span, open: number): FrontMatterField {
    const values: unknown[] = [];
    const items: { value: unknown; span: Span }[] = [];
    let at = this.skipSpaces(open + 1);
    if (this.src.charCodeAt(at) !== 93 /* ] */) {
      for (;;) {
        const scalar = this.scalar(at, true);
        values.push(scalar.value);
        items.push({ value: scalar.value, span: this.span(scalar.start, scalar.end) });
        at = this.skipSpaces(scalar.end);
        const c = this.src.charCodeAt(at);
        if (at < this.end && c === 93) break;
        if (at >= this.end || c !== 44 /* , */) giveUp();
        at = this.skipSpaces(at + 1);
        if (this.src.charCodeAt(at) === 93) giveUp(); // a trailing comma
      }
    }
    if (at >= this.end) giveUp();
    this.lineEnds(at + 1);
    return { key, keySpan, valueSpan: this.span(open, at + 1), value: values, items };
  }

  /** A plain, 'single' or "double" quoted scalar on this line, starting at `at`. */
  private scalar(at: number, inFlow: boolean): Scalar {
    const c = this.src.charCodeAt(at);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      let i = at + 1;
      let escaped = false;
      for (; i < this.end; i++) {
        const d = this.src.charCodeAt(i);
        if (d === c) {
          if (c === 39 && this.src.charCodeAt(i + 1) === 39 && i + 1 < this.end) i++; // '' is a quote
          else break;
        } else if (d === 92 /* \ */ && c === 34) {
          if (!(this.src[i + 1] in ESCAPES) || i + 1 >= this.end) giveUp();
          escaped = true;
          i++;
        } else if (unusual(d)) giveUp();
      }
      if (i >= this.end) giveUp(); // not closed on this line
      const inner = this.src.slice(at + 1, i);
      const value = c === 39 ? inner.replaceAll("''", "'") : escaped ? inner.replace(/\\(.)/g, (_, e: string) => ESCAPES[e]) : inner;
      return { value, start: at, end: i + 1 };
    }
    const end = this.plainEnd(at, inFlow);
    return { value: resolvePlain(this.src.slice(at, end), false), start: at, end };
  }

  /**
   * End of the plain scalar starting at `at` (trailing spaces excluded): before `: `, a final `:`, ` #`, the end
   * of the line, or in a flow a flow indicator. Gives up where yaml might read more or something else.
   */
  private plainEnd(at: number, inFlow: boolean): number {
    const first = this.src.charCodeAt(at);
    if (at >= this.end || first === SPACE || unusual(first)) giveUp();
    // A leading `-` is plain only before a letter, digit or dot (`-5`, `-x`); other indicators never are here.
    if (INDICATORS.has(first) && !(first === DASH && /[\w.]/.test(this.src[at + 1] ?? ''))) giveUp();
    // `---` and `...` at the start of a line are document markers (`... x: y` is no key).
    if ((first === DASH || first === DOT) && this.src.startsWith(first === DASH ? '---' : '...', at)) giveUp();
    let last = at;
    for (let i = at; i < this.end; i++) {
      const c = this.src.charCodeAt(i);
      if (c === SPACE) continue;
      if (c === HASH && this.src.charCodeAt(i - 1) === SPACE) break;
      if (c === COLON) {
        if (inFlow) giveUp();
        if (i + 1 === this.end || this.src.charCodeAt(i + 1) === SPACE) break;
      }
      if (inFlow && FLOW_INDICATORS.has(c)) break;
      if (unusual(c)) giveUp();
      last = i + 1;
    }
    return last;
  }

  /** Only spaces, or spaces and a comment, may follow a value on its line. */
  private lineEnds(at: number): void {
    const i = this.skipSpaces(at);
    if (i === this.end) return;
    if (this.src.charCodeAt(i) !== HASH || (i === at && this.src.charCodeAt(i - 1) !== SPACE)) giveUp();
    this.ordinaryToEnd(i);
  }

  /** Gives up on unusual characters from `from` to the end of the line (a comment, a block scalar's line). */
  private ordinaryToEnd(from: number): void {
    for (let j = from; j < this.end; j++) if (unusual(this.src.charCodeAt(j))) giveUp();
  }
}
