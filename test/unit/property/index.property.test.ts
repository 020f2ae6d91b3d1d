// Property tests over the pure core with fast-check (fixed seed, bounded runs; figures printed for
// docs/robustness.md): random documents never throw and give well-formed ranges; quick fixes apply and clear what
// they fix; after random edit sequences the incremental index equals a fresh analysis of the final texts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { assertWellFormed, checkFixes, diagnosticKey, newIndex, ROOT } from '../robustness/helpers';
import { applyEdit, documentText, edit, kbText, runs, SEED } from './arbitraries';

const figures: string[] = [];
after(() => {
  for (const f of figures) console.log(f);
});

const FILES = ['a.md', 'b.txt', 'kb/mine.yaml'];
const uri = (rel: string) => `${ROOT}/${rel}`;

describe('random documents through the WorkspaceIndex', () => {
  it('never throw; every range lies inside its document; analysis is deterministic', () => {
    const n = runs(200);
    fc.assert(
      fc.property(documentText, (text) => {
        const index = newIndex();
        index.setText(uri('a.md'), text);
        const first = index.document(uri('a.md'))!;
        assertWellFormed(first);
        const again = newIndex({ 'a.md': text }).document(uri('a.md'))!;
        assert.deepEqual(diagnosticKey(again.diagnostics), diagnosticKey(first.diagnostics));
        // Every position resolves to something or nothing, without throwing.
        for (let at = 0; at <= text.length; at += Math.max(1, Math.floor(text.length / 7))) index.targetAt(uri('a.md'), at);
      }),
      { seed: SEED, numRuns: n, includeErrorInReport: true },
    );
    figures.push(`property: random documents: ${n} cases, seed ${SEED}`);
  });

  it('quick fixes apply, keep the front-matter parsable and clear the diagnostic they fix', () => {
    const n = runs(120);
    let fixes = 0;
    fc.assert(
      fc.property(documentText, (text) => {
        const index = newIndex({ 'a.md': text });
        fixes += checkFixes(index, uri('a.md'));
        for (const action of index.sourceActions(uri('a.md'))) void action; // offered without throwing
      }),
      { seed: SEED + 1, numRuns: n, includeErrorInReport: true },
    );
    figures.push(`property: quick fixes: ${n} documents, ${fixes} fixes applied and re-checked, seed ${SEED + 1}`);
  });
});

describe('random edit sequences through the WorkspaceIndex', () => {
  it('diagnostics and mentions after incremental edits equal a fresh analysis of the final texts', () => {
    const n = runs(50);
    let edits = 0;
    fc.assert(
      fc.property(
        fc.tuple(documentText, documentText, kbText),
        fc.array(fc.tuple(edit(FILES.length), fc.boolean()), { minLength: 1, maxLength: 20 }),
        (initial, steps) => {
          const texts = [...initial];
          const index = newIndex(Object.fromEntries(FILES.map((f, i) => [f, texts[i]])));
          for (const [e, look] of steps) {
            texts[e.file] = applyEdit(texts[e.file], e);
            index.setText(uri(FILES[e.file]), texts[e.file]);
            edits++;
            // Sometimes ask for answers mid-sequence, so cached analyses exist and must be invalidated correctly.
            if (look) for (const f of FILES) index.document(uri(f));
          }
          const fresh = newIndex(Object.fromEntries(FILES.map((f, i) => [f, texts[i]])));
          for (const f of FILES) {
            const inc = index.document(uri(f))!;
            const ref = fresh.document(uri(f))!;
            assertWellFormed(inc);
            assert.deepEqual(diagnosticKey(inc.diagnostics), diagnosticKey(ref.diagnostics), `${f} after ${steps.length} edits`);
            assert.deepEqual(
              inc.mentions.map((m) => `${m.span.start}-${m.span.end} ${m.ids.join('|')}`),
              ref.mentions.map((m) => `${m.span.start}-${m.span.end} ${m.ids.join('|')}`),
              `${f} mentions`,
            );
          }
        },
      ),
      { seed: SEED + 2, numRuns: n, includeErrorInReport: true },
    );
    figures.push(`property: edit sequences: ${n} workspaces (2 documents + 1 kb file), ${edits} edits, seed ${SEED + 2}`);
  });
});

describe('random documents in decomposed form (NFD)', () => {
  it('are recognised as in composed form (NFC), with ranges over the same text', () => {
    const n = runs(80);
    let decomposedMentions = 0;
    fc.assert(
      fc.property(documentText, (text) => {
        const nfc = text.normalize('NFC');
        const nfd = text.normalize('NFD');
        const composed = newIndex({ 'a.md': nfc }).document(uri('a.md'))!;
        const decomposed = newIndex({ 'a.md': nfd }).document(uri('a.md'))!;
        assertWellFormed(decomposed);
        const seen = (d: typeof composed, t: string) => d.mentions.map((m) => [m.ids.join(','), t.slice(m.span.start, m.span.end).normalize('NFC')]);
        assert.deepEqual(seen(decomposed, nfd), seen(composed, nfc));
        decomposedMentions += decomposed.mentions.filter((m) => m.text !== m.text.normalize('NFC')).length;
      }),
      { seed: SEED + 7, numRuns: n, includeErrorInReport: true },
    );
    assert.ok(decomposedMentions > 0, 'the cases include names written decomposed');
    figures.push(`property: NFD documents: ${n} cases, ${decomposedMentions} decomposed names recognised, seed ${SEED + 7}`);
  });
});
