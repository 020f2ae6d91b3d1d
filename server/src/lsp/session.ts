import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocuments, type ClientCapabilities, type Connection, type Range } from 'vscode-languageserver/node';
import type { PolicyLensConfig } from '../core/config/config';
import { LineIndex, type Positions } from '../core/text/lineIndex';
import type { Span } from '../core/text/span';
import type { LoadedRecord } from '../core/kb/record';
import type { Location } from '../core/workspace/types';
import { normalizeUri, uriToPath } from '../core/workspace/uri';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';

/** What the client told us it can do, reduced to the flags the handlers branch on. */
export interface ClientFlags {
  workDoneProgress: boolean;
  configuration: boolean;
  configurationChangeRegistration: boolean;
  watchedFilesRegistration: boolean;
  documentChanges: boolean;
  createFiles: boolean;
  definitionLinks: boolean;
  hierarchicalSymbols: boolean;
  markdownHover: boolean;
  snippets: boolean;
  workspaceFolders: boolean;
}

export function clientFlags(c: ClientCapabilities): ClientFlags {
  const edit = c.workspace?.workspaceEdit;
  return {
    workDoneProgress: !!c.window?.workDoneProgress,
    configuration: !!c.workspace?.configuration,
    configurationChangeRegistration: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFilesRegistration: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    documentChanges: !!edit?.documentChanges,
    createFiles: !!edit?.documentChanges && !!edit.resourceOperations?.includes('create'),
    definitionLinks: !!c.textDocument?.definition?.linkSupport,
    hierarchicalSymbols: !!c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    markdownHover: (c.textDocument?.hover?.contentFormat ?? ['markdown']).includes('markdown'),
    snippets: !!c.textDocument?.completion?.completionItem?.snippetSupport,
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}

/**
 * The server's state: the open documents (editor text), the workspace index (everything else), and the
 * plumbing between them. Handlers ask `current()` for an index that reflects every edit received so far.
 */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  index: WorkspaceIndex | undefined;
  config: PolicyLensConfig | undefined;
  builtin: LoadedRecord[] = [];
  /** Workspace folders as file URIs, and as paths. */
  roots: string[] = [];
  flags: ClientFlags = clientFlags({});
  /** Open documents whose latest text the index has not seen yet. */
  private readonly dirty = new Map<string, TextDocument>();
  /** normalised uri → the spelling the client uses, for open documents. */
  private readonly clientUris = new Map<string, string>();
  /** Line indexes of files read from disk (built-in kb files, files not in the index). */
  private readonly diskLines = new Map<string, LineIndex>();
  private readyPromise: Promise<void>;
  private resolveReady!: () => void;
  /**
   * Bumped whenever the index changed (every change is published, so the publisher bumps it): caches of
   * corpus-wide answers compare it to know they are stale.
   */
  changeCount = 0;
  /** Called with the uris a flush changed; set by the diagnostics publisher. */
  onChanged: (uris: string[]) => void = () => undefined;

  constructor(readonly connection: Connection) {
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  get rootDirs(): string[] {
    return this.roots.map(uriToPath).filter((p): p is string => p !== undefined);
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  markReady(): void {
    this.resolveReady();
  }

  /** Index updates still reading from disk (a closed editor's file): requests wait for them. */
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Registers an index update that is still in progress, so that `current()` answers after it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * The index, with every change received so far applied. Waits for the initial indexing. With `uri`, also waits
   * for that document's analysis when it is a huge one analysed in slices: a request on it must not analyse it in
   * one block (and hold up every other request meanwhile).
   */
  async current(uri?: string): Promise<WorkspaceIndex> {
    await this.readyPromise;
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    this.flush();
    const index = this.index!;
    if (uri !== undefined && index.needsSlicedAnalysis(uri)) {
      // Again after it (edits may have arrived meanwhile), but not after a failure: the caller's own analysis
      // then reports it, instead of this waiting forever on an analysis that keeps failing.
      const analysed = await index.documentInSlices(uri, yieldToEventLoop).then(
        () => true,
        () => false,
      );
      return this.current(analysed ? uri : undefined);
    }
    return index;
  }

  trackOpen(clientUri: string): void {
    this.clientUris.set(normalizeUri(clientUri), clientUri);
  }

  trackClosed(clientUri: string): void {
    const key = normalizeUri(clientUri);
    this.clientUris.delete(key);
    this.dirty.delete(key);
  }

  /** The uri as the client spells it (for open documents), else the index's spelling. */
  clientUri(uri: string): string {
    return this.clientUris.get(normalizeUri(uri)) ?? uri;
  }

  /** The same for a uri in the index's normal form (what the index hands out): no normalisation needed. */
  clientUriOfIndexed(uri: string): string {
    return this.clientUris.get(uri) ?? uri;
  }

  /** The open document for a uri in any spelling. */
  openDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri) ?? this.documents.get(this.clientUri(uri));
  }

  isOpen(uri: string): boolean {
    return this.clientUris.has(normalizeUri(uri));
  }

  markDirty(doc: TextDocument): void {
    this.dirty.set(normalizeUri(doc.uri), doc);
  }

  hasPending(): boolean {
    return this.dirty.size > 0;
  }

  /** Applies pending editor text to the index; reports what changed. Cheap when nothing is pending. */
  flush(): void {
    const index = this.index;
    if (!index || this.dirty.size === 0) return;
    const pending = [...this.dirty.values()];
    this.dirty.clear();
    const changed = new Set<string>();
    for (const doc of pending) {
      if (index.classify(doc.uri) === 'other') continue;
      try {
        for (const u of index.setText(doc.uri, doc.getText(), doc.version).changed) changed.add(u);
      } catch (e) {
        this.connection.console.error(`Analysing ${this.displayPath(doc.uri)} failed: ${e instanceof Error ? e.stack : e}`);
      }
    }
    if (changed.size) this.onChanged([...changed]);
  }

  displayPath(uri: string): string {
    try {
      return this.index?.displayPath(uri) ?? uri;
    } catch {
      return uri;
    }
  }

  /** Line indexes of the index's files, valid while `changeCount` stays the same. */
  private indexLines = new Map<string, Positions>();
  private indexLinesAt = -1;

  /** Line index of any file: the index's copy, an open editor's text, or the file on disk. */
  lines(uri: string): Positions | undefined {
    if (this.indexLinesAt !== this.changeCount) {
      this.indexLines = new Map();
      this.indexLinesAt = this.changeCount;
    }
    const known = this.indexLines.get(uri);
    if (known) return known;
    // The index's own line index: no analysis is needed (or run) to convert a location.
    const indexed = this.index?.lines(uri);
    if (indexed) {
      this.indexLines.set(uri, indexed);
      return indexed;
    }
    const open = this.openDocument(uri);
    if (open) return new LineIndex(open.getText());
    const cached = this.diskLines.get(uri);
    if (cached) return cached;
    const path = uriToPath(uri);
    if (!path) return undefined;
    try {
      const lines = new LineIndex(readFileSync(path, 'utf8'));
      this.diskLines.set(uri, lines);
      return lines;
    } catch {
      return undefined;
    }
  }

  /** Forget cached disk text of a file that changed on disk. */
  forgetDisk(uri: string): void {
    this.diskLines.delete(uri);
  }

  range(uri: string, span: Span): Range {
    const lines = this.lines(uri);
    return lines ? lines.rangeOf(span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  }

  location(loc: Location): { uri: string; range: Range } {
    return { uri: this.clientUri(loc.uri), range: this.range(loc.uri, loc.span) };
  }

  /** A `file:…#L12,5` link for markdown (1-based, as VS Code's link opener expects). */
  link(loc: Location): string {
    const r = this.range(loc.uri, loc.span);
    return `${this.clientUri(loc.uri)}#L${r.start.line + 1},${r.start.character + 1}`;
  }

  /** Version of an open document, for versioned edits; null when the file is not open. */
  version(uri: string): number | null {
    return this.openDocument(uri)?.version ?? null;
  }
}

/** Lets pending I/O (other requests) run before the next slice of work. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
