import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { Mention } from '../recognition/types';
import { CODES } from '../rules/types';
import { eolOf, yamlFlowList, yamlScalar } from './frontMatterEdit';
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
    lines.push(valueText ? `${key}: ${valueText}` : `${key}: `);
  };
  if (meta.title) put('title', yamlScalar(meta.title));
  if (meta.date) put('date', meta.date);
  if (meta.source) put('source', yamlScalar(meta.source));
  for (const key of required) if (!written.has(key)) put(key, '');
  if (meta.language) put('language', meta.language);
  if (meta.entities.length) put('entities', yamlFlowList(meta.entities));
  if (meta.treaties.length) put('treaties', yamlFlowList(meta.treaties));
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
