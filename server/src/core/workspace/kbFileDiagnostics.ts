import type { PolicyLensConfig } from '../config/config';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { LoadedRecord } from '../kb/record';
import { withConfiguredSeverity } from '../rules/severity';
import { CODES, type CoreDiagnostic } from '../rules/types';

/** Fields of a record that hold ids of other records. */
const ID_FIELDS = ['country', 'parent', 'replaced_by', 'replaces'] as const;

/**
 * Diagnostics of the records a file contributes: its load problems, an id defined twice in the workspace
 * (a workspace record overriding a built-in one is not a duplicate), and references to unknown ids.
 */
export function kbFileDiagnostics(
  records: LoadedRecord[],
  problems: CoreDiagnostic[],
  kb: KnowledgeBase,
  config: PolicyLensConfig,
): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [...problems];
  for (const loaded of records) {
    const { record, origin } = loaded;
    if (record.extends && kb.orphanExtensions.includes(loaded)) {
      out.push({
        code: CODES.kbRecordInvalid,
        severity: 'error',
        message: `'${record.id}' extends a record that does not exist; remove 'extends: true' to define it here.`,
        span: origin.idSpan,
        data: { id: record.id },
      });
      continue;
    }
    // Extensions add to a record on purpose: only full definitions can clash.
    const others = record.extends
      ? []
      : kb.definitions(record.id).filter((d) => !d.origin.builtin && !kb.isExtension(d) && d.origin !== origin);
    if (others.length) {
      out.push({
        code: CODES.duplicateId,
        severity: 'error',
        message: `The id '${record.id}' is defined ${others.length + 1} times in the workspace.`,
        span: origin.idSpan,
        related: others.map((d) => ({ uri: d.origin.uri, span: d.origin.idSpan, message: `'${record.id}' is also defined here` })),
        data: { id: record.id },
      });
    }
    const referenced: [string, string][] = [];
    for (const field of ID_FIELDS) if (typeof record[field] === 'string') referenced.push([field, record[field] as string]);
    for (const party of record.parties ?? []) referenced.push(['parties', party]);
    for (const role of record.roles ?? []) if (role.of) referenced.push(['roles.of', role.of]);
    for (const [field, id] of referenced) {
      if (!kb.has(id)) {
        out.push({
          code: CODES.unknownId,
          severity: 'warning',
          message: `'${record.id}' refers to an unknown id '${id}' in ${field}.`,
          span: origin.idSpan,
          data: { id, field },
        });
      }
    }
  }
  return withConfiguredSeverity(out, config);
}
