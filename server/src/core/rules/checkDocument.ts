import type { ParsedDocument } from '../document/types';
import type { Mention } from '../recognition/types';
import { linkRules, mentionRules } from './bodyRules';
import { diag, frontMatterRules } from './frontMatterRules';
import { withConfiguredSeverity } from './severity';
import { CODES, type CoreDiagnostic, type RuleContext } from './types';

/**
 * The metadata diagnostics of one document (PL001–PL014 but PL012, which belongs to kb files), with the user's
 * severities applied. Pure: everything about the rest of the workspace comes through `ctx`.
 */
export function checkDocument(doc: ParsedDocument, mentions: readonly Mention[], ctx: RuleContext): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  if (doc.binary) {
    out.push(diag(CODES.binaryFile, 'This file looks binary (NUL bytes or invalid UTF-8); it is not analysed.', { start: 0, end: 0 }));
    return withConfiguredSeverity(out, ctx.config);
  }
  const fm = doc.frontMatter;
  if (!fm) {
    const start = doc.bom;
    const end = doc.lines.lineEnd(0);
    const fields = ctx.config.requiredFields;
    const wanted = fields.length ? ` with ${fields.join(', ')}` : '';
    out.push(diag(CODES.noFrontMatter, `No front-matter: add a YAML block between '---' lines at the top${wanted}.`, { start, end: Math.max(start, end) }));
  } else {
    frontMatterRules(doc, fm, mentions, ctx, out);
  }
  // The rules append to one list: no list per rule and document to allocate and copy.
  linkRules(doc, ctx, out);
  mentionRules(doc, mentions, ctx, out);
  return withConfiguredSeverity(out, ctx.config);
}
