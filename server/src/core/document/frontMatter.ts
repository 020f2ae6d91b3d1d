import { isMap, isScalar, isSeq, visit, type Document, type Node, type Pair } from 'yaml';
import { parseYamlBounded } from './boundedYaml';
import type { Span } from '../text/span';
import type { FrontMatter, FrontMatterField, YamlProblem } from './types';

/** Aliases expanded per value before we call it an attack (billion laughs); real front-matter uses a handful. */
const MAX_ALIAS_COUNT = 100;
/** Nesting deeper than this is not front-matter; converting it would only risk the stack. */
const MAX_DEPTH = 64;
/** Front-matter longer than this is metadata no one wrote by hand: reported, not parsed (bounded time). */
const MAX_FRONT_MATTER_LENGTH = 256 * 1024;

/** Keys that name JavaScript object machinery; harmless here, never meaningful. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) return { start, end: i, next: i + 1 };
    if (c === 13) return { start, end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { start, end: i, next: i };
}

/**
 * A line that could belong to a YAML mapping: indented, a list item, a comment, `key:` or a flow/quoted
 * continuation. Used only to bound an unterminated block, so that prose after a forgotten closing fence is
 * analysed as body instead of being swallowed as YAML.
 */
function looksLikeYaml(line: string): boolean {
  if (line.trim() === '') return true;
  if (/^[ \t]/.test(line)) return true;
  if (line.startsWith('- ') || line === '-' || line.startsWith('#')) return true;
  if (/^[\]}]/.test(line)) return true;
  return /^(?:"[^"]*"|'[^']*'|[^\s:#][^:]{0,200}?):(?:[ \t]|$)/.test(line);
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
  let lastYamlLine: Line | undefined;
  let prose: Line | undefined;
  let previousBlank = false;
  while (pos < text.length) {
    const line = lineAt(text, pos);
    const content = text.slice(line.start, line.end);
    if (CLOSE.test(content)) {
      close = line;
      break;
    }
    const blank = content.trim() === '';
    if (!prose) {
      if (looksLikeYaml(content)) {
        if (!blank) lastYamlLine = line;
      } else {
        prose = line;
        // A paragraph of prose after a blank line: the closing fence was forgotten. A later `---` is a
        // horizontal rule of the body, not the end of the front-matter. (A bad line right among the fields is
        // more likely a typo: keep looking for the fence so the YAML error is reported where it is.)
        if (previousBlank) break;
      }
    }
    previousBlank = blank;
    pos = line.next;
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
  const contentEnd = lastYamlLine ? lastYamlLine.end : open.end;
  const contentSpan = { start: Math.min(open.next, contentEnd), end: contentEnd };
  const parsed = parseYamlBlock(text, contentSpan);
  const bodyStart = lastYamlLine ? lastYamlLine.next : open.next;
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

type Parsed = Pick<FrontMatter, 'data' | 'fields' | 'problems'>;

function parseYamlBlock(text: string, contentSpan: Span): Parsed {
  const base = contentSpan.start;
  // yaml does not break lines at a lone \r (old Mac files); as \n it does, and offsets keep their meaning.
  const source = text.slice(contentSpan.start, contentSpan.end).replace(/\r(?!\n)/g, '\n');
  const problems: YamlProblem[] = [];
  const fields = new Map<string, FrontMatterField>();
  let doc: Document.Parsed;
  try {
    doc = parseYamlBounded(source, { uniqueKeys: true, prettyErrors: false, strict: true }, MAX_FRONT_MATTER_LENGTH);
  } catch (e) {
    // The parser itself gave up (e.g. a stack overflow on absurd nesting): report it on the whole block.
    problems.push({ message: `Front-matter could not be parsed: ${(e as Error).message}`, span: contentSpan, code: 'PARSE_FAILED', severity: 'error' });
    return { data: null, fields, problems };
  }

  const toSpan = (start: number, end: number): Span => ({ start: base + start, end: base + end });
  for (const [list, severity] of [[doc.errors, 'error'], [doc.warnings, 'warning']] as const) {
    for (const e of list) {
      let [start, end] = e.pos.map((n) => Math.min(n, source.length));
      if (e.code === 'DUPLICATE_KEY') end = keyEndAt(doc, start) ?? end;
      // Widen an empty span to the character it points at so the editor can show it.
      if (end <= start && start < source.length && source[start] !== '\n' && source[start] !== '\r') end = start + 1;
      // No range may end or start between the \r and \n of a CRLF: no LSP position stands there.
      if (source[start - 1] === '\r' && source[start] === '\n') start--;
      if (source[end - 1] === '\r' && source[end] === '\n') end--;
      problems.push({ message: firstLine(e.message), span: toSpan(start, Math.max(start, end)), code: e.code, severity });
    }
  }

  // Not parsed at all (too long or too deep): nothing is known about the fields, so no rule may judge them.
  if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) return { data: null, fields, problems };
  // Kept as plain data (null prototypes), but named so a user sees why such a key does nothing.
  visit(doc, {
    Pair(_, pair) {
      const k = pair.key as Node | null;
      if (isScalar(k) && k.range && RESERVED_KEYS.has(String(k.value))) {
        problems.push({ message: `'${String(k.value)}' is a reserved name, not a front-matter field`, span: toSpan(k.range[0], k.range[1]), code: 'RESERVED_KEY', severity: 'warning' });
      }
    },
  });

  const contents = doc.contents;
  if (contents == null || (isScalar(contents) && contents.value == null)) {
    return { data: Object.create(null), fields, problems };
  }
  if (!isMap(contents)) {
    const r = (contents as Node).range ?? [0, source.length];
    problems.push({
      message: 'Front-matter must be a mapping of `key: value` lines',
      span: toSpan(r[0], r[1]),
      code: 'NOT_A_MAPPING',
      severity: 'error',
    });
    return { data: null, fields, problems };
  }

  const data: Record<string, unknown> = Object.create(null);
  for (const pair of contents.items as Pair<unknown, unknown>[]) {
    const keyNode = pair.key as Node | null;
    if (!keyNode || !keyNode.range) continue;
    const key = isScalar(keyNode) ? String(keyNode.value) : source.slice(keyNode.range[0], keyNode.range[1]);
    const keySpan = toSpan(keyNode.range[0], keyNode.range[1]);
    const valueNode = pair.value as Node | null;
    let value: unknown = null;
    if (valueNode) {
      try {
        value = toSafeJs(valueNode, doc, 0, { aliases: 0 });
      } catch (e) {
        const r = valueNode.range ?? keyNode.range;
        problems.push({ message: (e as Error).message, span: toSpan(r[0], r[1]), code: (e as SafeJsError).code ?? 'BAD_VALUE', severity: 'error' });
        value = null;
      }
    }
    let valueSpan: Span;
    if (valueNode?.range && valueNode.range[1] > valueNode.range[0]) {
      valueSpan = toSpan(valueNode.range[0], valueNode.range[1]);
    } else {
      const colon = source.indexOf(':', keyNode.range[1]);
      const after = colon >= 0 ? colon + 1 : keyNode.range[1];
      valueSpan = toSpan(after, after);
    }
    const field: FrontMatterField = { key, keySpan, valueSpan, value };
    if (isSeq(valueNode)) {
      field.items = [];
      (valueNode.items as unknown[]).forEach((item, i) => {
        const r = (item as Node | null)?.range;
        if (!r) return;
        const v = Array.isArray(value) ? value[i] : undefined;
        field.items!.push({ value: v, span: toSpan(r[0], r[1]) });
      });
    }
    // Keep the first definition of a duplicated key: that is the one the duplicate diagnostic points away from.
    if (!fields.has(key)) {
      fields.set(key, field);
      data[key] = value;
    }
  }
  return { data, fields, problems };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl >= 0 ? message.slice(0, nl) : message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

function keyEndAt(doc: Document.Parsed, start: number): number | undefined {
  if (!isMap(doc.contents)) return undefined;
  for (const pair of doc.contents.items as Pair<Node, unknown>[]) {
    const r = pair.key?.range;
    if (r && r[0] === start) return r[1];
  }
  return undefined;
}

class SafeJsError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * yaml's own toJS would do, but we want null-prototype objects at every level (so `__proto__` and `constructor`
 * keys are plain data) and a shared alias budget and depth bound across the whole value.
 */
function toSafeJs(node: unknown, doc: Document.Parsed, depth: number, budget: { aliases: number }): unknown {
  if (depth > MAX_DEPTH) throw new SafeJsError(`Front-matter nested deeper than ${MAX_DEPTH} levels`, 'TOO_DEEP');
  if (node == null) return null;
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item) => toSafeJs(item, doc, depth + 1, budget));
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      const k = toSafeJs(pair.key, doc, depth + 1, budget);
      out[typeof k === 'object' && k !== null ? JSON.stringify(k) : String(k)] = toSafeJs(pair.value, doc, depth + 1, budget);
    }
    return out;
  }
  const n = node as { source?: string; resolve?: (d: Document.Parsed) => unknown };
  if (typeof n.resolve === 'function') {
    // An alias: count every expansion, so nested aliases cannot multiply unnoticed.
    if (++budget.aliases > MAX_ALIAS_COUNT) {
      throw new SafeJsError('Excessive aliases in front-matter (possible resource exhaustion attack)', 'ALIAS_COUNT');
    }
    const target = n.resolve(doc);
    if (target === undefined) throw new SafeJsError(`Unresolved alias *${n.source ?? ''}`, 'BAD_ALIAS');
    return toSafeJs(target, doc, depth + 1, budget);
  }
  return null;
}
