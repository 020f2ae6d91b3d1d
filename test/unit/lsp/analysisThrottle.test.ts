import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AnalysisThrottle, DIAGNOSTICS_DELAY_MS } from '../../../server/src/lsp/analysisThrottle';

it('edits are analysed after the short delay while analyses are fast', () => {
  const t = new AnalysisThrottle();
  assert.equal(t.delay(0), DIAGNOSTICS_DELAY_MS);
  t.ran(10, 18);
  assert.equal(t.delay(18), DIAGNOSTICS_DELAY_MS);
});

it('after a slow analysis the next one waits half its duration, capped at 250 ms', () => {
  const t = new AnalysisThrottle();
  t.ran(0, 300);
  assert.equal(t.delay(300), 150);
  t.ran(1000, 2000);
  assert.equal(t.delay(2000), 250);
});

it('time already spent idle since a slow analysis counts towards the gap', () => {
  const t = new AnalysisThrottle();
  t.ran(0, 130); // a slow open: 65 ms of gap owed
  assert.equal(t.delay(170), 25); // 40 ms later, 25 ms left
  assert.equal(t.delay(3000), DIAGNOSTICS_DELAY_MS); // long after: an edit is not held back
});

it('a fast analysis after a slow one restores the short delay', () => {
  const t = new AnalysisThrottle();
  t.ran(0, 400);
  t.ran(600, 606);
  assert.equal(t.delay(606), DIAGNOSTICS_DELAY_MS);
});
