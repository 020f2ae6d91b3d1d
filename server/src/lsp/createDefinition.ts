import * as path from 'node:path';
import { CODES, type CoreDiagnostic } from '../core/rules/types';
import type { Fix } from '../core/fixes/types';
import type { IndexedDocument } from '../core/workspace/types';
import { pathToUri, uriToPath } from '../core/workspace/uri';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';

/** The user's kb file new definitions go to, relative to the workspace root. */
export const USER_KB_FILE = 'kb/definitions.yaml';

const ID_PATTERN = /^[A-Za-z0-9._-]+$/;

interface NewRecord {
  id: string;
  kind: string;
  /** The name as written in the text (an id when nothing better is known). */
  name: string;
}

/** The record a PL006/PL007/PL013 diagnostic asks for, from its data or the text under it. */
function newRecordFor(index: WorkspaceIndex, doc: IndexedDocument, d: CoreDiagnostic): NewRecord | undefined {
  const data = d.data ?? {};
  if (d.code === CODES.unknownInstrument) {
    const title = typeof data.text === 'string' ? data.text : doc.parsed.text.slice(d.span.start, d.span.end);
    if (!title.trim()) return undefined;
    return { id: freshId(index, slugOf(title) || 'instrument'), kind: instrumentKindOf(title), name: title.trim() };
  }
  if (d.code !== CODES.unknownId && d.code !== CODES.unresolvedLink) return undefined;
  const text = doc.parsed.text.slice(d.span.start, d.span.end).replace(/^\[\[|\]\]$/g, '');
  const id = typeof data.id === 'string' ? data.id : text.split('|')[0].replace(/^["']|["']$/g, '').trim();
  if (!id) return undefined;
  const link = doc.parsed.links.find((l) => l.span.start <= d.span.start && d.span.end <= l.span.end);
  return { id, kind: data.field === 'treaties' ? 'treaty' : 'organization', name: link?.label ?? id };
}

/** The instrument kind a title suggests (결의/resolution, 선언/declaration, …); treaty otherwise. */
function instrumentKindOf(title: string): string {
  const t = title.toLowerCase();
  if (/결의|resolution/.test(t)) return 'resolution';
  if (/선언|declaration/.test(t)) return 'declaration';
  if (/성명|statement|communiqu/.test(t)) return 'statement';
  if (/협정|agreement|memorandum|양해각서/.test(t)) return 'agreement';
  if (/프로그램|programme|program|partnership/.test(t)) return 'programme';
  return 'treaty';
}

/** `Treaty on Open Skies` → `treaty-on-open-skies`; Korean titles have no Latin slug and get a numbered id. */
function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

function freshId(index: WorkspaceIndex, base: string): string {
  const taken = (id: string) => index.kb.has(id) || index.documentsWithId(id).length > 0;
  if (base !== 'instrument' && !taken(base)) return base;
  for (let n = 1; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** Which kb file takes the new record: kb/definitions.yaml under the document's root, or the first kb file. */
function targetKbFile(index: WorkspaceIndex, roots: string[], docUri: string): string | undefined {
  const docPath = uriToPath(docUri);
  const root = roots.find((r) => docPath && (docPath === r || docPath.startsWith(r + path.sep))) ?? roots[0];
  if (root) {
    const uri = pathToUri(path.join(root, USER_KB_FILE));
    if (index.classify(uri) === 'kb') return uri;
  }
  return index.uris().find((u) => index.kindOf(u) === 'kb');
}

/** Plain YAML when that reads back as the same string, else double-quoted (JSON strings are valid YAML). */
function yamlScalar(s: string): string {
  // Words YAML 1.1 readers take for booleans, nulls or numbers stay quoted.
  if (/^(true|false|null|yes|no|on|off|y|n|~|[-+]?[\d._]+)$/i.test(s)) return JSON.stringify(s);
  if (ID_PATTERN.test(s)) return s;
  const plain = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\n]*$/.test(s) && !/:\s|\s#|\s$|:$/.test(s);
  return plain ? s : JSON.stringify(s);
}

/**
 * "Create definition for …": appends a record skeleton for an unknown id to the user's kb file (creating the file
 * when absent). The kind is a guess from where the id was used; names come from a link label or the id.
 */
export function createDefinitionFix(index: WorkspaceIndex, roots: string[], doc: IndexedDocument, d: CoreDiagnostic): Fix | undefined {
  const unknown = newRecordFor(index, doc, d);
  if (!unknown) return undefined;
  const kbUri = targetKbFile(index, roots, doc.uri);
  if (!kbUri) return undefined;
  const { kind, name } = unknown;
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
    title: `Create definition for '${d.code === CODES.unknownInstrument ? name : unknown.id}' in ${index.displayPath(kbUri)}`,
    kind: 'quickfix',
    fixes: [d.code],
    changes: [{ uri: kbUri, create: existing === undefined, edits: [{ span: { start: at, end: at }, newText }] }],
  };
}
