import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument, parseDocumentInSteps } from '../../../server/src/core/document/parseDocument';
import { readFrontMatter } from '../../../server/src/core/document/frontMatter';
import { documentText, runs, SEED } from '../property/arbitraries';

/** The steps the index takes for a huge document (front-matter read first, body parsed with pauses) parse alike. */
test('parseDocumentInSteps gives what parseDocument gives, with or without a front-matter read beforehand', async () => {
  await fc.assert(
    fc.asyncProperty(documentText, fc.boolean(), async (text, readFirst) => {
      const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const read = readFirst ? readFrontMatter(text, bom) : undefined;
      let pauses = 0;
      const stepped = await parseDocumentInSteps('file:///d.md', text, read, async () => void pauses++);
      assert.deepEqual(stepped, parseDocument('file:///d.md', text, read));
      assert.deepEqual(stepped, parseDocument('file:///d.md', text));
      assert.ok(pauses >= 1);
    }),
    { seed: SEED, numRuns: runs(300) },
  );
  const binary = await parseDocumentInSteps('file:///b.bin', 'a\u0000b', undefined, async () => undefined);
  assert.deepEqual(binary, parseDocument('file:///b.bin', 'a\u0000b'));
  assert.equal(binary.binary, true);
});
