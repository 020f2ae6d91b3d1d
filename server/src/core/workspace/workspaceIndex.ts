import * as path from 'node:path';
import type { PolicyLensConfig } from '../config/config';
import type { FrontMatterResult } from '../document/frontMatter';
import { parseDocument, parseDocumentInSteps } from '../document/parseDocument';
import type { ParsedDocument } from '../document/types';
import { fixesFor, sourceActions } from '../fixes';
import type { Fix } from '../fixes/types';
import { KnowledgeBase } from '../kb/knowledgeBase';
import { isInstrumentKind, type LoadedRecord } from '../kb/record';
import { lexiconFor } from '../recognition/lexicon';
import { RecognitionJob } from '../recognition/recognize';
import type { Mention } from '../recognition/types';
import type { CoreDiagnostic, Severity } from '../rules/types';
import { LineIndex, LineStarts, type Positions } from '../text/lineIndex';
import type { Span } from '../text/span';
import { RootMatcher } from './discover';
import { aliasSignature } from './kbSignature';
import { unchangedReferenceIds, type ReferringDocument } from './referencePlaces';
import { referencedIds, referencesIn } from './references';
import { createRuleContext, type DeclaringDocument } from './ruleContext';
import { analyseSource, LARGE_DOCUMENT_CHARS, readSource, type FileIdentity } from './sourceAnalysis';
import { changedFirstMentions, firstMentionOf, firstMentions, forEachFirstMention, listEntry, NO_MENTIONS, sortMentioning, type FirstMentions } from './mentionLists';
import { mayBeSuggested } from '../rules/suggest';
import { countBySeverity, suggestsAnId, summaryReferences, type DocumentSummary } from './summary';
import type { AnalysedFile, IdentifiedFile } from './parallel/protocol';
import { unpackSummary, type SummaryTable } from './parallel/summaryBatch';
import { findTarget } from './targets';
import type { ChangeResult, DocumentInfo, IndexedDocument, Location, MentioningDocument, Reference, Target, WorkspaceQueries } from './types';
import { readTextSync } from './readText';
import { normalizeUri, uriToPath } from './uri';

const NO_REFS: readonly string[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

/** One file the index holds: a corpus document or a kb YAML file, with what parsing alone can tell. */
class SourceFile implements FileIdentity {
  records: LoadedRecord[] = [];
  kbProblems: CoreDiagnostic[] = [];
  docId: FileIdentity['docId'] = undefined;
  /** The front-matter title (shown for `related:` targets). */
  title: string | undefined = undefined;
  /** Length of the text, or of its UTF-8 bytes while not read (an upper bound): what "huge" is judged by. */
  size: number;
  /** The parse; undefined until needed when the file came from a worker (or is huge, see `deferred`). */
  parsed: ParsedDocument | undefined = undefined;
  /** A huge document's front-matter, read at once; its body is parsed when first needed (see parsedOf). */
  deferred?: FrontMatterResult;
  /** Cached analysis; undefined when the file must be analysed again. */
  analysis: IndexedDocument | undefined = undefined;
  /** What cross-file answers need, when the file has no analysis (computed by a worker); dropped with it. */
  summary?: DocumentSummary;
  /** Positions in the text when there is no analysis to take them from. */
  lines?: Positions;
  /** Ids this file referred to at its last analysis, each once (reverse index bookkeeping); replaced, never changed. */
  refs: readonly string[];
  /** Where it first mentions each id: what "mentioned in" lists show (see setReferrers); replaced, never changed. */
  mentioned: FirstMentions;
  /** The list entry for this file, shared by every "mentioned in" list it is in. */
  listed: DocumentInfo | undefined;
  /**
   * What the file referred to before its analysis was replaced or dropped, until its next analysis: ids whose
   * references did not move keep their cached answers (see setReferrers).
   */
  before: ReferringDocument | undefined;
  /** Parsing this file threw (a bug): `document()` rethrows it for the caller to report; other queries skip it. */
  failure?: unknown;
  /** The text; undefined for a file the analysis workers read (the text is read from disk when first needed). */
  private content: string | undefined;

  constructor(
    readonly uri: string,
    content: string | undefined,
    size: number,
    public version: number,
    readonly kind: 'document' | 'kb',
    previous: SourceFile | undefined,
  ) {
    this.content = content;
    this.size = size;
    // Shared empty ones until the file's first analysis: a corpus has tens of thousands of files.
    this.refs = previous?.refs ?? NO_REFS;
    this.mentioned = previous?.mentioned ?? NO_MENTIONS;
    this.listed = previous?.listed;
    this.before = previous && (previous.analysis ?? previous.summary ?? previous.before);
  }

  /**
   * The text. A file the workers analysed keeps only its summary; its text is read from disk when something needs
   * it (a full analysis, a rename), as it is then: a change not yet reported by the file watcher is read too.
   */
  get text(): string {
    if (this.content !== undefined) return this.content;
    const path = uriToPath(this.uri);
    const read = path === undefined ? { error: 'not a file' } : readTextSync(path);
    if ('error' in read) throw new Error(`${this.uri} could not be read: ${read.error}`);
    this.content = read.text;
    this.size = read.text.length;
    return read.text;
  }
}

export { LARGE_DOCUMENT_CHARS };

/** The workspace as the rules see it, for a worker to analyse files exactly as the index would. */
export interface IdentitySnapshot {
  config: PolicyLensConfig;
  /** Built-in records (none when the configuration turns them off). */
  builtin: LoadedRecord[];
  /** Workspace records in the order the index merges them. */
  records: LoadedRecord[];
  /** Declared document ids with their documents, in index order. */
  declared: [string, DeclaringDocument[]][];
}

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
  /** Bumped whenever any analysis changes. */
  private generation = 0;
  /** "Mentioned in" lists per id, dropped only when a file's entry for that id changes (see setReferrers). */
  private readonly mentioningCache = new Map<string, MentioningDocument[]>();
  /** References per id (definitions aside), dropped when a file referring to the id is re-analysed or removed. */
  private readonly referencesCache = new Map<string, { refs?: Reference[]; referrers?: string[] }>();

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

  get configuration(): PolicyLensConfig {
    return this.config;
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
    this.flushReverse();
    this.config = config;
    this.matchers = this.makeMatchers(this.roots);
    this.kbCache = undefined;
    this.kbSignature = '';
    for (const f of this.files.values()) this.drop(f);
    return { changed: [...this.files.keys()] };
  }

  /** Adds or replaces a file. `kind` overrides classification (files the CLI is handed explicitly). */
  setText(uri: string, text: string, version?: number, kind?: 'document' | 'kb'): ChangeResult {
    return this.batch(() => this.put(uri, text, version, kind));
  }

  /**
   * Takes in files the analysis workers read, by what they declare (initial indexing): their summaries follow
   * with `installAnalysed`. The knowledge base is built once, for all of them.
   */
  setIdentified(files: Iterable<IdentifiedFile>): ChangeResult {
    return this.batch(() => [...files].flatMap((f) => this.put(f.uri, undefined, undefined, f.kind, f)));
  }

  /**
   * Installs what the workers computed against `identitySnapshot()` (the caller changed nothing since
   * `setIdentified`): each file's summary. A file analysed here meanwhile keeps its analysis.
   * "Mentioned in" and reference bookkeeping waits for the first query that needs it (see flushReverse).
   */
  installAnalysed(files: Iterable<AnalysedFile>, table: SummaryTable): void {
    for (const { uri, summary: packed, failure } of files) {
      const file = this.files.get(uri);
      if (!file) continue;
      if (failure !== undefined && file.failure === undefined) file.failure = new Error(failure);
      if (!packed || file.analysis || file.failure !== undefined) continue;
      const summary = unpackSummary(uri, packed, table, this.intern);
      summary.version = file.version;
      file.summary = summary;
      this.unindexed.push(file);
    }
    this.generation++;
  }

  /** One string per id across the workers' summaries (each batch brings its own copies). */
  private readonly idStrings = new Map<string, string>();
  private readonly intern = (id: string): string => {
    const known = this.idStrings.get(id);
    if (known !== undefined) return known;
    this.idStrings.set(id, id);
    return id;
  };

  /** Files with a summary not yet in the reverse indexes (see installAnalysed). */
  private unindexed: SourceFile[] = [];

  /**
   * Puts summarised files into the reverse indexes (referrers, "mentioned in" entries): at most `limit` of them,
   * all by default. Everything that reads or changes those indexes calls it first; after the initial indexing the
   * server runs it in slices (see warm).
   */
  private flushReverse(limit = Infinity): void {
    let n = 0;
    while (this.unindexed.length && n++ < limit) {
      const file = this.unindexed.pop()!;
      // Dropped, re-analysed or replaced meanwhile: whoever did that indexed what it has now.
      if (file.summary && !file.analysis && this.files.get(file.uri) === file) this.setReferrers(file, file.summary.ids, file.summary);
    }
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
      forEachFirstMention(file.mentioned, (id) => this.mentioningCache.delete(id));
      for (const id of file.refs) this.referencesCache.delete(id);
      this.generation++;
      return [key, ...this.affectedByIdentity(file, undefined)];
    });
  }

  /** Runs mutations, then works out which files' answers may differ: the touched ones and their dependants. */
  private batch(fn: () => string[]): ChangeResult {
    this.flushReverse();
    const kbBefore = this.kbCache;
    this.identityMoved = false;
    this.movedDocIds.clear();
    const changed = new Set<string>(fn());
    // Once per batch, not per file: it walks every file (initial indexing puts thousands).
    if (this.identityMoved) this.invalidateSuggestions(changed);
    else if (this.movedDocIds.size) this.invalidateSuggestionsNear(this.movedDocIds, changed);
    if (this.kbCache === undefined) {
      const newKb = this.kb;
      const signature = aliasSignature(newKb);
      const everything = signature !== this.kbSignature;
      this.kbSignature = signature;
      if (everything || !kbBefore) {
        for (const f of this.files.values()) {
          this.drop(f);
          changed.add(f.uri);
        }
      } else {
        const ids = changedIds(kbBefore, newKb);
        for (const id of ids) this.invalidateReferrers(id, changed);
        if ([...ids].some((id) => !kbBefore.has(id) || !newKb.has(id))) this.invalidateSuggestions(changed);
        // kb files' own diagnostics (duplicates) depend on every kb file.
        for (const f of this.files.values()) {
          if (f.kind === 'kb' || f.records.length) {
            this.drop(f);
            changed.add(f.uri);
          }
        }
      }
    }
    return { changed: [...changed] };
  }

  private put(
    uri: string,
    content: string | undefined,
    version: number | undefined,
    kind: 'document' | 'kb' | undefined,
    identified?: IdentifiedFile,
  ): string[] {
    const key = normalizeUri(uri);
    const resolvedKind = kind ?? (this.classify(key) === 'kb' ? 'kb' : 'document');
    const previous = this.files.get(key);
    const size = content?.length ?? identified?.size ?? 0;
    const file = new SourceFile(key, content, size, version ?? ++this.versionCounter, resolvedKind, previous);
    if (identified) {
      const { records, kbProblems, docId, title, failure } = identified;
      Object.assign(file, { records, kbProblems, docId, title });
      if (failure !== undefined) file.failure = new Error(failure);
    } else {
      try {
        Object.assign(file, readSource(key, resolvedKind, file.text, true));
      } catch (e) {
        // One file's failure must not fail the batch (initial indexing would then fail for the whole workspace).
        Object.assign(file, { failure: e, parsed: undefined, records: [], kbProblems: [], docId: undefined });
      }
    }
    if (previous) this.unindexIdentity(previous);
    this.files.set(key, file);
    this.allAnalysed = false;
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

  /** Files whose diagnostics depend on what this file declares (its id, its records) before or after a change. */
  private affectedByIdentity(before: SourceFile | undefined, after: SourceFile | undefined): string[] {
    // Most files declare nothing: nothing to look up (initial indexing puts thousands of them).
    const declares = (f: SourceFile | undefined) => !!f && (f.docId !== undefined || f.records.length > 0);
    if (!declares(before) && !declares(after)) return [];
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
    const recordIds = (f: SourceFile | undefined) => f?.records.map((r) => r.record.id).join('\0') ?? '';
    if (recordIds(before) !== recordIds(after)) this.identityMoved = true;
    else for (const f of [before, after]) if (f?.docId) this.movedDocIds.add(f.docId.id);
    return [...out];
  }

  /** A file's records changed in the running batch: suggestions may differ (see batch()). */
  private identityMoved = false;
  /** Document ids that appeared or went in the running batch (records unchanged): see invalidateSuggestionsNear. */
  private readonly movedDocIds = new Set<string>();

  /**
   * Only a document id appeared or went: a "did you mean" can change only where an id the file refers to is that
   * id or within suggestion distance of it (suggest.ts; names and aliases belong to records, which did not
   * change). Opening a new note with an `id:` must not re-analyse every file that has a suggestion.
   */
  private invalidateSuggestionsNear(moved: ReadonlySet<string>, out: Set<string>): void {
    for (const f of this.files.values()) {
      if (!(f.summary?.hasSuggestions || f.analysis?.diagnostics.some(suggestsAnId))) continue;
      // Knowledge-base files point at ids from fields of their own: those always look again.
      if (f.kind === 'kb' || f.records.length || f.refs.some((id) => [...moved].some((m) => mayBeSuggested(id, m)))) {
        this.drop(f);
        out.add(f.uri);
      }
    }
  }

  /** Unknown-id diagnostics suggest the closest known id ("did you mean"): a new or vanished id may change them. */
  private invalidateSuggestions(out: Set<string>): void {
    for (const f of this.files.values()) {
      if (f.summary?.hasSuggestions || f.analysis?.diagnostics.some(suggestsAnId)) {
        this.drop(f);
        out.add(f.uri);
      }
    }
  }

  private invalidateReferrers(id: string, out: Set<string>): void {
    for (const set of [this.referrers.get(id), this.docIds.get(id)]) {
      for (const uri of set ?? []) {
        const f = this.files.get(uri);
        if (f) this.drop(f);
        out.add(uri);
      }
    }
    for (const def of this.kbCache?.definitions(id) ?? []) {
      const f = this.files.get(def.origin.uri);
      if (f) {
        this.drop(f);
        out.add(f.uri);
      }
    }
  }

  /** Forgets a file's analysis and summary: both are stale. */
  private drop(file: SourceFile): void {
    file.before ??= file.analysis ?? file.summary;
    file.analysis = undefined;
    file.summary = undefined;
    this.allAnalysed = false;
  }

  /** Every file has an analysis or a summary (or failed): cross-file queries need not look (see ensureAll). */
  private allAnalysed = false;

  private indexIdentity(file: SourceFile): void {
    if (file.docId) {
      addTo(this.docIds, file.docId.id, file.uri);
      this.ruleContext.invalidateIds();
    }
  }

  private unindexIdentity(file: SourceFile): void {
    if (file.docId) {
      removeFrom(this.docIds, file.docId.id, file.uri);
      this.ruleContext.invalidateIds();
    }
  }

  private unindex(file: SourceFile): void {
    this.unindexIdentity(file);
    for (const id of file.refs) removeFrom(this.referrers, id, file.uri);
    if (file.records.length) this.kbCache = undefined;
  }

  // ---- analysis ----------------------------------------------------------------------------------------------------

  /** Documents declaring an id as their own, in index order. */
  private *declaring(id: string): Iterable<DeclaringDocument> {
    for (const uri of this.docIds.get(id) ?? []) {
      const f = this.files.get(uri);
      if (f?.docId) yield { uri, span: f.docId.span, title: f.title };
    }
  }

  private readonly ruleContext = createRuleContext({
    config: () => this.config,
    kb: () => this.kb,
    declaring: (id) => this.declaring(id),
    declaredIds: () => this.docIds.keys(),
  });

  /** What a worker needs to analyse files as this index would: the workspace's records and declared ids. */
  identitySnapshot(): IdentitySnapshot {
    const uris = [...this.files.keys()].sort();
    const records: LoadedRecord[] = [];
    for (const uri of uris) records.push(...this.files.get(uri)!.records);
    const declared: [string, DeclaringDocument[]][] = [];
    for (const id of this.docIds.keys()) declared.push([id, [...this.declaring(id)]]);
    return { config: this.config, builtin: this.config.builtinKb ? this.builtin : [], records, declared };
  }

  private analyse(file: SourceFile, precomputedMentions?: Mention[]): IndexedDocument {
    return this.install(file, this.analysisOf(file, precomputedMentions));
  }

  /** Recognition (unless given) and rules; nothing is stored. */
  private analysisOf(file: SourceFile, precomputedMentions?: Mention[]): IndexedDocument {
    if (file.failure !== undefined) throw file.failure;
    const parsed = file.kind === 'document' ? this.parsedOf(file) : undefined;
    return analyseSource(file, parsed, this.kb, this.ruleContext, precomputedMentions);
  }

  /** Keeps an analysis and updates the reverse indexes from it. */
  private install(file: SourceFile, result: IndexedDocument): IndexedDocument {
    this.setReferrers(file, [...referencedIds(result)], result);
    file.analysis = result;
    file.summary = undefined;
    this.generation++;
    return result;
  }

  /** `refs`: every id the file refers to, each once. */
  private setReferrers(file: SourceFile, refs: readonly string[], doc: IndexedDocument | DocumentSummary): void {
    // Ids referred to in the same places as before keep their cached reference lists and answers.
    const unchanged = file.before && file.refs.length ? unchangedReferenceIds(file.before, doc) : NO_IDS;
    file.before = undefined;
    if (file.refs.length) {
      const now = new Set(refs);
      for (const id of file.refs) {
        if (!now.has(id)) removeFrom(this.referrers, id, file.uri);
        if (!unchanged.has(id)) this.referencesCache.delete(id);
      }
    }
    for (const id of refs) {
      addTo(this.referrers, id, file.uri);
      if (!unchanged.has(id)) this.referencesCache.delete(id);
    }
    file.refs = refs;
    // "Mentioned in" lists stay valid across re-analyses that change nothing they show: opening a document or
    // editing a paragraph without names must not make every hover on its ids walk the corpus again.
    const mentioned = doc.isKbFile ? NO_MENTIONS : firstMentions(doc);
    const before = file.listed;
    const moved = !before || before.title !== doc.title || before.date !== doc.date || before.id !== doc.id;
    const drop = (id: string) => this.mentioningCache.delete(id);
    if (moved) {
      forEachFirstMention(file.mentioned, drop);
      forEachFirstMention(mentioned, drop);
    } else {
      changedFirstMentions(file.mentioned, mentioned, drop);
    }
    file.mentioned = mentioned;
    if (moved) file.listed = listEntry(doc);
  }

  /** Files whose recognition is running in slices (documentInSlices). */
  private readonly slicing = new Set<SourceFile>();

  /** Whether asking for this file's analysis now would block for long: a huge document not analysed yet. */
  needsSlicedAnalysis(uri: string): boolean {
    const file = this.files.get(normalizeUri(uri));
    return !!file && !file.analysis && file.kind === 'document' && file.failure === undefined && !file.summary && file.size >= LARGE_DOCUMENT_CHARS;
  }

  /**
   * Analyses a document with its recognition cut into slices, awaiting `pause` between them so the caller (the
   * server) can answer other requests meanwhile. Starts over if the text or the knowledge base changes.
   */
  documentInSlices(uri: string, pause: () => Promise<void>, sliceChars = 64 * 1024): Promise<IndexedDocument | undefined> {
    const key = normalizeUri(uri);
    // One job per document: a request on it and the publisher wait for the same analysis.
    let job = this.slicedJobs.get(key);
    if (!job) {
      job = this.analyseInSlices(key, pause, sliceChars).finally(() => this.slicedJobs.delete(key));
      this.slicedJobs.set(key, job);
    }
    return job;
  }

  private readonly slicedJobs = new Map<string, Promise<IndexedDocument | undefined>>();

  private async analyseInSlices(key: string, pause: () => Promise<void>, sliceChars: number): Promise<IndexedDocument | undefined> {
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
          // The parse passes over the text in turns of their own, apart from the turn that received the text.
          await pause();
          if (stale()) continue;
          const parsed = await parseDocumentInSteps(file.uri, file.text, file.deferred, pause);
          if (stale()) continue;
          file.parsed ??= parsed;
          file.deferred = undefined;
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
        // The rules, then the bookkeeping, each in a turn of its own: together they are the longest blocks left.
        await pause();
        if (stale()) continue;
        const result = this.analysisOf(file, job.result());
        await pause();
        if (file.analysis) return file.analysis;
        if (stale()) continue;
        return this.install(file, result);
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

  /** Every file as lists show it: from its analysis or its summary, analysing only files that have neither. */
  *infos(): Iterable<DocumentInfo> {
    for (const file of [...this.files.values()]) {
      const info = this.summaryOrAnalysis(file);
      if (info) yield info;
    }
  }

  /** A file's diagnostics without analysing it when a summary has them (information-level ones may be missing). */
  diagnosticsOf(
    uri: string,
    all = false,
  ): { diagnostics: CoreDiagnostic[]; counts: Record<Severity, number>; lines: Positions; complete: boolean } | undefined {
    const file = this.fileOf(uri);
    if (!file) return undefined;
    if (file.summary && !file.analysis) {
      const complete = file.summary.diagnostics.length === Object.values(file.summary.counts).reduce((a, b) => a + b, 0);
      // With `all`, a summary that left information-level diagnostics out is not enough: analyse in full.
      if (complete || !all) return { diagnostics: file.summary.diagnostics, counts: file.summary.counts, lines: this.linesOfFile(file), complete };
    }
    const doc = this.document(uri);
    return doc && { diagnostics: doc.diagnostics, counts: countBySeverity(doc.diagnostics), lines: doc.parsed.lines, complete: true };
  }

  /** Positions in a file the index holds, without analysing (or, with a summary, even decoding) it. */
  lines(uri: string): Positions | undefined {
    const file = this.fileOf(uri);
    return file && this.linesOfFile(file);
  }

  private linesOfFile(file: SourceFile): Positions {
    if (file.analysis) return file.analysis.parsed.lines;
    if (file.parsed) return file.parsed.lines;
    if (!file.lines) {
      file.lines = file.summary ? new LineStarts(file.summary.lineStarts, file.summary.textLength) : new LineIndex(file.text);
    }
    return file.lines;
  }

  /** Whether the index holds the file; nothing is analysed. */
  has(uri: string): boolean {
    return this.fileOf(uri) !== undefined;
  }

  /** A held file's kind; nothing is analysed. */
  kindOf(uri: string): 'document' | 'kb' | undefined {
    return this.fileOf(uri)?.kind;
  }

  /** The text of a file the index holds; undefined when it is not held, or no longer readable. */
  text(uri: string): string | undefined {
    try {
      return this.fileOf(uri)?.text;
    } catch {
      return undefined; // read from disk when first needed, and gone or unreadable since (see SourceFile.text)
    }
  }

  /** Analyses every file that has neither analysis nor summary, so reverse lookups are complete. */
  private ensureAll(): void {
    this.flushReverse();
    if (this.allAnalysed) return;
    for (const file of this.files.values()) this.summaryOrAnalysis(file);
    // Files being analysed in slices are not done yet: look again next time.
    this.allAnalysed = this.slicing.size === 0;
  }

  private summaryOrAnalysis(file: SourceFile): DocumentSummary | IndexedDocument | undefined {
    if (file.analysis) return file.analysis;
    if (file.summary) return file.summary;
    return this.analysedOrSkipped(file);
  }

  private analysedOrSkipped(file: SourceFile): IndexedDocument | undefined {
    // A huge document being analysed in slices joins cross-file answers when it is done, not by blocking them.
    if (!file.analysis && this.slicing.has(file)) return undefined;
    try {
      return file.analysis ?? this.analyse(file);
    } catch {
      // A file that cannot be analysed is in no "mentioned in" list.
      forEachFirstMention(file.mentioned, (id) => this.mentioningCache.delete(id));
      for (const id of file.refs) this.referencesCache.delete(id);
      file.mentioned = NO_MENTIONS;
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

  /**
   * Every reference to the id, by uri. Without definitions the answer is one array per state of the files
   * referring to it: callers may cache what they derive from it by its identity, and must not change it.
   */
  references(id: string, includeDefinition: boolean): Reference[] {
    const entry = this.referencesEntry(id);
    if (!entry.refs) {
      const refs: Reference[] = [];
      this.forEachReferenceTo(id, (file, doc) => refs.push(...('parsed' in doc ? referencesIn(doc, id) : summaryReferences(doc, id))));
      entry.refs = refs;
    }
    return includeDefinition ? [...entry.refs, ...this.definitionReferences(id)] : entry.refs;
  }

  /**
   * An object that stays the same while the references to the id do (definitions aside), replaced when a file
   * referring to it changes: the key for caches of answers made from them (the server's serialized answers).
   */
  referencesKey(id: string): object {
    return this.referencesEntry(id);
  }

  /** Ids referred to from at least `minFiles` files, the most referred to first (for caches worth preparing). */
  mostReferred(minFiles: number): string[] {
    this.ensureAll();
    const out: [string, number][] = [];
    for (const [id, uris] of this.referrers) if (uris.size >= minFiles) out.push([id, uris.size]);
    return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  }

  private referencesEntry(id: string): { refs?: Reference[]; referrers?: string[] } {
    this.ensureAll();
    let entry = this.referencesCache.get(id);
    if (!entry) this.referencesCache.set(id, (entry = {}));
    return entry;
  }

  /**
   * Every place referring to the id, definitions aside, in the order `references` lists them (files by uri, then
   * text order), with the file's positions, and no object per place: a country named in every document of a
   * corpus has 15,000 references, and an editor asking for them once should not wait for 45,000 allocations.
   */
  referencesTo(id: string, visit: (uri: string, lines: Positions, start: number, end: number) => void): void {
    this.forEachReferenceTo(id, (file, doc) => {
      const lines = this.linesOfFile(file);
      if ('parsed' in doc) {
        for (const r of referencesIn(doc, id)) visit(file.uri, lines, r.span.start, r.span.end);
        return;
      }
      const i = doc.ids.indexOf(id);
      if (i < 0) return;
      for (let k = doc.refStart[i]; k < doc.refStart[i + 1]; k++) visit(file.uri, lines, doc.refs[3 * k], doc.refs[3 * k + 1]);
    });
  }

  /** The files referring to the id, by uri, with their analysis or summary. */
  private forEachReferenceTo(id: string, visit: (file: SourceFile, doc: IndexedDocument | DocumentSummary) => void): void {
    const entry = this.referencesEntry(id);
    // Sorted once per state of the files referring to the id (a country's are thousands of uris).
    entry.referrers ??= [...(this.referrers.get(id) ?? [])].sort();
    for (const uri of entry.referrers) {
      const file = this.fileOf(uri);
      const doc = file && this.summaryOrAnalysis(file);
      if (doc) visit(file, doc);
    }
  }

  /** Where the id is defined: kb records and definition notes, and documents declaring it. */
  definitionReferences(id: string): Reference[] {
    const out: Reference[] = [];
    for (const def of this.kb.definitions(id)) out.push({ uri: def.origin.uri, span: def.origin.idSpan, kind: 'definition' });
    for (const uri of this.docIds.get(id) ?? []) {
      const f = this.files.get(uri);
      if (f?.docId) out.push({ uri, span: f.docId.span, kind: 'definition' });
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

  documentsMentioning(id: string): MentioningDocument[] {
    this.ensureAll();
    const cached = this.mentioningCache.get(id);
    if (cached) return cached;
    const docs: MentioningDocument[] = [];
    for (const uri of this.referrers.get(id) ?? []) {
      const file = this.fileOf(uri);
      const first = file && firstMentionOf(file.mentioned, id);
      if (first && file.listed) docs.push({ info: file.listed, firstMention: first });
    }
    this.mentioningCache.set(id, sortMentioning(docs));
    return docs;
  }

  /**
   * Builds every id's "mentioned in" list in one pass over the files, so no hover has to walk the corpus for its
   * first answer.
   */
  warmMentioning(): void {
    this.ensureAll();
    for (const [id, docs] of this.collectMentioning(this.files.values())) this.mentioningCache.set(id, sortMentioning(docs));
  }

  /**
   * What the first queries after the initial indexing would otherwise do themselves: the lexicon, the reverse
   * indexes, then every "mentioned in" list. In slices of about `sliceMs`, awaiting `pause` between them so that requests are
   * answered meanwhile; a request that needs it all simply finishes the work. Lists are kept only if nothing
   * changed while they were built.
   */
  async warm(pause: () => Promise<void>, sliceMs = 10): Promise<void> {
    let start = performance.now();
    const due = async () => {
      if (performance.now() - start < sliceMs) return;
      await pause();
      start = performance.now();
    };
    // The recognition lexicon (~65 ms for the built-in kb, one block): the workers built their own, and without
    // this the first document opened after indexing would pay for it.
    lexiconFor(this.kb);
    await due();
    while (this.unindexed.length) {
      this.flushReverse(64);
      await due();
    }
    this.ensureAll();
    const generation = this.generation;
    const files = [...this.files.values()];
    const lists = new Map<string, MentioningDocument[]>();
    for (let i = 0; i < files.length; i += 256) {
      this.collectMentioning(files.slice(i, i + 256), lists);
      await due();
      if (this.generation !== generation) return;
    }
    for (const [id, docs] of lists) {
      sortMentioning(docs);
      await due();
      if (this.generation !== generation) return;
      this.mentioningCache.set(id, docs);
    }
  }

  /** "Mentioned in" entries of the files, for ids without a cached list. */
  private collectMentioning(files: Iterable<SourceFile>, lists = new Map<string, MentioningDocument[]>()): Map<string, MentioningDocument[]> {
    for (const file of files) {
      if (!file.listed) continue;
      const info = file.listed;
      forEachFirstMention(file.mentioned, (id, start, end) => {
        if (this.mentioningCache.has(id)) return;
        const entry = { info, firstMention: { start, end } };
        const list = lists.get(id);
        if (list) list.push(entry);
        else lists.set(id, [entry]);
      });
    }
    return lists;
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
