import { stringify } from 'yaml';
import type { FrontMatter, FrontMatterField, ParsedDocument } from '../document/types';
import type { CoreTextEdit } from './types';

/** The document's line break (CRLF stays CRLF). */
export function eolOf(text: string): string {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0) return '\n';
  return text.startsWith('\r\n', i) ? '\r\n' : text[i];
}

/** A YAML scalar as it must be written on one line: yaml's stringify quotes what needs quoting. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return stringify(value, { lineWidth: 0, minContentWidth: 0 }).replace(/\r?\n$/, '').replace(/\n/g, ' ');
}

/** A flow list `[a, b]` of scalars. */
export function yamlFlowList(values: readonly string[]): string {
  return `[${values.map((v) => yamlScalar(v)).join(', ')}]`;
}

/** Longer lists (the `key: ` line past ~70 columns) are easier to read and to diff one item per line. */
const MAX_FLOW_LIST = 60;

/** A list value: `[a, b]` when short, else block items on their own lines (the text then starts with `eol`). */
export function yamlList(values: readonly string[], eol: string): string {
  const flow = yamlFlowList(values);
  if (flow.length <= MAX_FLOW_LIST) return flow;
  return values.map((v) => `${eol}  - ${yamlScalar(v)}`).join('');
}

/** `key: value`; `key:` alone before a block value or an empty placeholder (`key: `). */
export function fieldLine(key: string, valueText: string, eol: string): string {
  if (valueText.startsWith(eol) && valueText !== '') return `${yamlScalar(key)}:${valueText}`;
  return `${yamlScalar(key)}: ${valueText}`;
}

/**
 * Collects changes to an existing front-matter block and turns them into non-overlapping text edits: new fields
 * go in one insertion after the last field, list items into their list (flow `[a, b]` or block `- a`), values
 * replace their span.
 */
export class FrontMatterEditor {
  private readonly newLines: string[] = [];
  private readonly edits: CoreTextEdit[] = [];
  readonly eol: string;

  constructor(
    private readonly doc: ParsedDocument,
    private readonly fm: FrontMatter,
  ) {
    this.eol = eolOf(doc.text);
  }

  /** `key: value` as a new line (value already YAML text; empty for a placeholder). */
  addField(key: string, valueText: string): this {
    this.newLines.push(fieldLine(key, valueText, this.eol));
    return this;
  }

  /** Sets the value of a field that exists (possibly empty: `title:`). */
  setValue(field: FrontMatterField, valueText: string): this {
    const { start, end } = field.valueSpan;
    const needsSpace = start === end && this.doc.text[start - 1] === ':' && !valueText.startsWith(this.eol);
    this.edits.push({ span: { start, end }, newText: (needsSpace ? ' ' : '') + valueText });
    return this;
  }

  /** Appends ids to a list field, creating it when absent or empty. */
  addToList(key: string, ids: readonly string[]): this {
    if (!ids.length) return this;
    const field = this.fm.fields.get(key);
    if (!field) return this.addField(key, yamlList(ids, this.eol));
    if (field.value == null || (Array.isArray(field.value) && field.value.length === 0 && !field.items?.length && !this.isFlow(field))) {
      return this.setValue(field, yamlList(ids, this.eol));
    }
    if (!Array.isArray(field.value)) return this;
    const items = field.items ?? [];
    const last = items[items.length - 1];
    if (this.isFlow(field)) {
      if (last) {
        this.edits.push({ span: { start: last.span.end, end: last.span.end }, newText: ids.map((id) => `, ${yamlScalar(id)}`).join('') });
      } else {
        const close = this.doc.text.lastIndexOf(']', field.valueSpan.end - 1);
        this.edits.push({ span: { start: close, end: close }, newText: ids.map((id) => yamlScalar(id)).join(', ') });
      }
      return this;
    }
    if (!last) return this;
    // Block list: repeat the last item's `  - ` prefix on new lines after it.
    const { lines, text } = this.doc;
    const line = lines.positionAt(last.span.start).line;
    const prefix = text.slice(lines.lineStart(line), last.span.start);
    const at = lines.lineEnd(lines.positionAt(Math.max(last.span.start, last.span.end - 1)).line);
    this.edits.push({ span: { start: at, end: at }, newText: ids.map((id) => `${this.eol}${prefix}${yamlScalar(id)}`).join('') });
    return this;
  }

  /** Removes one item of a list field (the item and its separator, or its whole `- ` line). */
  removeItem(field: FrontMatterField, index: number): this {
    const items = field.items ?? [];
    const item = items[index];
    if (!item) return this;
    const { text, lines } = this.doc;
    if (this.isFlow(field)) {
      const span =
        index > 0
          ? { start: items[index - 1].span.end, end: item.span.end }
          : items.length > 1
            ? { start: item.span.start, end: items[1].span.start }
            : item.span;
      this.edits.push({ span, newText: '' });
      return this;
    }
    const line = lines.positionAt(item.span.start).line;
    const start = lines.lineStart(line);
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    this.edits.push({ span: { start, end: next }, newText: '' });
    return this;
  }

  replace(span: { start: number; end: number }, newText: string): this {
    this.edits.push({ span, newText });
    return this;
  }

  toEdits(): CoreTextEdit[] {
    const out = this.edits.map((e) => ({ ...e }));
    if (this.newLines.length) {
      const at = this.insertionPoint();
      const body = this.newLines.join(this.eol);
      const newText = at.beforeLine ? body + this.eol : this.eol + body;
      // An item appended to the last (block) list inserts at the same offset: new fields go after it, in one edit.
      const same = out.find((e) => e.span.start === at.offset && e.span.end === at.offset);
      if (same) same.newText += newText;
      else out.push({ span: { start: at.offset, end: at.offset }, newText });
    }
    return out;
  }

  private isFlow(field: FrontMatterField): boolean {
    return this.doc.text[field.valueSpan.start] === '[';
  }

  /** After the last field's last line; at the top of the content when there is no field. */
  private insertionPoint(): { offset: number; beforeLine: boolean } {
    const { lines } = this.doc;
    let lastEnd = -1;
    for (const f of this.fm.fields.values()) {
      lastEnd = Math.max(lastEnd, f.keySpan.end, f.valueSpan.end, ...(f.items ?? []).map((i) => i.span.end));
    }
    if (lastEnd < 0) return { offset: this.fm.contentSpan.start, beforeLine: !this.fm.unterminated || this.fm.contentSpan.end > this.fm.contentSpan.start };
    const line = lines.positionAt(Math.max(this.fm.contentSpan.start, lastEnd - 1)).line;
    return { offset: lines.lineEnd(line), beforeLine: false };
  }
}
