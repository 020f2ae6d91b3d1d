import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { BatchingStreamWriter } from '../../../server/src/lsp/batchingWriter';
import { SerializedResult } from '../../../server/src/lsp/serializedResult';

/** Splits `Content-Length` framed bytes back into messages. */
function unframe(bytes: Buffer): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    const length = Number(/Content-Length: (\d+)/.exec(bytes.toString('ascii', at, headerEnd))![1]);
    out.push(JSON.parse(bytes.toString('utf8', headerEnd + 4, headerEnd + 4 + length)));
    at = headerEnd + 4 + length;
  }
  return out;
}

describe('the stdio message writer', () => {
  it('writes the messages of one synchronous run in one write, framed and in order, and resolves each', async () => {
    const writes: Buffer[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _e, done) => (writes.push(chunk), done()) });
    const writer = new BatchingStreamWriter(stream);
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: [{ message: '북한 — “quoted”' }] } },
      { jsonrpc: '2.0', id: 7, result: SerializedResult.of([{ uri: 'file:///b.md', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } } }]) },
      { jsonrpc: '2.0', id: 'x', result: null },
    ];
    await Promise.all(messages.map((m) => writer.write(m as never)));
    assert.equal(writes.length, 1, 'one write');
    assert.deepEqual(unframe(writes[0]), JSON.parse(JSON.stringify(messages)), 'the same messages, a serialized result as its value');
    await writer.write({ jsonrpc: '2.0', method: 'later' } as never);
    assert.equal(writes.length, 2, 'a later turn, a later write');
  });

  it('writes a large cached answer as it is (no copy), gathered with the rest of the turn', async () => {
    const received: Buffer[][] = [];
    const stream = new Writable({
      writev: (chunks, done) => (received.push(chunks.map((c) => c.chunk as Buffer)), done()),
      write: (chunk: Buffer, _e, done) => (received.push([chunk]), done()),
    });
    const writer = new BatchingStreamWriter(stream);
    const locations = Array.from({ length: 2000 }, (_, i) => ({ uri: `file:///corpus/doc-${i}.md`, range: { start: { line: i, character: 1 }, end: { line: i, character: 4 } } }));
    const answer = SerializedResult.of(locations);
    const messages = [{ jsonrpc: '2.0', method: 'before' }, { jsonrpc: '2.0', id: 1, result: answer }, { jsonrpc: '2.0', method: 'after' }];
    await Promise.all(messages.map((m) => writer.write(m as never)));
    assert.equal(received.length, 1, 'one gathered write');
    assert.ok(received[0].includes(answer.bytes()), 'the cached bytes themselves');
    assert.deepEqual(unframe(Buffer.concat(received[0])), JSON.parse(JSON.stringify(messages)));
  });

  it('reports a failed write to every message of the batch and as an error event', async () => {
    const stream = new PassThrough();
    stream.write = ((_chunk: unknown, callback: (e?: Error) => void) => (process.nextTick(() => callback(new Error('EPIPE'))), false)) as never;
    const writer = new BatchingStreamWriter(stream);
    const errors: Error[] = [];
    writer.onError(([e]) => errors.push(e));
    const results = await Promise.allSettled([writer.write({ jsonrpc: '2.0', method: 'a' } as never), writer.write({ jsonrpc: '2.0', method: 'b' } as never)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(errors.length, 1);
  });
});
