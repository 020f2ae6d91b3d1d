import type { ParsedDocument } from '../document/types';
import type { Mention } from '../recognition/types';
import { CODES, type CoreDiagnostic, type RuleContext } from '../rules/types';
import { yamlUnreliable } from '../rules/frontMatterRules';
import { eolOf, FrontMatterEditor, yamlFlowList, yamlList, yamlScalar } from './frontMatterEdit';
import { mentionedIds } from './infer';
import { insertFrontMatterFix } from './insertFrontMatter';
import type { Span } from '../text/span';
import type { CoreTextEdit, Fix } from './types';

function fix(doc: ParsedDocument, title: string, code: string, edits: CoreTextEdit[], extra: Partial<Fix> = {}): Fix {
  return { title, kind: 'quickfix', fixes: [code], isPreferred: true, ...extra, changes: [{ uri: doc.uri, edits }] };
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The quick fixes of one diagnostic (at most one per fixable code, two for a misplaced id). */
export function fixesFor(doc: ParsedDocument, mentions: readonly Mention[], d: CoreDiagnostic, ctx: RuleContext): Fix[] {
  const fm = doc.frontMatter;
  const data = d.data ?? {};
  switch (d.code) {
    case CODES.noFrontMatter:
      if (fm || doc.binary) return [];
      return [insertFrontMatterFix(doc, mentions, ctx.kb, ctx.config.requiredFields, 'quickfix')];

    case CODES.unterminatedFrontMatter: {
      if (!fm?.unterminated) return [];
      const at = fm.contentSpan.end;
      return [fix(doc, "Close the front-matter with '---'", d.code, [{ span: { start: at, end: at }, newText: eolOf(doc.text) + '---' }])];
    }

    case CODES.missingField: {
      const field = str(data.field);
      if (!fm?.data || !field) return [];
      const inferred = data.inferred;
      const editor = new FrontMatterEditor(doc, fm);
      const valueText = Array.isArray(inferred) ? yamlList(inferred as string[], editor.eol) : inferred != null ? yamlScalar(inferred as string) : '';
      const existing = fm.fields.get(field);
      // An empty field and nothing inferred: "adding" it again would change nothing (or duplicate the key).
      if (existing && !valueText) return [];
      if (existing) editor.setValue(existing, valueText);
      else editor.addField(field, valueText);
      const shown = Array.isArray(inferred) ? yamlFlowList(inferred as string[]) : valueText;
      const title = valueText ? `Add '${field}: ${shorten(shown)}' from the text` : `Add an empty '${field}' field`;
      return [fix(doc, title, d.code, editor.toEdits(), { isPreferred: valueText !== '' })];
    }

    case CODES.nonNormalDate: {
      const normalized = str(data.normalized);
      const field = fm?.fields.get(str(data.field) ?? 'date');
      if (!normalized || !field) return [];
      return [fix(doc, `Write the date as ${normalized}`, d.code, [{ span: field.valueSpan, newText: normalized }], { safe: true })];
    }

    case CODES.wrongType: {
      // A single value where a list belongs: wrap it.
      const field = fm?.fields.get(str(data.field) ?? '');
      if (!field || data.expected !== 'list' || !['string', 'number'].includes(typeof field.value)) return [];
      return [fix(doc, `Make '${field.key}' a list`, d.code, [{ span: field.valueSpan, newText: `[${yamlScalar(field.value as string)}]` }])];
    }

    case CODES.unknownId: {
      const id = str(data.id);
      const key = str(data.field);
      const field = key ? fm?.fields.get(key) : undefined;
      if (!fm || !id || !field?.items) return [];
      const index = field.items.findIndex((i) => i.span.start === d.span.start && i.value === id);
      if (index < 0) return [];
      const belongs = str(data.belongs);
      if (belongs) {
        const editor = new FrontMatterEditor(doc, fm).removeItem(field, index);
        if (!listed(doc, belongs, id)) editor.addToList(belongs, [id]);
        return [fix(doc, `Move '${id}' to '${belongs}'`, d.code, editor.toEdits())];
      }
      const suggestion = str(data.suggestion);
      if (!suggestion) return [];
      return [fix(doc, `Replace '${id}' with '${suggestion}'`, d.code, [{ span: field.items[index].span, newText: yamlScalar(suggestion) }])];
    }

    case CODES.yamlError: {
      // With other YAML errors about (an open quote may swallow the next lines), entry boundaries are guesses.
      if (data.yamlCode !== 'DUPLICATE_KEY' || !fm || yamlUnreliable(fm)) return [];
      const entry = duplicateEntryLines(doc, d.span, fm.contentSpan.end);
      if (!entry) return [];
      const key = doc.text.slice(d.span.start, d.span.end);
      return [fix(doc, `Remove the second '${key}' entry (the first one is used)`, d.code, [{ span: entry, newText: '' }])];
    }

    case CODES.unresolvedLink: {
      const suggestion = str(data.suggestion);
      if (!suggestion) return [];
      return [fix(doc, `Link to '${suggestion}'`, d.code, [{ span: d.span, newText: suggestion }])];
    }

    case CODES.unlistedEntity: {
      const id = str(data.id);
      const key = str(data.field);
      if (!fm?.data || !id || !key) return [];
      const edits = new FrontMatterEditor(doc, fm).addToList(key, [id]).toEdits();
      if (!edits.length) return [];
      return [fix(doc, `Add '${id}' to '${key}'`, d.code, edits)];
    }
    default:
      return [];
  }
}

/** Actions that need no diagnostic: insert front-matter when there is none; list every recognised id not yet listed. */
export function sourceActions(doc: ParsedDocument, mentions: readonly Mention[], ctx: RuleContext): Fix[] {
  if (doc.binary) return [];
  const fm = doc.frontMatter;
  if (!fm) return [insertFrontMatterFix(doc, mentions, ctx.kb, ctx.config.requiredFields, 'source')];
  if (!fm.data) return [];
  const { entities, treaties } = mentionedIds(doc, mentions, ctx.kb);
  const newEntities = entities.filter((id) => !listed(doc, 'entities', id));
  const newTreaties = treaties.filter((id) => !listed(doc, 'treaties', id));
  const count = newEntities.length + newTreaties.length;
  if (!count) return [];
  const edits = new FrontMatterEditor(doc, fm).addToList('entities', newEntities).addToList('treaties', newTreaties).toEdits();
  if (!edits.length) return [];
  return [
    {
      title: `Add recognised entities to front-matter (${count})`,
      kind: 'source',
      fixes: [CODES.unlistedEntity],
      changes: [{ uri: doc.uri, edits }],
    },
  ];
}

/**
 * The lines of a mapping entry whose key starts a line: the key's line and the more-indented (or blank) lines
 * that continue its value. Undefined for a key inside a flow mapping `{a: 1, a: 2}`.
 */
function duplicateEntryLines(doc: ParsedDocument, keySpan: Span, limit: number): Span | undefined {
  const { lines, text } = doc;
  const line = lines.positionAt(keySpan.start).line;
  const start = lines.lineStart(line);
  const indent = keySpan.start - start;
  if (text.slice(start, keySpan.start).trim() !== '') return undefined;
  let next = line + 1;
  while (next < lines.lineCount && lines.lineStart(next) < limit) {
    const content = text.slice(lines.lineStart(next), lines.lineEnd(next));
    const lead = content.length - content.trimStart().length;
    if (content.trim() !== '' && lead <= indent) break;
    next++;
  }
  const end = next < lines.lineCount ? Math.min(lines.lineStart(next), limit) : text.length;
  return { start, end };
}

function listed(doc: ParsedDocument, key: string, id: string): boolean {
  const v = doc.frontMatter?.data?.[key];
  return Array.isArray(v) && v.includes(id);
}

function shorten(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}
