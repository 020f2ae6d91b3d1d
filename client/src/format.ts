// Texts the client shows: pure functions (no `vscode` import) so they are unit-tested under Node.
import type { CheckSummary, EntityIndexEntry, IndexState } from './protocol';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** Korean and English names side by side, so typing in either language finds the entry; the id when unnamed. */
export function entityLabel(e: Pick<EntityIndexEntry, 'id' | 'nameKo' | 'nameEn'>): string {
  const names = [e.nameKo, e.nameEn].map((n) => n?.trim()).filter((n): n is string => !!n);
  return names.length ? [...new Set(names)].join(' / ') : e.id;
}

export function entityDescription(e: Pick<EntityIndexEntry, 'id' | 'kind'>): string {
  return `${e.id} · ${e.kind}`;
}

export function checkSummaryMessage(s: CheckSummary): string {
  const head = `Policy Lens checked ${plural(s.documents, 'document')}`;
  if (s.errors + s.warnings + s.infos === 0) return `${head}: no problems.`;
  return `${head}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}.`;
}

export function indexStateText(s: IndexState): { text: string; tooltip: string } {
  if (s.state === 'indexing') {
    return { text: '$(sync~spin) Policy Lens: indexing…', tooltip: 'Policy Lens is reading the workspace documents and knowledge base.' };
  }
  return {
    text: `$(book) ${count(s.documents)} docs · ${count(s.entities)} entities`,
    tooltip:
      `Policy Lens: ${plural(s.documents, 'document')}, ${plural(s.entities, 'entity', 'entities')} and ` +
      `${plural(s.instruments, 'treaty or other instrument', 'treaties and other instruments')} indexed. ` +
      'Click to show the entity index.',
  };
}
