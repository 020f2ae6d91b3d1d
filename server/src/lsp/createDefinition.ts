import * as path from 'node:path';
import { CODES, type CoreDiagnostic } from '../core/rules/types';
import type { Fix } from '../core/fixes/types';
import type { IndexedDocument } from '../core/workspace/types';
import { pathToUri, uriToPath } from '../core/workspace/uri';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';

/** The user's kb file new definitions go to, relative to the workspace root. */
export const USER_KB_FILE = 'kb/definitions.yaml';

const ID_PATTERN = /^[A-Za-z0-9._-]+$/;

/** The unknown id a PL006/PL007 diagnostic is about, from its data or the text under it. */
function unknownIdOf(doc: IndexedDocument, d: CoreDiagnostic): { id: string; field?: string; label?: string } | undefined {
  if (d.code !== CODES.unknownId && d.code !== CODES.unresolvedLink) return undefined;
  const data = d.data ?? {};
  const text = doc.parsed.text.slice(d.span.start, d.span.end).replace(/^\[\[|\]\]$/g, '');
  const id = typeof data.id === 'string' ? data.id : text.split('|')[0].replace(/^["']|["']$/g, '').trim();
  if (!id) return undefined;
  const link = doc.parsed.links.find((l) => l.span.start <= d.span.start && d.span.end <= l.span.end);
  return { id, field: typeof data.field === 'string' ? data.field : undefined, label: link?.label };
}

/** Which kb file takes the new record: kb/definitions.yaml under the document's root, or the first kb file. */
function targetKbFile(index: WorkspaceIndex, roots: string[], docUri: string): string | undefined {
  const docPath = uriToPath(docUri);
  const root = roots.find((r) => docPath && (docPath === r || docPath.startsWith(r + path.sep))) ?? roots[0];
  if (root) {
    const uri = pathToUri(path.join(root, USER_KB_FILE));
    if (index.classify(uri) === 'kb') return uri;
  }
  return index.uris().find((u) => index.document(u)?.isKbFile);
}

function yamlScalar(s: string): string {
  return ID_PATTERN.test(s) ? s : JSON.stringify(s);
}

/**
 * "Create definition for …": appends a record skeleton for an unknown id to the user's kb file (creating the file
 * when absent). The kind is a guess from where the id was used; names come from a link label or the id.
 */
export function createDefinitionFix(index: WorkspaceIndex, roots: string[], doc: IndexedDocument, d: CoreDiagnostic): Fix | undefined {
  const unknown = unknownIdOf(doc, d);
  if (!unknown) return undefined;
  const kbUri = targetKbFile(index, roots, doc.uri);
  if (!kbUri) return undefined;
  const kind = unknown.field === 'treaties' ? 'treaty' : 'organization';
  const name = unknown.label ?? unknown.id;
  const nameKey = /[\uac00-\ud7a3]/.test(name) ? 'ko' : 'en';
  const kbDoc = index.document(kbUri);
  const existing = kbDoc?.parsed.text;
  // A `records:` mapping indents its list; a bare list starts at column 0.
  const indent = existing && /^records\s*:/m.test(existing) ? '  ' : '';
  const lines = [
    `- id: ${yamlScalar(unknown.id)}`,
    `  kind: ${kind} # country, person, organization, ministry, treaty, agreement, declaration, …`,
    `  name:`,
    `    ${nameKey}: ${yamlScalar(name)}`,
  ].map((l) => indent + l);
  let newText: string;
  let at: number;
  if (existing === undefined) {
    newText = `# Knowledge-base records of this workspace (see docs/knowledge-base.md).\n${lines.join('\n')}\n`;
    at = 0;
  } else {
    at = existing.length;
    // One blank line between records, as the files are written by hand.
    const sep = existing.length === 0 || existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
    newText = `${sep}${lines.join('\n')}\n`;
  }
  return {
    title: `Create definition for '${unknown.id}' in ${index.displayPath(kbUri)}`,
    kind: 'quickfix',
    fixes: [d.code],
    changes: [{ uri: kbUri, create: existing === undefined, edits: [{ span: { start: at, end: at }, newText }] }],
  };
}
