import { readFrontMatter, type FrontMatterResult } from '../document/frontMatter';
import { parseDocument } from '../document/parseDocument';
import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { parseKbYaml } from '../kb/loadYaml';
import { recognize } from '../recognition/recognize';
import type { Mention } from '../recognition/types';
import { checkDocument } from '../rules/checkDocument';
import { CODES, type CoreDiagnostic, type RuleContext } from '../rules/types';
import { identityOf, type FileIdentity } from './fileIdentity';
import { kbFileDiagnostics } from './kbFileDiagnostics';
import type { IndexedDocument } from './types';
import { yamlFileAsDocument } from './yamlFileAsDocument';

/**
 * Per-file analysis, shared by the workspace index (main thread) and the analysis workers: what parsing alone
 * tells about a file (its identity), and its full analysis against a knowledge base.
 */

/** Documents at least this long (UTF-16 units) have their body parsed later (the index analyses them in slices). */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

export type { FileIdentity } from './fileIdentity';

export interface ParsedSource extends FileIdentity {
  parsed: ParsedDocument | undefined;
  /** A huge document's front-matter, read at once when `deferBody` was asked; its body is parsed later. */
  deferred?: FrontMatterResult;
}

export function readSource(uri: string, kind: 'document' | 'kb', text: string, deferBody = false): ParsedSource {
  if (kind === 'kb') {
    const loaded = parseKbYaml(uri, text, false);
    return { parsed: undefined, records: loaded.records, kbProblems: loaded.problems as CoreDiagnostic[], docId: undefined, title: undefined };
  }
  let parsed: ParsedDocument | undefined;
  let deferred: FrontMatterResult | undefined;
  if (deferBody && text.length >= LARGE_DOCUMENT_CHARS) deferred = readFrontMatter(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  else parsed = parseDocument(uri, text);
  const frontMatter = parsed ? parsed.frontMatter : deferred!.frontMatter;
  return { parsed, deferred, ...identityOf(uri, frontMatter) };
}

/** Diagnostics a definition note keeps from the document rules: YAML syntax and body-level problems. */
const NOTE_CODES = new Set<string>([CODES.yamlError, CODES.unterminatedFrontMatter, CODES.unresolvedLink, CODES.unknownInstrument, CODES.binaryFile]);

export interface SourceToAnalyse extends FileIdentity {
  uri: string;
  text: string;
  version: number;
  kind: 'document' | 'kb';
}

/** The full analysis of one file: recognition and every rule. `parsed` is the document's parse (documents only). */
export function analyseSource(
  file: SourceToAnalyse,
  parsed: ParsedDocument | undefined,
  kb: KnowledgeBase,
  context: RuleContext,
  precomputedMentions?: Mention[],
): IndexedDocument {
  if (file.kind === 'kb') {
    return {
      uri: file.uri,
      version: file.version,
      parsed: yamlFileAsDocument(file.uri, file.text),
      mentions: [],
      diagnostics: kbFileDiagnostics(file.records, file.kbProblems, kb, context.config),
      isDefinitionNote: false,
      isKbFile: true,
    };
  }
  const doc = parsed ?? parseDocument(file.uri, file.text);
  const mentions = precomputedMentions ?? recognize(doc, kb);
  const isNote = file.records.length > 0 || file.kbProblems.length > 0;
  let diagnostics = checkDocument(doc, mentions, context);
  if (isNote) {
    // A definition note's front-matter is a kb record, validated as one (PL012); the document-metadata rules
    // (required fields, list types, unlisted entities) do not apply to it.
    diagnostics = diagnostics.filter((d) => NOTE_CODES.has(d.code));
    diagnostics.push(...kbFileDiagnostics(file.records, file.kbProblems, kb, context.config));
  }
  const data = doc.frontMatter?.data;
  return {
    uri: file.uri,
    version: file.version,
    parsed: doc,
    mentions,
    diagnostics,
    id: file.docId?.id ?? file.records[0]?.record.id,
    title: typeof data?.title === 'string' ? data.title : undefined,
    date: dateString(data?.date),
    isDefinitionNote: file.records.length > 0,
    isKbFile: false,
  };
}


function dateString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}
