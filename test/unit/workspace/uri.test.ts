import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { normalizeUri, pathToUri, uriToPath } from '../../../server/src/core/workspace/uri';

/** Path segments as users name files: Korean, spaces, `%`, `#`, `?`, brackets, dots. */
const segment = fc
  .array(fc.constantFrom('a', 'Z', '9', '한', '국', ' ', '%', '#', '?', '[', ']', '.', '-', '_', '&', '+', "'", '~', 'é'), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''))
  .filter((s) => s !== '.' && s !== '..');
const absolutePath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`);

describe('file uris', () => {
  it('pathToUri gives the normal form normalizeUri would compute (its memo is seeded with it)', () => {
    fc.assert(
      fc.property(absolutePath, (p) => {
        const uri = pathToUri(p);
        // The full round trip, without the memo: what normalizeUri computes for an unseen uri.
        assert.equal(pathToFileURL(fileURLToPath(uri)).href, uri);
        assert.equal(normalizeUri(uri), uri);
        assert.equal(uriToPath(uri), fileURLToPath(uri));
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });

  it('pathToUri is pathToFileURL, for plain and for encoded names, in folders it has seen and new ones', () => {
    const plainSegment = fc.array(fc.constantFrom('a', 'Z', '9', '.', '-', '_', '~'), { minLength: 1, maxLength: 8 }).map((c) => c.join(''));
    const anyPath = fc.array(fc.oneof(segment, plainSegment, fc.constantFrom('.', '..', '')), { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(anyPath, (p) => assert.equal(pathToUri(p), pathToFileURL(p).href, p)),
      { seed: 20261204, numRuns: 1000 },
    );
    for (const p of ['/a/b/..', '/a/./b.md', '/a//b.md', '/a/b.md/', '/', '/a/b/.', '/x/.hidden', '/x/a~b.md']) assert.equal(pathToUri(p), pathToFileURL(p).href, p);
  });

  it('gives one spelling for the differently encoded uris editors send', () => {
    const p = '/work/자료/보도 자료.md';
    const canonical = pathToUri(p);
    const vscodeStyle = canonical.replace('%EB%B3%B4', '%eb%b3%b4');
    assert.equal(normalizeUri(vscodeStyle), canonical);
    assert.equal(normalizeUri('file:///work/%EC%9E%90%EB%A3%8C/a%3Ab.md'), pathToUri('/work/자료/a:b.md'));
  });
});
