import { isMap, isScalar, isSeq, visit, type Document, type Node, type Pair } from 'yaml';
import { parseYamlBounded } from './boundedYaml';
import type { Span } from '../text/span';
import type { FrontMatter, FrontMatterField, YamlProblem } from './types';

/** Aliases expanded per value before we call it an attack (billion laughs); real front-matter uses a handful. */
const MAX_ALIAS_COUNT = 100;
/** Nesting deeper than this is not front-matter; converting it would only risk the stack. */
const MAX_DEPTH = 64;
/** Front-matter longer than this is metadata no one wrote by hand: reported, not parsed (bounded time). */
export const MAX_FRONT_MATTER_LENGTH = 256 * 1024;

/** Keys that name JavaScript object machinery; harmless here, never meaningful. */
export const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What parsing the YAML between the fences yields. */
export type ParsedYaml = Pick<FrontMatter, 'data' | 'fields' | 'problems'>;

/** The options every front-matter is parsed with (YAML 1.2 core schema: `2024-05-01` stays a string). */
export const FRONT_MATTER_YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

/**
 * The front-matter YAML (`source`, the text of `contentSpan` with lone \r as \n) through the `yaml` library:
 * every construct, every error and warning. Spans are offsets in the document.
 */
export function parseFrontMatterYaml(source: string, contentSpan: Span): ParsedYaml {
  const base = contentSpan.start;
  const problems: YamlProblem[] = [];
  const fields = new Map<string, FrontMatterField>();
  let doc: Document.Parsed;
  try {
    doc = parseYamlBounded(source, FRONT_MATTER_YAML_OPTIONS, MAX_FRONT_MATTER_LENGTH);
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
