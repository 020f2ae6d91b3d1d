// Shared checks for the robustness and property tests: an index over the real built-in knowledge base, and the
// invariants every analysis must keep whatever the input (ranges inside the text, fixes that apply and parse).
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type PolicyLensConfig } from '../../../server/src/core/config/config';
import { parseDocument } from '../../../server/src/core/document/parseDocument';
import type { Fix } from '../../../server/src/core/fixes/types';
import { loadBuiltinKb } from '../../../server/src/core/kb/builtin';
import type { LoadedRecord } from '../../../server/src/core/kb/record';
import type { CoreDiagnostic } from '../../../server/src/core/rules/types';
import { applyEdits } from '../../../server/src/core/text/applyEdits';
import type { Span } from '../../../server/src/core/text/span';
import type { IndexedDocument } from '../../../server/src/core/workspace/types';
import { WorkspaceIndex } from '../../../server/src/core/workspace/workspaceIndex';

export const ROOT = 'file:///ws';
export const DOC = `${ROOT}/doc.md`;

let builtin: LoadedRecord[] | undefined;
/** The real built-in knowledge base (loaded once per test file). */
export function builtinRecords(): LoadedRecord[] {
  builtin ??= loadBuiltinKb();
  return builtin;
}

export function newIndex(files: Record<string, string> = {}, config: Partial<PolicyLensConfig> = {}): WorkspaceIndex {
  const index = new WorkspaceIndex({ config: { ...DEFAULT_CONFIG, ...config }, builtin: builtinRecords(), roots: [ROOT] });
  index.setMany(Object.entries(files).map(([rel, text]) => ({ uri: `${ROOT}/${rel}`, text })));
  return index;
}

function assertSpanIn(span: Span, length: number, what: string): void {
  assert.ok(
    Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length,
    `${what}: span ${span.start}-${span.end} outside the text (length ${length})`,
  );
}

/** Every range the analysis hands out lies inside the document's own text, and LSP positions round-trip. */
export function assertWellFormed(doc: IndexedDocument): void {
  const { text, lines } = doc.parsed;
  const n = text.length;
  for (const d of doc.diagnostics) {
    assertSpanIn(d.span, n, `diagnostic ${d.code} "${d.message}"`);
    assert.ok(d.message.length > 0, `${d.code} has a message`);
    for (const r of d.related ?? []) if (r.uri === doc.uri) assertSpanIn(r.span, n, `related of ${d.code}`);
  }
  for (const m of doc.mentions) {
    assertSpanIn(m.span, n, `mention ${m.text}`);
    assert.equal(text.slice(m.span.start, m.span.end), m.text, `mention "${m.text}" points at its own text`);
  }
  for (const s of doc.parsed.textSegments) assertSpanIn(s, n, 'text segment');
  for (const l of doc.parsed.links) assertSpanIn(l.span, n, 'wiki-link');
  for (const u of doc.parsed.urls) assertSpanIn(u.span, n, 'url');
  for (const h of doc.parsed.headings) assertSpanIn(h.span, n, 'heading');
  const fm = doc.parsed.frontMatter;
  if (fm) {
    assertSpanIn(fm.span, n, 'front-matter');
    for (const f of fm.fields.values()) {
      assertSpanIn(f.keySpan, n, `key ${f.key}`);
      assertSpanIn(f.valueSpan, n, `value of ${f.key}`);
      for (const item of f.items ?? []) assertSpanIn(item.span, n, `item of ${f.key}`);
    }
  }
  // Offsets → LSP positions → offsets is the identity on every diagnostic and mention boundary.
  for (const s of [...doc.diagnostics.map((d) => d.span), ...doc.mentions.map((m) => m.span)]) {
    assert.deepEqual(lines.spanOf(lines.rangeOf(s)), s, 'positions round-trip');
  }
}

/** Diagnostics reduced to what a user sees, in a stable order (for equality between analyses). */
export function diagnosticKey(diagnostics: readonly CoreDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.severity} ${d.span.start}-${d.span.end} ${d.message}`).sort();
}

/** A fix's edits to the document itself, applied to its text (edits to other files are ignored here). */
export function applyFix(text: string, uri: string, fix: Fix): string {
  const edits = fix.changes.filter((c) => c.uri === uri).flatMap((c) => c.edits);
  return applyEdits(text, edits);
}

/**
 * Every quick fix for every diagnostic of a document, applied to a copy of its text: the result's front-matter
 * parses (no new YAML error), and the diagnostic it fixes is gone at that place. Returns how many fixes ran.
 */
export function checkFixes(index: WorkspaceIndex, uri: string): number {
  const doc = index.document(uri)!;
  const scratch = copyOf(index, uri);
  let ran = 0;
  for (const d of doc.diagnostics) {
    for (const fix of index.fixesFor(uri, d)) {
      if (!fix.changes.some((c) => c.uri === uri)) continue; // e.g. "create a kb definition": another file
      ran++;
      const fixed = applyFix(doc.parsed.text, uri, fix);
      const parsedBefore = doc.parsed.frontMatter;
      const parsed = parseDocument(uri, fixed);
      const yamlErrors = (parsed.frontMatter?.problems ?? []).filter((p) => p.severity === 'error');
      const before = (parsedBefore?.problems ?? []).filter((p) => p.severity === 'error');
      assert.ok(
        yamlErrors.length <= before.length,
        `fix "${fix.title}" for ${d.code} breaks the front-matter:\n${fixed.slice(0, 400)}\n${JSON.stringify(yamlErrors)}`,
      );
      scratch.setText(uri, fixed);
      const probe = scratch.document(uri)!;
      const cleared = (fix.fixes ?? [d.code]).includes(d.code);
      if (cleared) {
        // Offsets move with the edit, so "cleared" means one fewer diagnostic with this code and message.
        const same = (list: readonly CoreDiagnostic[]) => list.filter((x) => x.code === d.code && x.message === d.message).length;
        assert.ok(same(probe.diagnostics) < same(doc.diagnostics), `fix "${fix.title}" does not clear ${d.code} "${d.message}":\n${fixed.slice(0, 400)}`);
      }
    }
  }
  return ran;
}

/** A new index with the same workspace files but `uri` (fixed texts are analysed there, not in `index`). */
function copyOf(index: WorkspaceIndex, uri: string): WorkspaceIndex {
  const files: Record<string, string> = {};
  for (const u of index.uris()) if (u !== uri) files[u.slice(ROOT.length + 1)] = index.document(u)!.parsed.text;
  return newIndex(files);
}

/** Runs `fn` and fails when it takes longer than `ms` (a hang guard with a generous bound, not a benchmark). */
export function within<T>(ms: number, what: string, fn: () => T): T {
  const start = performance.now();
  const result = fn();
  const took = performance.now() - start;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms (bound ${ms} ms)`);
  return result;
}
