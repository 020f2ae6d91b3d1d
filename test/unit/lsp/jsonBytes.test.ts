import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { ascii, JsonBytes } from '../../../server/src/lsp/jsonBytes';

it('JsonBytes writes integers and fragments as JSON.stringify would, past its first buffer', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.nat(), fc.constantFrom(0, 9, 10, 99, 100, 2 ** 31 - 1)), { maxLength: 30 }), (values) => {
      const out = new JsonBytes().raw(ascii('['));
      values.forEach((v, i) => (i ? out.raw(ascii(',')) : out).int(v));
      assert.equal(out.raw(ascii(']')).done().toString('latin1'), JSON.stringify(values));
    }),
    { seed: 20261204, numRuns: 300 },
  );
  const big = new JsonBytes();
  const filler = ascii('x'.repeat(1000));
  for (let i = 0; i < 200; i++) big.raw(filler).int(i);
  assert.equal(big.done().toString('latin1'), Array.from({ length: 200 }, (_, i) => 'x'.repeat(1000) + i).join(''));
});
