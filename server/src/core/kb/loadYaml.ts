import { isAlias, isMap, isNode, isPair, isScalar, isSeq, visit, type Document, type Node as YamlNode } from 'yaml';
import { parseYamlBounded } from '../document/boundedYaml';
import type { FrontMatterField } from '../document/types';
import type { Span } from '../text/span';
import type { KbProblem, LoadedRecord } from './record';
import { validateRecord, type PathSegment, type RecordError } from './validate';

/** Aliases may be reused this many times per file; more is an alias bomb (`&a [*b, *b, …]`), not data. */
const MAX_ALIAS_COUNT = 100;

export interface KbLoadResult {
  records: LoadedRecord[];
  problems: KbProblem[];
}

function nodeSpan(node: { range?: [number, number, number] | null } | null | undefined, fallback: Span): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

/** A zero-width error position is widened to the character under it so editors show something. */
function errorSpan(pos: [number, number], textLength: number): Span {
  // yaml may place end-of-input errors one past the end: clamp into the text.
  const start = Math.min(Math.max(0, pos[0]), textLength);
  const end = Math.min(Math.max(start, pos[1]), textLength);
  if (end > start) return { start, end };
  if (start < textLength) return { start, end: start + 1 };
  return { start: Math.max(0, textLength - 1), end: textLength };
}

/** The deepest node along `at` under `node`: an unknown key points at the key itself, a bad value at the value. */
function nodeAt(node: YamlNode, at: PathSegment[]): { node: YamlNode; keyOnly: boolean } {
  let current: YamlNode = node;
  for (const seg of at) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (isNode(pair.value)) current = pair.value;
      else return { node: isNode(pair.key) ? pair.key : current, keyOnly: true };
    } else if (isSeq(current) && typeof seg === 'number') {
      const item = current.items[seg];
      if (!isNode(item)) break;
      current = item;
    } else break;
  }
  return { node: current, keyOnly: false };
}

/** Span of the key for an unknown-field warning (the value may be long), of the value otherwise. */
function spanForError(item: YamlNode, err: RecordError, itemSpan: Span): Span {
  const isUnknownKey = err.severity === 'warning' && err.message.startsWith('unknown field');
  const isHostileKey = err.message.includes('is not allowed as a key');
  if ((isUnknownKey || isHostileKey) && err.at.length > 0) {
    const parent = nodeAt(item, err.at.slice(0, -1)).node;
    const last = err.at[err.at.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
      if (pair && isNode(pair.key)) return nodeSpan(pair.key, itemSpan);
    }
  }
  if (err.at.length === 0) {
    // A missing required field: point at the start of the record (its first key) rather than its whole body.
    const first = isMap(item) ? item.items[0] : undefined;
    if (first && isPair(first) && isNode(first.key)) return nodeSpan(first.key, itemSpan);
    return itemSpan;
  }
  return nodeSpan(nodeAt(item, err.at).node, itemSpan);
}

function recordNodes(doc: Document, problems: KbProblem[], textLength: number): YamlNode[] {
  const root = doc.contents;
  if (root === null || root === undefined) return [];
  if (isScalar(root) && (root.value === null || root.value === '')) return [];
  if (isSeq(root)) return root.items.filter(isNode);
  if (isMap(root)) {
    const records = root.get('records', true);
    if (isSeq(records)) return records.items.filter(isNode);
    if (root.has('id')) return [root];
  }
  problems.push({
    message: "a knowledge-base file holds a list of records (`- id: …`), or a mapping with a 'records:' list",
    span: nodeSpan(isNode(root) ? root : null, { start: 0, end: Math.min(textLength, 1) }),
    code: 'PL012',
    severity: 'error',
  });
  return [];
}

/**
 * Parses one knowledge-base YAML file. Every YAML error and every invalid record becomes a problem with the exact
 * range of the node at fault; invalid records (and records containing a YAML error) are skipped, the rest kept.
 */
export function parseKbYaml(uri: string, text: string, builtin: boolean): KbLoadResult {
  // yaml stumbles on a byte-order mark: parse without it and shift every span back by one.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const problems: KbProblem[] = [];
  const records: LoadedRecord[] = [];
  // uniqueKeys: a duplicate key is an error rather than a silent "last one wins".
  const doc = parseYamlBounded(body, { uniqueKeys: true, prettyErrors: false, strict: true });
  const yamlErrors: Span[] = [];
  for (const e of doc.errors) {
    const span = e.code === 'DUPLICATE_KEY' ? keySpanAt(doc, e.pos[0]) ?? errorSpan(e.pos, body.length) : errorSpan(e.pos, body.length);
    // A second document (`---`) is reported, but does not make the first document's records untrusted.
    if (e.code !== 'MULTIPLE_DOCS') yamlErrors.push(span);
    const message = e.code === 'MULTIPLE_DOCS' ? 'a knowledge-base file holds one YAML document: this one and what follows is ignored' : firstLine(e.message);
    problems.push({ message: `YAML: ${message}`, span, code: 'PL005', severity: 'error' });
  }
  for (const w of doc.warnings)
    problems.push({ message: `YAML: ${firstLine(w.message)}`, span: errorSpan(w.pos, body.length), code: 'PL005', severity: 'warning' });

  const items = recordNodes(doc, problems, body.length);
  items.forEach((item, i) => {
    const itemSpan = nodeSpan(item, { start: 0, end: 0 });
    // A record with a YAML error anywhere before the next record is not trusted (its keys may be cut, duplicated
    // or re-indented away): the PL005 says why, and a PL012 about a "missing" field would only mislead.
    const regionEnd = i + 1 < items.length ? nodeSpan(items[i + 1], itemSpan).start : Infinity;
    if (yamlErrors.some((e) => e.end > itemSpan.start && e.start < regionEnd)) return;
    if (!isMap(item)) {
      const message = isAlias(item)
        ? `a record cannot be an alias (${item.toString()}) of another one: the id would be defined twice`
        : "a record must be a mapping with 'id', 'kind' and 'name'";
      problems.push({ message, span: itemSpan, code: 'PL012', severity: 'error' });
      return;
    }
    let plain: unknown;
    try {
      plain = item.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      // yaml throws for alias bombs and unresolved aliases; the record is dropped, the file is not.
      problems.push({ message: `record could not be read: ${(e as Error).message}`, span: itemSpan, code: 'PL012', severity: 'error' });
      return;
    }
    const { record, errors } = validateRecord(plain, { unknownKeys: 'warning' });
    const idLabel = typeof (plain as Record<string, unknown>)?.id === 'string' ? ` '${(plain as { id: string }).id}'` : '';
    for (const err of errors) {
      problems.push({
        message: `record${idLabel}: ${err.path ? `${err.path}: ` : ''}${err.message}`,
        span: spanForError(item, err, itemSpan),
        code: 'PL012',
        severity: err.severity,
      });
    }
    if (record) records.push({ record, origin: { uri, idSpan: nodeSpan(item.get('id', true) as YamlNode, itemSpan), builtin } });
  });
  if (bom) {
    const shift = (sp: Span): Span => ({ start: sp.start + bom, end: sp.end + bom });
    for (const p of problems) p.span = shift(p.span);
    for (const r of records) r.origin.idSpan = shift(r.origin.idSpan);
  }
  return { records, problems };
}

/** yaml marks a duplicate key by its first character; the whole key reads better. */
function keySpanAt(doc: Document, offset: number): Span | undefined {
  let found: Span | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if (node.range && node.range[0] === offset) {
        found = { start: node.range[0], end: node.range[1] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * A Markdown definition note: front-matter with `id` and `kind` is one record. Its other front-matter fields
 * (`date`, `tags`…) are the note's own and ignored; `title` names the record when `name` is absent. Problems
 * point at `idSpan`, the best range known without the front-matter's node tree.
 */
export function recordFromFrontMatter(
  uri: string,
  data: Record<string, unknown>,
  idSpan: Span,
  /** The front-matter's fields with their spans: when given, a problem points at the offending value. */
  fields?: ReadonlyMap<string, FrontMatterField>,
): { record?: LoadedRecord; problems: KbProblem[] } {
  // A note without `name` is named by its `title` (the field notes usually have), in the language of its script.
  const input = data.name === undefined && typeof data.title === 'string' ? { ...data, name: data.title } : data;
  const { record, errors } = validateRecord(input, { unknownKeys: 'ignore' });
  const problems: KbProblem[] = errors.map((err) => ({
    message: `definition note: ${err.path ? `${err.path}: ` : ''}${err.message}`,
    span: frontMatterSpan(err, fields) ?? idSpan,
    code: 'PL012' as const,
    severity: err.severity,
  }));
  return record ? { record: { record, origin: { uri, idSpan, builtin: false } }, problems } : { problems };
}

/** The top-level field's value (or list item) an error is about; the key itself for a forbidden key. */
function frontMatterSpan(err: RecordError, fields: ReadonlyMap<string, FrontMatterField> | undefined): Span | undefined {
  if (!fields || err.at.length === 0) return undefined;
  const field = fields.get(String(err.at[0]));
  if (!field) return undefined;
  if (err.at.length === 1 && err.message.includes('is not allowed as a key')) return field.keySpan;
  const index = err.at[1];
  if (typeof index === 'number' && field.items?.[index]) return field.items[index].span;
  return field.valueSpan;
}
