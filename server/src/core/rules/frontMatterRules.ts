import type { FrontMatter, FrontMatterField, ParsedDocument } from '../document/types';
import { inferMetadata, type InferredMetadata } from '../fixes/infer';
import { isInstrumentKind, isRecordKind } from '../kb/record';
import type { Mention } from '../recognition/types';
import type { Span } from '../text/span';
import { checkDateValue } from './dates';
import { DEFAULT_SEVERITY } from './severity';
import { closestId } from './suggest';
import { CODES, type CoreDiagnostic, type DiagnosticCode, type RuleContext } from './types';

/** Fields whose value must be a list (of ids or of words). */
export const LIST_FIELDS = ['categories', 'tags', 'entities', 'treaties', 'related', 'aliases'] as const;
/** Fields whose value must be a string. */
const STRING_FIELDS = ['title', 'source', 'id', 'kind', 'language', 'excerpt'] as const;

export function diag(code: DiagnosticCode, message: string, span: Span, data?: Record<string, unknown>): CoreDiagnostic {
  // One literal per shape (not a property added later): a corpus makes 150,000 of these.
  const severity = DEFAULT_SEVERITY[code];
  return data ? { code, severity, message, span, data } : { code, severity, message, span };
}

/**
 * YAML errors (other than a repeated key) hide fields that are there: saying one is missing or lacks an id would
 * be a guess, and the fix for it would write into broken YAML (a duplicate key, or text inside an open quote).
 */
export function yamlUnreliable(fm: FrontMatter): boolean {
  return fm.problems.some((p) => p.severity === 'error' && p.code !== 'DUPLICATE_KEY');
}

/** An empty value: nothing after the colon, an empty string or an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return value == null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Diagnostics of the front-matter block and its fields, appended to `out`. */
export function frontMatterRules(doc: ParsedDocument, fm: FrontMatter, mentions: readonly Mention[], ctx: RuleContext, out: CoreDiagnostic[]): void {
  if (fm.unterminated) {
    out.push(
      diag(CODES.unterminatedFrontMatter, "Front-matter is not closed: add a '---' line after the last field.", {
        start: fm.span.start,
        end: Math.min(fm.span.start + 3, doc.text.length),
      }),
    );
  }
  for (const p of fm.problems) {
    const d = diag(CODES.yamlError, `Malformed front-matter YAML: ${p.message}`, p.span, { yamlCode: p.code });
    if (p.severity === 'warning') d.severity = 'warning';
    out.push(d);
  }
  if (!fm.data) return;

  // YAML errors hide fields that are there: "missing" would be a guess, and its fix would duplicate the key.
  // A definition note describes a record (a person, a treaty): it is not a dated policy document.
  if (!yamlUnreliable(fm) && !isDefinitionNote(fm)) requiredFields(doc, fm, mentions, ctx, out);
  for (const field of fm.fields.values()) fieldRules(doc, field, ctx, out);
}

/** Front-matter with an `id` and a record `kind`: the document defines a knowledge-base record. */
export function isDefinitionNote(fm: FrontMatter | null): boolean {
  const data = fm?.data;
  return !!data && typeof data.id === 'string' && typeof data.kind === 'string' && isRecordKind(data.kind);
}

function requiredFields(doc: ParsedDocument, fm: FrontMatter, mentions: readonly Mention[], ctx: RuleContext, out: CoreDiagnostic[]): void {
  let inferred: InferredMetadata | undefined;
  const fence = { start: fm.span.start, end: Math.min(fm.span.start + 3, doc.text.length) };
  for (const name of ctx.config.requiredFields) {
    const field = fm.fields.get(name);
    if (field && !isEmptyValue(field.value)) continue;
    inferred ??= inferMetadata(doc, mentions, ctx.kb);
    const value = (inferred as unknown as Record<string, unknown>)[name];
    const guess = isEmptyValue(value) ? undefined : value;
    const hint = guess === undefined ? '' : ` (the text suggests ${JSON.stringify(guess)})`;
    const data: Record<string, unknown> = { field: name };
    if (guess !== undefined) data.inferred = guess;
    if (field) {
      data.empty = true;
      out.push(diag(CODES.missingField, `Required field '${name}' is empty${hint}.`, field.keySpan, data));
    } else {
      out.push(diag(CODES.missingField, `Required field '${name}' is missing${hint}.`, fence, data));
    }
  }
}

function fieldRules(doc: ParsedDocument, field: FrontMatterField, ctx: RuleContext, out: CoreDiagnostic[]): void {
  const { key, value } = field;
  if (value == null) return;
  if ((LIST_FIELDS as readonly string[]).includes(key)) {
    // Records (definition notes) give aliases per language: `aliases: {ko: [...], en: [...]}`.
    if (key === 'aliases' && isPerLanguageLists(value)) return;
    if (!Array.isArray(value)) {
      out.push(diag(CODES.wrongType, `'${key}' should be a list (e.g. [a, b] or '- a' lines), not ${describe(value)}.`, field.valueSpan, { field: key, expected: 'list' }));
      return;
    }
    if (key === 'entities' || key === 'treaties' || key === 'related') idListRules(field, ctx, out);
  } else if ((STRING_FIELDS as readonly string[]).includes(key)) {
    if (typeof value !== 'string') {
      out.push(diag(CODES.wrongType, `'${key}' should be a string, not ${describe(value)}.`, field.valueSpan, { field: key, expected: 'string' }));
    } else if (key === 'id') {
      const others = ctx.otherDefinitions(value, doc.uri);
      if (others.length) {
        const d = diag(CODES.duplicateId, `The id '${value}' is also defined in ${others.length} other place${others.length > 1 ? 's' : ''}.`, field.valueSpan, { id: value });
        d.related = others.map((o) => ({ uri: o.uri, span: o.span, message: `'${value}' is also defined here` }));
        out.push(d);
      }
    }
  } else if (key === 'date') {
    const check = checkDateValue(value);
    if (check.status === 'wrong-type') {
      out.push(diag(CODES.wrongType, `'date' should be a date written YYYY-MM-DD, not ${describe(value)}.`, field.valueSpan, { field: key, expected: 'date' }));
    } else if (check.status === 'invalid') {
      out.push(diag(CODES.invalidDate, `Invalid date '${String(value)}': ${check.reason}.`, field.valueSpan, { field: key }));
    } else if (check.status === 'non-normal') {
      out.push(diag(CODES.nonNormalDate, `Date '${String(value)}' is not written YYYY-MM-DD; use ${check.normalized}.`, field.valueSpan, { field: key, normalized: check.normalized }));
    }
  }
}

/**
 * `entities`, `treaties` and `related` hold ids. Entities must be known entity records, treaties known
 * instruments (a treaty listed under `entities` is reported as misplaced: the hover card and the index group by
 * list), related ids documents or records.
 */
function idListRules(field: FrontMatterField, ctx: RuleContext, out: CoreDiagnostic[]): void {
  const key = field.key as 'entities' | 'treaties' | 'related';
  const want = key === 'entities' ? 'entity' : key === 'treaties' ? 'instrument' : 'any';
  for (const item of field.items ?? []) {
    if (typeof item.value !== 'string') {
      out.push(diag(CODES.wrongType, `Items of '${key}' should be ids (strings), not ${describe(item.value)}.`, item.span, { field: key, expected: 'id' }));
      continue;
    }
    const id = item.value;
    const record = ctx.kb.record(id);
    if (key === 'related') {
      if (record || ctx.documentWithId(id)) continue;
    } else if (record) {
      const instrument = isInstrumentKind(record.kind);
      if (instrument === (key === 'treaties')) continue;
      const belongs = instrument ? 'treaties' : 'entities';
      out.push(
        diag(CODES.unknownId, `'${id}' is ${instrument ? 'an instrument' : 'an entity'} (${record.kind}); list it under '${belongs}', not '${key}'.`, item.span, {
          id,
          field: key,
          belongs,
        }),
      );
      continue;
    }
    const suggestion = closestId(id, ctx.allIds(), ctx.kb, want);
    const where = key === 'related' ? 'no document or record has' : 'the knowledge base has no';
    const message = `Unknown id '${id}' in '${key}': ${where} such id${suggestion ? `. Did you mean '${suggestion}'?` : '.'}`;
    const data: Record<string, unknown> = { id, field: key };
    if (suggestion) data.suggestion = suggestion;
    out.push(diag(CODES.unknownId, message, item.span, data));
  }
}

function isPerLanguageLists(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => Array.isArray(v) || typeof v === 'string');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}
