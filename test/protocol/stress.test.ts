import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CancellationTokenSource,
  HoverRequest,
  LSPErrorCodes,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyFixture, removeDir, TestClient } from './harness';

/** Small seeded PRNG (mulberry32): the same edit storm on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['북한의 ', '러시아와 ', '동해협력조약', '[[eastsea-pact]] ', '\n', '---\n', 'entities: [prk]\n', '🇰🇷', 'é', '\r\n', ' ', '[[', ']]', 'date: 2024.01.02\n'];
const EDITS = 1500;

const summary = (ds: Diagnostic[]) =>
  ds
    .map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .sort();

test(`${EDITS} rapid random edits with interleaved hovers and cancellations: responsive, final state = fresh analysis`, async () => {
  const root = copyFixture('basic');
  const client = await TestClient.start(root);
  const rel = 'docs/alpha.md';
  try {
    await client.open(rel);
    const random = rng(20241124);
    const hovers: Promise<unknown>[] = [];
    let cancelled = 0;
    for (let i = 0; i < EDITS; i++) {
      const text = client.text(rel);
      const doc = TextDocument.create('x:', 'markdown', 0, text);
      const a = Math.floor(random() * (text.length + 1));
      const b = Math.min(text.length, a + Math.floor(random() * 6));
      const insert = random() < 0.6 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
      const edit: TextEdit = { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, newText: insert };
      void client.edit(rel, [edit]);
      if (i % 25 === 0) {
        const source = new CancellationTokenSource();
        const position = doc.positionAt(Math.floor(random() * text.length));
        const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(rel) }, position }, source.token);
        if (i % 50 === 0) source.cancel();
        hovers.push(
          hover.catch((e: { code?: number }) => {
            if (e.code === LSPErrorCodes.RequestCancelled) cancelled++;
            else throw e;
          }),
        );
      }
    }
    const started = Date.now();
    await Promise.all(hovers);
    // Responsive: a request after the storm is answered promptly.
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: client.uri(rel) },
      position: { line: 0, character: 0 },
    });
    assert.ok(hover === null || typeof hover === 'object');
    assert.ok(Date.now() - started < 20_000, 'answered after the storm');
    assert.ok(cancelled > 0, 'some hovers were cancelled');

    const finalText = client.text(rel);
    const uri = client.uri(rel);
    // The diagnostics of the very last version must arrive.
    await client.waitFor(() => client.diagnosticVersions.get(uri) === client.version(uri), 'diagnostics of the final version');
    const incremental = summary(client.diagnostics.get(uri)!);

    const fresh = await TestClient.start(root);
    try {
      await fresh.open(rel, finalText);
      await fresh.waitFor(() => fresh.diagnosticVersions.get(uri) === 1, 'fresh diagnostics');
      assert.deepEqual(incremental, summary(fresh.diagnostics.get(uri)!));
    } finally {
      await fresh.stop();
    }
    assert.ok(client.child.exitCode === null, 'the server is still running');
  } finally {
    await client.stop();
    removeDir(root);
  }
});
