import type { SemanticTokens, SemanticTokensLegend, SemanticTokensParams } from 'vscode-languageserver/node';
import { kindClass, type KindClass } from '../core/kb/record';
import type { Mention } from '../core/recognition/types';
import type { Session } from './session';

/**
 * Custom token types, one per kind class, so themes can colour people, countries, organisations and instruments
 * differently. The client's package.json declares them with super types (`person` → variable, `country` →
 * namespace, `organization` → class, `instrument` → type) so every theme colours them, and `semanticTokenScopes`
 * maps them to TextMate scopes for themes without semantic colouring.
 */
export const TOKEN_TYPES: readonly KindClass[] = ['person', 'country', 'organization', 'instrument'];
/** `ambiguous`: several records claim the text; `unresolved`: an instrument the kb does not know; `annotation`: `[[id]]`. */
export const TOKEN_MODIFIERS = ['ambiguous', 'unresolved', 'annotation'] as const;

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

function tokenOf(mention: Mention): { type: number; modifiers: number } | undefined {
  let modifiers = 0;
  if (mention.ambiguous || mention.ids.length > 1) modifiers |= 1 << 0;
  if (mention.via === 'annotation') modifiers |= 1 << 2;
  if (mention.kind === 'unknown') return { type: TOKEN_TYPES.indexOf('instrument'), modifiers: modifiers | (1 << 1) };
  return { type: TOKEN_TYPES.indexOf(kindClass(mention.kind)), modifiers };
}

export async function semanticTokens(session: Session, params: SemanticTokensParams): Promise<SemanticTokens> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc || doc.isKbFile) return { data: [] };
  const { lines } = doc.parsed;
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let prevEnd = -1;
  // The encoding is relative to the previous token: tokens must be in order and must not overlap.
  const mentions = [...doc.mentions].sort((a, b) => a.span.start - b.span.start);
  for (const mention of mentions) {
    if (mention.span.start < prevEnd) continue;
    prevEnd = mention.span.end;
    const token = tokenOf(mention);
    if (!token || token.type < 0) continue;
    const start = lines.positionAt(mention.span.start);
    const end = lines.positionAt(mention.span.end);
    // Tokens may not span lines: a mention broken over a line break becomes one token per line.
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const to = line === end.line ? end.character : lines.lineEnd(line) - lines.lineStart(line);
      if (to <= from) continue;
      const deltaLine = line - prevLine;
      const deltaChar = deltaLine === 0 ? from - prevChar : from;
      data.push(deltaLine, deltaChar, to - from, token.type, token.modifiers);
      prevLine = line;
      prevChar = from;
    }
  }
  return { data };
}
