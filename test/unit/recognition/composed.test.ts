import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComposedDocument } from '../../../server/src/core/recognition/composed';
import { recognize, RecognitionJob } from '../../../server/src/core/recognition/recognize';
import { docOf, KB } from './fixtures';

const nfd = (s: string) => s.normalize('NFD');
const decomposedDoc = (text: string) => ({ ...docOf(text), decomposed: true });
/** [text under the range, ids] per mention. */
const seen = (text: string) => recognize(decomposedDoc(text), KB).map((m) => [text.slice(m.span.start, m.span.end), m.text, m.ids.join(',')]);

describe('recognition of decomposed text', () => {
  it('composes only what composes and maps segments onto the composed text', () => {
    const text = `ab ${nfd('북한')} cd`;
    const doc = new ComposedDocument({ ...docOf(text), textSegments: [{ start: 3, end: text.length }] });
    assert.equal(doc.input.text, 'ab 북한 cd');
    assert.deepEqual(doc.input.textSegments, [{ start: 3, end: 8 }]);
  });

  it('a name written decomposed is found, its range and text those of the document', () => {
    const text = `오늘 ${nfd('북한')}의 발표와 러시아.`;
    assert.deepEqual(seen(text), [
      [nfd('북한'), nfd('북한'), 'prk'],
      ['러시아', '러시아', 'rus'],
    ]);
  });

  it('a mark that stays after a composed syllable maps one to one: a name ending before it excludes it', () => {
    // 북한 + U+0301 (no precomposed form): the cluster 한 + mark composes to 한 followed by the mark.
    const text = `${nfd('북한')}\u0301 회담`;
    const [[under]] = seen(text);
    assert.equal(under, nfd('북한'));
  });

  it('clusters that NFC makes longer (U+0344 → U+0308 U+0301) do not shift later ranges', () => {
    const text = `${'q\u0344'.repeat(40)} ${nfd('러시아')}`;
    const doc = new ComposedDocument(docOf(text));
    assert.equal(doc.input.text, `${'q\u0308\u0301'.repeat(40)} 러시아`, 'the composed copy is longer than the text');
    assert.deepEqual(seen(text).at(-1), [nfd('러시아'), nfd('러시아'), 'rus']);
  });

  it('recognition in slices gives the same mentions', () => {
    const text = `${nfd('북한')}과 ${nfd('러시아')}, 한${nfd('미')}일 협력. `.repeat(30);
    const job = new RecognitionJob(decomposedDoc(text), KB);
    while (!job.step(97));
    assert.deepEqual(job.result(), recognize(decomposedDoc(text), KB));
  });
});
