import * as path from 'node:path';
import type { PolicyLensConfig } from '../config/config';
import { readFrontMatter, type FrontMatterResult } from '../document/frontMatter';
import { parseDocument } from '../document/parseDocument';
import type { ParsedDocument } from '../document/types';
import { fixesFor, sourceActions } from '../fixes';
import type { Fix } from '../fixes/types';
import { KnowledgeBase } from '../kb/knowledgeBase';
import { parseKbYaml, recordFromFrontMatter } from '../kb/loadYaml';
import { isInstrumentKind, type LoadedRecord } from '../kb/record';
import { RecognitionJob, recognize } from '../recognition/recognize';
import type { Mention } from '../recognition/types';
import { checkDocument } from '../rules/checkDocument';
import { CODES, type CoreDiagnostic, type RuleContext } from '../rules/types';
import type { Span } from '../text/span';
import { RootMatcher } from './discover';
import { kbFileDiagnostics } from './kbFileDiagnostics';
import { aliasSignature } from './kbSignature';
import { referencedIds, referencesIn } from './references';
import { findTarget } from './targets';
import { yamlFileAsDocument } from './yamlFileAsDocument';
import type { ChangeResult, IndexedDocument, Location, Reference, Target, WorkspaceQueries } from './types';
import { normalizeUri, uriToPath } from './uri';

/** One file the index holds: a corpus document or a kb YAML file, with what parsing alone can tell. */
interface SourceFile {
  uri: string;
  text: string;
  version: number;
  kind: 'document' | 'kb';
  parsed: ParsedDocument | undefined;
  /** A huge document's front-matter, read at once; its body is parsed when first needed (see parsedOf). */
  deferred?: FrontMatterResult;
  /** Records this file contributes to the knowledge base (a kb file's list, or a definition note's one record). */
  records: LoadedRecord[];
  kbProblems: CoreDiagnostic[];
  /** A plain document's own front-matter `id` (definition notes contribute a record instead). */
  docId: { id: string; span: Span } | undefined;
  /** Cached analysis; undefined when the file must be analysed again. */
  analysis: IndexedDocument | undefined;
  /** Ids this file referred to at its last analysis (reverse index bookkeeping). */
  refs: Set<string>;
  /** Parsing this file threw (a bug): `document()` rethrows it for the caller to report; other queries skip it. */
  failure?: unknown;
}

/** Documents at least this long (UTF-16 units) are analysed in slices when the caller asks for it. */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

export interface WorkspaceIndexOptions {
  config: PolicyLensConfig;
  builtin: LoadedRecord[];
  /** Workspace folders as file URIs; a file outside every root is still indexed when given explicitly. */
  roots: string[];
}

/**
 * The incremental index over a workspace. Data flows one way: text → parsed document → analysis → answers.
 * Parsing happens on every change; recognition and rules run lazily, only for files a change touched, so a
 * burst of edits costs one analysis when the answer is finally asked for.
 */
export class WorkspaceIndex implements WorkspaceQueries {
  private config: PolicyLensConfig;
  private readonly builtin: LoadedRecord[];
  private matchers: RootMatcher[];
  private readonly files = new Map<string, SourceFile>();
  /** id → files that refer to it (mentions, links, front-matter lists). */
  private readonly referrers = new Map<string, Set<string>>();
  /** id → plain documents declaring it as their `id`. */
  private readonly docIds = new Map<string, Set<string>>();
  private kbCache: KnowledgeBase | undefined;
  private kbSignature = '';
  private versionCounter = 0;
  /** Bumped whenever any analysis changes; per-id answers below are cached for one generation. */
  private generation = 0;
  private readonly mentioningCache = new Map<string, { generation: number; docs: IndexedDocument[] }>();
  private readonly referencesCache = new Map<string, { generation: number; refs: Reference[] }>();

  constructor(options: WorkspaceIndexOptions) {
    this.config = options.config;
    this.builtin = options.builtin;
    this.matchers = this.makeMatchers(options.roots);
    this.kbCache = new KnowledgeBase(this.builtin);
    this.kbSignature = aliasSignature(this.kbCache);
  }

  private roots: string[] = [];

  private makeMatchers(roots: string[]): RootMatcher[] {
    this.roots = roots.map(normalizeUri);
    return this.roots
      .map((r) => uriToPath(r))
      .filter((p): p is string => p !== undefined)
      .map((p) => new RootMatcher(p, this.config));
  }

  get kb(): KnowledgeBase {
    if (!this.kbCache) this.kbCache = this.buildKb();
    return this.kbCache;
  }

  private buildKb(): KnowledgeBase {
    const sources: LoadedRecord[] = this.config.builtinKb ? [...this.builtin] : [];
    // Workspace files in a stable order so that "last definition wins" does not depend on event order.
    const uris = [...this.files.keys()].sort();
    for (const uri of uris) sources.push(...this.files.get(uri)!.records);
    // `extends: true` records add aliases or facts to an existing record; KnowledgeBase merges them in order.
    return new KnowledgeBase(sources);
  }

  classify(uri: string): 'document' | 'kb' | 'other' {
    const filePath = uriToPath(normalizeUri(uri));
    if (filePath === undefined) return uri.startsWith('untitled:') ? 'document' : 'other';
    for (const m of this.matchers) {
      if (m.relative(filePath) !== undefined) return m.classify(filePath);
    }
    // Outside every root: judge by name alone (a file handed to the CLI or opened from elsewhere).
    if (/\.(ya?ml)$/i.test(filePath)) return 'other';
    return /\.(md|markdown|txt)$/i.test(filePath) ? 'document' : 'other';
  }

  stats(): { documents: number; entities: number; instruments: number } {
    let documents = 0;
    for (const f of this.files.values()) if (f.kind === 'document') documents++;
    let entities = 0;
    let instruments = 0;
    for (const { record } of this.kb.records()) {
      if (isInstrumentKind(record.kind)) instruments++;
      else entities++;
    }
    return { documents, entities, instruments };
  }

  // ---- mutation -------------------------------------------------------------------------------------------------

  setConfig(config: PolicyLensConfig): ChangeResult {
    this.config = config;
    this.matchers = this.makeMatchers(this.roots);
    this.kbCache = undefined;
    this.kbSignature = '';
    for (const f of this.files.values()) f.analysis = undefined;
    return { changed: [...this.files.keys()] };
  }

  /** Adds or replaces a file. `kind` overrides classification (files the CLI is handed explicitly). */
  setText(uri: string, text: string, version?: number, kind?: 'document' | 'kb'): ChangeResult {
    return this.batch(() => this.put(uri, text, version, kind));
  }

  /** Loads many files with one knowledge-base rebuild at the end (initial indexing). */
  setMany(files: Iterable<{ uri: string; text: string; kind?: 'document' | 'kb' }>): ChangeResult {
    return this.batch(() => [...files].flatMap((f) => this.put(f.uri, f.text, undefined, f.kind)));
  }

  remove(uri: string): ChangeResult {
    return this.batch(() => {
      const key = normalizeUri(uri);
      const file = this.files.get(key);
      if (!file) return [];
      this.files.delete(key);
      this.unindex(file);
      this.generation++;
      return [key, ...this.affectedByIdentity(file, undefined)];
    });
  }

  /** Runs mutations, then works out which files' answers may differ: the touched ones and their dependants. */
  private batch(fn: () => string[]): ChangeResult {
    const kbBefore = this.kbCache;
    const changed = new Set<string>(fn());
    if (this.kbCache === undefined) {
      const newKb = this.kb;
      const signature = aliasSignature(newKb);
      const everything = signature !== this.kbSignature;
      this.kbSignature = signature;
      if (everything || !kbBefore) {
        for (const f of this.files.values()) {
          f.analysis = undefined;
          changed.add(f.uri);
        }
      } else {
        const ids = changedIds(kbBefore, newKb);
        for (const id of ids) this.invalidateReferrers(id, changed);
        if ([...ids].some((id) => !kbBefore.has(id) || !newKb.has(id))) this.invalidateSuggestions(changed);
        // kb files' own diagnostics (duplicates) depend on every kb file.
        for (const f of this.files.values()) {
          if (f.kind === 'kb' || f.records.length) {
            f.analysis = undefined;
            changed.add(f.uri);
          }
        }
      }
    }
    return { changed: [...changed] };
  }

  private put(uri: string, text: string, version: number | undefined, kind: 'document' | 'kb' | undefined): string[] {
    const key = normalizeUri(uri);
    const resolvedKind = kind ?? (this.classify(key) === 'kb' ? 'kb' : 'document');
    const previous = this.files.get(key);
    const file: SourceFile = {
      uri: key,
      text,
      version: version ?? ++this.versionCounter,
      kind: resolvedKind,
      parsed: undefined,
      records: [],
      kbProblems: [],
      docId: undefined,
      analysis: undefined,
      refs: previous?.refs ?? new Set(),
    };
    try {
      this.parseInto(file);
    } catch (e) {
      // One file's failure must not fail the batch (initial indexing would then fail for the whole workspace).
      Object.assign(file, { failure: e, parsed: undefined, records: [], kbProblems: [], docId: undefined });
    }
    if (previous) this.unindexIdentity(previous);
    this.files.set(key, file);
    this.indexIdentity(file);
    const changed = [key, ...this.affectedByIdentity(previous, file)];
    // Any change to a file that contributes records rebuilds the knowledge base (origins move even when the
    // records stay the same); batch() then works out which documents that touches.
    if (previous?.records.length || file.records.length) this.kbCache = undefined;
    return changed;
  }

  private parsedOf(file: SourceFile): ParsedDocument {
    if (!file.parsed) {
      file.parsed = parseDocument(file.uri, file.text, file.deferred);
      file.deferred = undefined;
    }
    return file.parsed;
  }

  private parseInto(file: SourceFile): void {
    const { uri: key, text } = file;
    if (file.kind === 'kb') {
      const loaded = parseKbYaml(key, text, false);
      file.records = loaded.records;
      file.kbProblems = loaded.problems as CoreDiagnostic[];
    } else {
      // A huge document's body parse waits (parsedOf): its id and record only need the front-matter.
      let frontMatter;
      if (text.length >= LARGE_DOCUMENT_CHARS) {
        file.deferred = readFrontMatter(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
        frontMatter = file.deferred.frontMatter;
      } else {
        file.parsed = parseDocument(key, text);
        frontMatter = file.parsed.frontMatter;
      }
      const data = frontMatter?.data;
      const idField = frontMatter?.fields.get('id');
      if (data && typeof data.id === 'string' && idField) {
        if (typeof data.kind === 'string') {
          const note = recordFromFrontMatter(key, data, idField.valueSpan, frontMatter?.fields);
          if (note.record) file.records = [note.record];
          file.kbProblems = note.problems as CoreDiagnostic[];
        } else {
          file.docId = { id: data.id, span: idField.valueSpan };
        }
      }
    }
  }

  /** Files whose diagnostics depend on what this file declares (its id, its records) before or after a change. */
  private affectedByIdentity(before: SourceFile | undefined, after: SourceFile | undefined): string[] {
    const ids = new Set<string>();
    for (const f of [before, after]) {
      if (!f) continue;
      if (f.docId) ids.add(f.docId.id);
      for (const r of f.records) ids.add(r.record.id);
    }
    const beforeIds = [before?.docId?.id, ...(before?.records.map((r) => r.record.id) ?? [])].join('\0');
    const afterIds = [after?.docId?.id, ...(after?.records.map((r) => r.record.id) ?? [])].join('\0');
    if (beforeIds === afterIds && before && after) return [];
    const out = new Set<string>();
    for (const id of ids) this.invalidateReferrers(id, out);
    this.invalidateSuggestions(out);
    return [...out];
  }

  /** Unknown-id diagnostics suggest the closest known id ("did you mean"): a new or vanished id may change them. */
  private invalidateSuggestions(out: Set<string>): void {
    for (const f of this.files.values()) {
      if (f.analysis?.diagnostics.some((d) => d.code === CODES.unknownId || d.code === CODES.unresolvedLink)) {
        f.analysis = undefined;
        out.add(f.uri);
      }
    }
  }

  private invalidateReferrers(id: string, out: Set<string>): void {
    for (const set of [this.referrers.get(id), this.docIds.get(id)]) {
      for (const uri of set ?? []) {
        const f = this.files.get(uri);
        if (f) f.analysis = undefined;
        out.add(uri);
      }
    }
    for (const def of this.kbCache?.definitions(id) ?? []) {
      const f = this.files.get(def.origin.uri);
      if (f) {
        f.analysis = undefined;
        out.add(f.uri);
      }
    }
  }

  private indexIdentity(file: SourceFile): void {
    if (file.docId) {
      addTo(this.docIds, file.docId.id, file.uri);
      this.idListCache = undefined;
    }
  }

  private unindexIdentity(file: SourceFile): void {
    if (file.docId) {
      removeFrom(this.docIds, file.docId.id, file.uri);
      this.idListCache = undefined;
    }
  }

  private unindex(file: SourceFile): void {
    this.unindexIdentity(file);
    for (const id of file.refs) removeFrom(this.referrers, id, file.uri);
    if (file.records.length) this.kbCache = undefined;
  }

  // ---- analysis ----------------------------------------------------------------------------------------------------

  private readonly ruleContext: RuleContext = (() => {
    const index = this;
    return {
      get config() {
        return index.config;
      },
      get kb() {
        return index.kb;
      },
      documentWithId: (id: string) => {
        const uri = first(index.docIds.get(id));
        if (!uri) return undefined;
        // The title straight from the parsed front-matter: analysing the other document here would recurse
        // forever when documents relate to each other (or one lists its own id under `related`).
        const f = index.files.get(uri);
        const title = (f?.parsed?.frontMatter ?? f?.deferred?.frontMatter)?.data?.title;
        return { uri, title: typeof title === 'string' ? title : undefined };
      },
      otherDefinitions: (id: string, exceptUri: string) => {
        const out: { uri: string; span: Span }[] = [];
        for (const def of index.kb.definitions(id)) {
          if (!def.origin.builtin && def.origin.uri !== exceptUri) out.push({ uri: def.origin.uri, span: def.origin.idSpan });
        }
        for (const uri of index.docIds.get(id) ?? []) {
          const f = index.files.get(uri);
          if (f?.docId && uri !== exceptUri) out.push({ uri, span: f.docId.span });
        }
        return out;
      },
      allIds: () => index.idList(),
    };
  })();

  /** Every kb and document id, as one array per state of the index: its identity keys caches (suggestions). */
  private idListCache: { kb: KnowledgeBase; ids: string[] } | undefined;
  private idList(): string[] {
    const kb = this.kb;
    if (this.idListCache?.kb !== kb) this.idListCache = { kb, ids: [...allIds(kb, this.docIds)] };
    return this.idListCache.ids;
  }

  private analyse(file: SourceFile, precomputedMentions?: Mention[]): IndexedDocument {
    if (file.failure !== undefined) throw file.failure;
    const kb = this.kb;
    let result: IndexedDocument;
    if (file.kind === 'kb') {
      result = {
        uri: file.uri,
        version: file.version,
        parsed: yamlFileAsDocument(file.uri, file.text),
        mentions: [],
        diagnostics: kbFileDiagnostics(file.records, file.kbProblems, kb, this.config),
        isDefinitionNote: false,
        isKbFile: true,
      };
    } else {
      const parsed = this.parsedOf(file);
      const mentions = precomputedMentions ?? recognize(parsed, kb);
      const isNote = file.records.length > 0 || file.kbProblems.length > 0;
      let diagnostics = checkDocument(parsed, mentions, this.ruleContext);
      if (isNote) {
        // A definition note's front-matter is a kb record, validated as one (PL012); the document-metadata rules
        // (required fields, list types, unlisted entities) do not apply to it.
        diagnostics = diagnostics.filter((d) => NOTE_CODES.has(d.code));
        diagnostics.push(...kbFileDiagnostics(file.records, file.kbProblems, kb, this.config));
      }
      const data = parsed.frontMatter?.data;
      result = {
        uri: file.uri,
        version: file.version,
        parsed,
        mentions,
        diagnostics,
        id: file.docId?.id ?? file.records[0]?.record.id,
        title: typeof data?.title === 'string' ? data.title : undefined,
        date: dateString(data?.date),
        isDefinitionNote: file.records.length > 0,
        isKbFile: false,
      };
    }
    const refs = referencedIds(result);
    for (const id of file.refs) if (!refs.has(id)) removeFrom(this.referrers, id, file.uri);
    for (const id of refs) addTo(this.referrers, id, file.uri);
    file.refs = refs;
    file.analysis = result;
    this.generation++;
    return result;
  }

  /** Files whose recognition is running in slices (documentInSlices). */
  private readonly slicing = new Set<SourceFile>();

  /** Whether asking for this file's analysis now would block for long: a huge document not analysed yet. */
  needsSlicedAnalysis(uri: string): boolean {
    const file = this.files.get(normalizeUri(uri));
    return !!file && !file.analysis && file.kind === 'document' && file.failure === undefined && file.text.length >= LARGE_DOCUMENT_CHARS;
  }

  /**
   * Analyses a document with its recognition cut into slices, awaiting `pause` between them so the caller (the
   * server) can answer other requests meanwhile. Starts over if the text or the knowledge base changes.
   */
  async documentInSlices(uri: string, pause: () => Promise<void>, sliceChars = 64 * 1024): Promise<IndexedDocument | undefined> {
    const key = normalizeUri(uri);
    for (;;) {
      const file = this.files.get(key);
      if (!file) return undefined;
      if (file.analysis) return file.analysis;
      if (!this.needsSlicedAnalysis(key)) return this.document(key);
      const kb = this.kb;
      const stale = () => this.files.get(key) !== file || this.kb !== kb || file.analysis !== undefined;
      this.slicing.add(file);
      try {
        if (!file.parsed) {
          // The body parse is one block of its own, apart from the turn that received the text.
          await pause();
          if (stale()) continue;
          this.parsedOf(file);
          await pause();
          if (stale()) continue;
        }
        const job = new RecognitionJob(this.parsedOf(file), kb);
        while (!job.step(sliceChars)) {
          await pause();
          if (stale()) break;
        }
        if (file.analysis) return file.analysis;
        if (stale()) continue;
        return this.analyse(file, job.result());
      } finally {
        this.slicing.delete(file);
      }
    }
  }

  // ---- queries -------------------------------------------------------------------------------------------------

  /** Keys inside the index are normalised already: try the cheap lookup before parsing the URI. */
  private fileOf(uri: string): SourceFile | undefined {
    return this.files.get(uri) ?? this.files.get(normalizeUri(uri));
  }

  document(uri: string): IndexedDocument | undefined {
    const file = this.fileOf(uri);
    if (!file) return undefined;
    return file.analysis ?? this.analyse(file);
  }

  /** Every file's analysis; a file whose analysis throws (a bug) is skipped here and reported by `document()`. */
  *documents(): Iterable<IndexedDocument> {
    for (const file of [...this.files.values()]) {
      const doc = this.analysedOrSkipped(file);
      if (doc) yield doc;
    }
  }

  /** Analyses every file not analysed yet, so reverse lookups (references, mentioned-in) are complete. */
  private ensureAll(): void {
    for (const file of this.files.values()) this.analysedOrSkipped(file);
  }

  private analysedOrSkipped(file: SourceFile): IndexedDocument | undefined {
    // A huge document being analysed in slices joins cross-file answers when it is done, not by blocking them.
    if (!file.analysis && this.slicing.has(file)) return undefined;
    try {
      return file.analysis ?? this.analyse(file);
    } catch {
      return undefined;
    }
  }

  /** For queries across files: one file failing must not fail the answer about the others. */
  private documentOrSkipped(uri: string): IndexedDocument | undefined {
    const file = this.fileOf(uri);
    return file ? this.analysedOrSkipped(file) : undefined;
  }

  targetAt(uri: string, offset: number): Target | undefined {
    const doc = this.document(uri);
    if (!doc) return undefined;
    return findTarget(doc, offset, this.kb);
  }

  definition(id: string): Location | undefined {
    const defs = this.kb.definitions(id);
    const workspace = [...defs].reverse().find((d) => !d.origin.builtin);
    const chosen = workspace ?? defs[defs.length - 1];
    if (chosen) return { uri: chosen.origin.uri, span: chosen.origin.idSpan };
    const docUri = first(this.docIds.get(id));
    const file = docUri ? this.files.get(docUri) : undefined;
    if (file?.docId) return { uri: file.uri, span: file.docId.span };
    return undefined;
  }

  references(id: string, includeDefinition: boolean): Reference[] {
    this.ensureAll();
    const out: Reference[] = [];
    for (const uri of [...(this.referrers.get(id) ?? [])].sort()) {
      const doc = this.documentOrSkipped(uri);
      if (doc) out.push(...referencesIn(doc, id));
    }
    if (includeDefinition) {
      for (const def of this.kb.definitions(id)) out.push({ uri: def.origin.uri, span: def.origin.idSpan, kind: 'definition' });
      for (const uri of this.docIds.get(id) ?? []) {
        const f = this.files.get(uri);
        if (f?.docId) out.push({ uri, span: f.docId.span, kind: 'definition' });
      }
    }
    return out;
  }

  documentsWithId(id: string): IndexedDocument[] {
    const out: IndexedDocument[] = [];
    for (const uri of this.docIds.get(id) ?? []) {
      const doc = this.documentOrSkipped(uri);
      if (doc) out.push(doc);
    }
    for (const def of this.kb.definitions(id)) {
      const doc = def.origin.builtin ? undefined : this.documentOrSkipped(def.origin.uri);
      if (doc && !doc.isKbFile) out.push(doc);
    }
    return out;
  }

  documentsMentioning(id: string): IndexedDocument[] {
    this.ensureAll();
    const cached = this.mentioningCache.get(id);
    if (cached?.generation === this.generation) return cached.docs;
    const docs: IndexedDocument[] = [];
    for (const uri of this.referrers.get(id) ?? []) {
      const doc = this.documentOrSkipped(uri);
      if (doc && !doc.isKbFile && doc.mentions.some((m) => m.ids.includes(id))) docs.push(doc);
    }
    // Plain comparisons: localeCompare is far slower and ISO dates and URIs sort correctly by code unit.
    docs.sort((a, b) => cmp(b.date ?? '', a.date ?? '') || cmp(a.uri, b.uri));
    this.mentioningCache.set(id, { generation: this.generation, docs });
    return docs;
  }

  fixesFor(uri: string, diagnostic: CoreDiagnostic): Fix[] {
    const doc = this.document(uri);
    if (!doc || doc.isKbFile) return [];
    return fixesFor(doc.parsed, doc.mentions, diagnostic, this.ruleContext);
  }

  sourceActions(uri: string): Fix[] {
    const doc = this.document(uri);
    if (!doc || doc.isKbFile) return [];
    return sourceActions(doc.parsed, doc.mentions, this.ruleContext);
  }

  /** Uris of every file the index holds. */
  uris(): string[] {
    return [...this.files.keys()];
  }

  /** The file's path relative to its workspace root, for messages. */
  displayPath(uri: string): string {
    const p = uriToPath(uri);
    if (!p) return uri;
    for (const m of this.matchers) {
      const rel = m.relative(p);
      if (rel !== undefined) return rel;
    }
    return path.relative(process.cwd(), p) || p;
  }
}

/** Diagnostics a definition note keeps from the document rules: YAML syntax and body-level problems. */
const NOTE_CODES = new Set<string>([CODES.yamlError, CODES.unterminatedFrontMatter, CODES.unresolvedLink, CODES.unknownInstrument, CODES.binaryFile]);

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

function first<T>(set: Set<T> | undefined): T | undefined {
  if (!set) return undefined;
  for (const v of set) return v;
  return undefined;
}

function* allIds(kb: KnowledgeBase, docIds: Map<string, Set<string>>): Iterable<string> {
  for (const { record } of kb.records()) yield record.id;
  yield* docIds.keys();
}

/** Ids whose records were added, removed or changed between two knowledge bases. */
function changedIds(before: KnowledgeBase, after: KnowledgeBase): Set<string> {
  const ids = new Set<string>();
  for (const { record } of before.records()) {
    const other = after.record(record.id);
    if (!other || other !== record) ids.add(record.id);
  }
  for (const { record } of after.records()) if (!before.has(record.id)) ids.add(record.id);
  return ids;
}

function dateString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}
