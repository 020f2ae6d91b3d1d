import { NotificationType, RequestType0 } from 'vscode-languageclient/node';
// Type-only imports: the shapes are the server's own declarations, so a change on either side fails the typecheck.
import type { CheckSummary, EntityIndexEntry } from '../../server/src/lsp/custom';
import type { IndexState } from '../../server/src/lsp/indexing';

export type { CheckSummary, EntityIndexEntry, IndexState };

/** Custom requests and notifications of the Policy Lens server (names must match server/src/lsp). */
export const EntityIndexRequest = new RequestType0<EntityIndexEntry[], void>('policyLens/entityIndex');
export const CheckWorkspaceRequest = new RequestType0<CheckSummary, void>('policyLens/checkWorkspace');
export const IndexStateNotification = new NotificationType<IndexState>('policyLens/indexState');

/** Code action kind the server gives "Insert front-matter from text". */
export const INSERT_FRONT_MATTER_KIND = 'source.policyLens.insertFrontMatter';

/** Languages whose documents are corpus documents (kb YAML files are served too, but are not documents). */
export const DOCUMENT_LANGUAGES = ['markdown', 'plaintext'] as const;

export function isCorpusDocument(doc: { languageId: string } | undefined): boolean {
  return !!doc && (DOCUMENT_LANGUAGES as readonly string[]).includes(doc.languageId);
}
