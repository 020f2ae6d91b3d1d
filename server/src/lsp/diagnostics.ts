import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Location as LspLocation } from 'vscode-languageserver/node';
import type { CoreDiagnostic, Severity } from '../core/rules/types';
import type { Positions } from '../core/text/lineIndex';
import type { IndexedDocument, Location } from '../core/workspace/types';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { yieldToEventLoop, type Session } from './session';

export const DIAGNOSTIC_SOURCE = 'policy-lens';

/** How long one turn may spend publishing closed files' diagnostics before yielding to requests. */
const PUBLISH_SLICE_MS = 10;

/**
 * Closed documents get their errors and warnings; information and hints (mostly PL009, "mentioned but not
 * listed") only while the document is open, as editors do for suggestions: across a corpus they are the large
 * majority of all diagnostics and would bury the problems. A severity override to `warning` shows them everywhere.
 */
const SHOWN_WHEN_CLOSED = new Set<Severity>(['error', 'warning']);

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `locate` converts the locations of related information (the session's `location`, or a loading index's). */
export function toLspDiagnostic(locate: (loc: Location) => LspLocation, lines: Positions, d: CoreDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: lines.rangeOf(d.span),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: locate(r), message: r.message }));
  }
  if (d.tags?.length) {
    out.tags = d.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  if (d.data) out.data = d.data;
  return out;
}

/** The core diagnostic an editor diagnostic stands for: same code, same range in the current text. */
export function findCoreDiagnostic(doc: IndexedDocument, d: Diagnostic): CoreDiagnostic | undefined {
  const same = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line === b.line && a.character === b.character;
  return doc.diagnostics.find((c) => {
    if (c.code !== d.code) return false;
    const r = doc.parsed.lines.rangeOf(c.span);
    return same(r.start, d.range.start) && same(r.end, d.range.end);
  });
}

/**
 * Publishes diagnostics for every file of the corpus, not only open ones. A failure on one document is logged
 * with its file name and the others still get theirs.
 */
export class DiagnosticsPublisher {
  /** Uris we have published non-empty diagnostics for, so removed files get cleared. */
  private readonly published = new Set<string>();

  /** Huge documents whose analysis runs in slices; they are published when it ends. */
  private readonly slicing = new Set<string>();

  constructor(private readonly session: Session) {}

  /** Analyses a huge document in slices that yield to the event loop, then publishes it: other requests go on. */
  private publishWhenAnalysed(uri: string): void {
    const index = this.session.index;
    if (!index || this.slicing.has(uri)) return;
    this.slicing.add(uri);
    void index
      .documentInSlices(uri, yieldToEventLoop)
      .catch(() => undefined) // publish() below reports the failure with the file name
      .finally(() => {
        this.slicing.delete(uri);
        this.publish([uri]);
      });
  }

  /**
   * Publishes the files' current diagnostics: open documents at once, closed ones for up to PUBLISH_SLICE_MS and
   * the rest in slices between requests. A change can touch hundreds of closed files (a new document id changes
   * every "did you mean" that could point at it), each analysed afresh; done in one go it blocked the server for
   * most of a second.
   */
  publish(uris: Iterable<string>): void {
    const index = this.session.index;
    if (!index) return;
    this.session.changeCount++;
    const closed: string[] = [];
    for (const uri of uris) {
      if (this.session.isOpen(uri)) this.publishOne(uri);
      else closed.push(uri);
    }
    const started = performance.now();
    for (const uri of closed) {
      if (performance.now() - started < PUBLISH_SLICE_MS) this.publishOne(uri);
      else this.later.add(uri);
    }
    if (this.later.size && !this.draining) void this.drain();
  }

  /** Closed files whose diagnostics are still to be published (see publish). */
  private readonly later = new Set<string>();
  private draining = false;

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.later.size) {
        await yieldToEventLoop();
        const started = performance.now();
        for (const uri of this.later) {
          this.publishOne(uri);
          if (performance.now() - started >= PUBLISH_SLICE_MS) break;
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private publishOne(uri: string): void {
    const index = this.session.index;
    this.later.delete(uri);
    if (!index) return;
    if (index.needsSlicedAnalysis(uri)) {
      this.publishWhenAnalysed(uri);
      return;
    }
    let diagnostics: Diagnostic[] = [];
    let version: number | undefined;
    try {
      const open = this.session.isOpen(uri);
      // A closed document's summary has what is shown for it; an open one is analysed in full.
      const doc = open ? index.document(uri) : undefined;
      const found = doc ? { diagnostics: doc.diagnostics, lines: doc.parsed.lines } : index.diagnosticsOf(uri);
      if (found) {
        diagnostics = found.diagnostics
          .filter((d) => open || SHOWN_WHEN_CLOSED.has(d.severity))
          .map((d) => toLspDiagnostic((loc) => this.session.location(loc), found.lines, d));
        version = this.session.openDocument(uri)?.version;
      }
    } catch (e) {
      this.session.connection.console.error(
        `Analysing ${this.session.displayPath(uri)} failed: ${e instanceof Error ? e.stack : String(e)}`,
      );
    }
    this.send(uri, diagnostics, version);
  }

  /** Closed files without problems need no message; open ones always get one (the editor learns its version is clean). */
  private send(uri: string, diagnostics: Diagnostic[], version: number | undefined): void {
    if (diagnostics.length === 0 && !this.published.has(uri) && !this.session.isOpen(uri)) return;
    if (diagnostics.length) this.published.add(uri);
    else this.published.delete(uri);
    void this.session.connection.sendDiagnostics({ uri: this.session.clientUri(uri), version, diagnostics });
  }

  /**
   * While an index is being loaded (not yet the session's): publishes closed files' diagnostics from their
   * summaries as the analysis workers deliver them, so the editor has them as soon as they exist. Open documents
   * wait for the editor's text. Adds the uris it took care of to `done` (publishAll then skips them).
   */
  publishLoading(index: WorkspaceIndex, uris: readonly string[], done: Set<string>): void {
    const locate = (loc: Location): LspLocation => ({
      uri: this.session.clientUri(loc.uri),
      range: (index.lines(loc.uri) ?? this.session.lines(loc.uri))?.rangeOf(loc.span) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
    for (const uri of uris) {
      if (this.session.isOpen(uri) || index.needsSlicedAnalysis(uri)) continue;
      const found = index.diagnosticsOf(uri);
      if (!found) continue;
      const diagnostics: Diagnostic[] = [];
      for (const d of found.diagnostics) if (SHOWN_WHEN_CLOSED.has(d.severity)) diagnostics.push(toLspDiagnostic(locate, found.lines, d));
      this.send(uri, diagnostics, undefined);
      done.add(uri);
    }
  }

  /**
   * Everything the index holds, and empty lists for files it no longer holds. Open documents go first; the work
   * is cut into slices of a few milliseconds so requests are answered while a large corpus is analysed.
   */
  async publishAll(onProgress?: (done: number, total: number) => void, isStale?: () => boolean, alreadyDone?: Set<string>): Promise<void> {
    const index = this.session.index;
    if (!index) return;
    const uris = new Set(index.uris());
    for (const uri of this.published) uris.add(uri);
    // Published while the index was loading, and not opened since.
    for (const uri of alreadyDone ?? []) if (!this.session.isOpen(uri)) uris.delete(uri);
    const open: string[] = [];
    const closed: string[] = [];
    for (const uri of uris) (this.session.isOpen(uri) ? open : closed).push(uri);
    const ordered = [...open, ...closed];
    let sliceStart = Date.now();
    for (let i = 0; i < ordered.length; i++) {
      if (isStale?.() || this.session.index !== index) return;
      this.publishOne(ordered[i]);
      if (Date.now() - sliceStart > 15) {
        onProgress?.(i + 1, ordered.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
    }
  }
}
