import type { CancellationToken, DocumentLink, DocumentLinkParams, Range } from 'vscode-languageserver/node';
import { safeUrl } from '../core/present/escape';
import { Checkpoint } from './guard';
import type { Session } from './session';

/** Document links for the URLs in front-matter (`source:` and friends); only http(s) links are offered. */
export async function documentLinks(session: Session, params: DocumentLinkParams): Promise<DocumentLink[] | null> {
  const index = await session.current(params.textDocument.uri);
  const doc = index.document(params.textDocument.uri);
  if (!doc || doc.isKbFile) return null;
  const out: DocumentLink[] = [];
  for (const u of doc.parsed.urls) {
    if (u.where !== 'front-matter') continue;
    const target = safeUrl(u.url);
    if (!target || target.startsWith('file:')) continue;
    out.push({ range: doc.parsed.lines.rangeOf(u.span), target });
  }
  return out;
}

export const ENTITY_INDEX_REQUEST = 'policyLens/entityIndex';
export const CHECK_WORKSPACE_REQUEST = 'policyLens/checkWorkspace';

export interface EntityIndexEntry {
  id: string;
  kind: string;
  nameKo?: string;
  nameEn?: string;
  uri?: string;
  range?: Range;
}

/** Every entity and instrument with where it is defined: the client's "Show entity index" quick pick. */
export async function entityIndex(session: Session, token?: CancellationToken): Promise<EntityIndexEntry[]> {
  const index = await session.current();
  const check = new Checkpoint(token);
  const out: EntityIndexEntry[] = [];
  for (const { record } of index.kb.records()) {
    await check.tick();
    const def = index.definition(record.id);
    const loc = def ? session.location(def) : undefined;
    out.push({ id: record.id, kind: record.kind, nameKo: record.name?.ko, nameEn: record.name?.en, uri: loc?.uri, range: loc?.range });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export interface CheckSummary {
  documents: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts of diagnostics over the whole corpus (every file analysed): the client's "Check workspace" command. */
export async function checkWorkspace(session: Session, token?: CancellationToken): Promise<CheckSummary> {
  const index = await session.current();
  const check = new Checkpoint(token);
  const summary: CheckSummary = { documents: 0, errors: 0, warnings: 0, infos: 0 };
  for (const doc of index.infos()) {
    await check.tick();
    if (!doc.isKbFile) summary.documents++;
    const counts = index.diagnosticsOf(doc.uri)?.counts;
    if (!counts) continue;
    summary.errors += counts.error;
    summary.warnings += counts.warning;
    summary.infos += counts.information + counts.hint;
  }
  return summary;
}
