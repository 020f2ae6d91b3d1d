// The bundled server under a burst: thousands of rapid incremental didChange messages on two open documents,
// with hovers interleaved and a third of them cancelled. The server must stay responsive, answer every request
// (a result or RequestCancelled, never silence), and end in exactly the state a fresh server reaches on the final
// texts (same diagnostics, same semantic tokens: no edit lost). Figures are printed for docs/robustness.md.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CancellationTokenSource,
  HoverRequest,
  LSPErrorCodes,
  SemanticTokensRequest,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO, removeDir, TestClient } from './harness';

const EDITS = Number(process.env.PL_STRESS_EDITS ?? 3000);
const HOVER_EVERY = 10;
const CANCEL_EVERY = 3; // every third hover is cancelled right after it is sent
const SEED = 7;

/** mulberry32: a small seeded PRNG, so every run sends the same burst. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '북한의 ', '러시아와 ', '동해협력조약', '푸른기구는 ', '[[eastsea-pact]] ', '[[nope]] ', '한미일 ', 'North Korea ', 'Japan ',
  '\n', '\r\n', ' ', '---\n', 'entities: [prk]\n', 'date: 2024.01.02\n', 'title: "x\n', '😀', '🇰🇷', '한'.normalize('NFD'), '<b>', '</b>',
  '[[', ']]', '`', '\t', 'é',
];

const summary = (ds: Diagnostic[]) =>
  ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();

test(`${EDITS} rapid incremental edits, hovers and cancellations: responsive, every request answered, final state = a fresh server`, async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pl-stress-')));
  cpSync(join(REPO, 'test/fixtures/robustness/stress'), dir, { recursive: true });
  const files = ['docs/briefing.md', 'docs/wire.txt'];
  const client = await TestClient.start(dir);
  try {
    for (const f of files) await client.open(f);
    const random = rng(SEED);
    const latencies: number[] = [];
    const outcomes = { result: 0, cancelled: 0, cancelledAnswered: 0 };
    const pending: Promise<void>[] = [];
    let hovers = 0;
    let cancels = 0;
    const burstStart = performance.now();
    for (let i = 0; i < EDITS; i++) {
      const rel = files[random() < 0.7 ? 0 : 1];
      const text = client.text(rel);
      const doc = TextDocument.create('x:', 'markdown', 0, text);
      const a = Math.floor(random() * (text.length + 1));
      const b = Math.min(text.length, a + Math.floor(random() * 8));
      const insert = random() < 0.65 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
      const edit: TextEdit = { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, newText: insert };
      void client.edit(rel, [edit]);
      if (i % HOVER_EVERY === 0) {
        const cancel = hovers++ % CANCEL_EVERY === 0;
        const source = new CancellationTokenSource();
        const position = doc.positionAt(Math.floor(random() * (text.length + 1)));
        const sent = performance.now();
        const request = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(rel) }, position }, source.token);
        if (cancel) {
          cancels++;
          source.cancel();
        }
        pending.push(
          request.then(
            () => {
              latencies.push(performance.now() - sent);
              if (cancel) outcomes.cancelledAnswered++;
              else outcomes.result++;
            },
            (e: { code?: number; message?: string }) => {
              latencies.push(performance.now() - sent);
              if (e.code === LSPErrorCodes.RequestCancelled && cancel) outcomes.cancelled++;
              else throw new Error(`hover failed: ${e.code} ${e.message}`);
            },
          ),
        );
      }
    }
    const burstMs = performance.now() - burstStart;
    // Every request is answered: none may hang (bounded wait), none may fail other than by cancellation.
    await Promise.race([
      Promise.all(pending),
      new Promise((_, reject) => setTimeout(() => reject(new Error('hovers still unanswered 60 s after the burst')), 60_000)),
    ]);
    assert.equal(outcomes.result + outcomes.cancelled + outcomes.cancelledAnswered, hovers);
    assert.ok(outcomes.cancelled > 0, 'cancellation is honoured for at least some requests');

    // Responsive after the burst: a fresh hover is answered promptly.
    const t0 = performance.now();
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(files[0]) }, position: { line: 0, character: 0 } });
    const afterMs = performance.now() - t0;
    assert.ok(afterMs < 5_000, `hover after the burst took ${afterMs.toFixed(0)} ms`);

    // The diagnostics of the very last version of each document arrive.
    for (const f of files) {
      const uri = client.uri(f);
      await client.waitFor(() => client.diagnosticVersions.get(uri) === client.version(uri), `diagnostics of the final version of ${f}`, 30_000);
    }
    const tokens = async (c: TestClient, f: string) =>
      (await c.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: c.uri(f) } }))?.data ?? [];

    const fresh = await TestClient.start(dir);
    try {
      for (const f of files) {
        await fresh.open(f, client.text(f));
        await fresh.waitFor(() => fresh.diagnosticVersions.get(fresh.uri(f)) === 1, `fresh diagnostics of ${f}`);
        assert.deepEqual(summary(client.diagnosticsOf(f)), summary(fresh.diagnosticsOf(f)), `${f}: diagnostics after the burst = fresh analysis`);
        assert.deepEqual(await tokens(client, f), await tokens(fresh, f), `${f}: semantic tokens equal (no edit lost)`);
      }
    } finally {
      await fresh.stop();
    }
    assert.equal(client.child.exitCode, null, 'the server is still running');
    assert.ok(!client.logs.some((l) => /failed/i.test(l)), `no handler failed:\n${client.logs.filter((l) => /failed/i.test(l)).join('\n')}`);

    const avg = latencies.reduce((s, x) => s + x, 0) / latencies.length;
    const max = Math.max(...latencies);
    console.log(
      `stress: ${EDITS} didChange on 2 documents in ${burstMs.toFixed(0)} ms (${Math.round(EDITS / (burstMs / 1000))}/s sent), ` +
        `${hovers} hovers (${cancels} cancelled: ${outcomes.cancelled} answered RequestCancelled, ${outcomes.cancelledAnswered} answered before the cancel; ` +
        `${outcomes.result} results), hover latency avg ${avg.toFixed(0)} ms / max ${max.toFixed(0)} ms, hover after the burst ${afterMs.toFixed(0)} ms, ` +
        `final diagnostics and semantic tokens = fresh server: yes, lost edits: 0, crashes: 0`,
    );
  } finally {
    await client.stop();
    removeDir(dir);
  }
});
