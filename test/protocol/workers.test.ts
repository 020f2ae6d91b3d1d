import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { HoverRequest, ReferencesRequest, WorkspaceSymbolRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { FIXTURES, TestClient } from './harness';

/**
 * The server indexes large workspaces with analysis workers (POLICY_LENS_WORKERS forces them on a small one):
 * what a user sees must be the same as when one thread does everything.
 */
let withWorkers: TestClient;
let oneThread: TestClient;
const root = join(FIXTURES, 'basic');

before(async () => {
  [withWorkers, oneThread] = await Promise.all([
    TestClient.start(root, { env: { POLICY_LENS_WORKERS: '2' } }),
    TestClient.start(root, { env: { POLICY_LENS_WORKERS: '0' } }),
  ]);
});
after(async () => {
  await Promise.all([withWorkers?.stop(), oneThread?.stop()]);
});

test('indexing with workers publishes the same diagnostics for closed documents', () => {
  assert.ok(!withWorkers.logs.some((l) => /Analysis workers failed/.test(l)), withWorkers.logs.join('\n'));
  const sorted = (c: TestClient) => [...c.diagnostics].sort(([a], [b]) => (a < b ? -1 : 1));
  assert.ok(oneThread.diagnostics.size > 0, 'the fixture has problems to publish');
  assert.deepEqual(sorted(withWorkers), sorted(oneThread));
});

test('references, hover ("mentioned in") and workspace symbols answer alike from summaries', async () => {
  for (const [rel, needle] of [['docs/alpha.md', '북한의'], ['docs/alpha.md', '동해협력조약의'], ['docs/alpha.md', '러시아와의']] as const) {
    const ask = async (c: TestClient) => {
      const textDocument = { uri: c.uri(rel) };
      const position = c.positionOf(rel, needle, 1);
      const refs = await c.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } });
      const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument, position });
      return { refs, hover: (hover?.contents as MarkupContent | undefined)?.value };
    };
    const [a, b] = [await ask(withWorkers), await ask(oneThread)];
    assert.ok(a.refs && a.refs.length > 1, `${needle}: references across documents`);
    assert.deepEqual(a, b, needle);
  }
  const symbols = (c: TestClient) => c.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
  assert.deepEqual(await symbols(withWorkers), await symbols(oneThread));
});
