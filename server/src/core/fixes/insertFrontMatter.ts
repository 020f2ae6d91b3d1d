import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { Mention } from '../recognition/types';
import { CODES } from '../rules/types';
import { eolOf, fieldLine, yamlList, yamlScalar } from './frontMatterEdit';
import { inferMetadata } from './infer';
import type { Fix } from './types';

/**
 * A whole front-matter block inferred from the text, inserted at the top (after a BOM). Required fields the text
 * says nothing about are left as empty placeholders for the user to fill in.
 */
export function insertFrontMatterFix(doc: ParsedDocument, mentions: readonly Mention[], kb: KnowledgeBase, required: readonly string[], kind: Fix['kind']): Fix {
  const meta = inferMetadata(doc, mentions, kb);
  const eol = eolOf(doc.text);
  const lines: string[] = ['---'];
  const written = new Set<string>();
  const put = (key: string, valueText: string) => {
    written.add(key);
    lines.push(fieldLine(key, valueText, eol));
  };
  const known: Record<string, string | undefined> = {
    title: meta.title && yamlScalar(meta.title),
    date: meta.date,
    source: meta.source && yamlScalar(meta.source),
  };
  // The usual fields first, in the usual order; then other required fields as placeholders.
  for (const key of ['title', 'date', 'source']) {
    if (known[key]) put(key, known[key]!);
    else if (required.includes(key)) put(key, '');
  }
  if (meta.language) put('language', meta.language);
  if (meta.entities.length) put('entities', yamlList(meta.entities, eol));
  if (meta.treaties.length) put('treaties', yamlList(meta.treaties, eol));
  for (const key of required) if (!written.has(key)) put(key, '');
  lines.push('---');
  const rest = doc.text.slice(doc.bom);
  // Keep a blank line between the block and the text unless the text already starts with one.
  const separator = /^(?:\r\n|\n|\r)/.test(rest) || rest === '' ? '' : eol;
  return {
    title: 'Insert front-matter inferred from the text',
    kind,
    fixes: [CODES.noFrontMatter],
    isPreferred: true,
    safe: true,
    changes: [{ uri: doc.uri, edits: [{ span: { start: doc.bom, end: doc.bom }, newText: lines.join(eol) + eol + separator }] }],
  };
}
