import type { PolicyLensConfig } from '../../config/config';
import type { LoadedRecord } from '../../kb/record';
import type { DeclaringDocument } from '../ruleContext';
import type { IdentitySnapshot } from '../workspaceIndex';
import type { IdentifiedFile } from './protocol';

/**
 * The identity snapshot a new index holding exactly these files would give (`WorkspaceIndex.identitySnapshot`),
 * computed from the files' identities alone: the workers can start analysing before the index has taken the
 * files in. `files` are sorted by uri, as the index orders them.
 */
export function snapshotOf(config: PolicyLensConfig, builtin: LoadedRecord[], files: readonly IdentifiedFile[]): IdentitySnapshot {
  const records: LoadedRecord[] = [];
  const declared = new Map<string, DeclaringDocument[]>();
  for (const f of files) {
    for (const r of f.records) records.push(r);
    if (f.docId) {
      const entry = { uri: f.uri, span: f.docId.span, title: f.title };
      const list = declared.get(f.docId.id);
      if (list) list.push(entry);
      else declared.set(f.docId.id, [entry]);
    }
  }
  return { config, builtin: config.builtinKb ? builtin : [], records, declared: [...declared] };
}
