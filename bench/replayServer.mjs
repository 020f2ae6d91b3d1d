/**
 * The references floor: a stdio "language server" that does no work. It answers each textDocument/references
 * request, in order, with the bytes of the answer our server gave to the same request (recorded by the bench),
 * so the figures it gets are what the transfer and the client's own decoding of those answers cost.
 *   node bench/replayServer.mjs <answers.json>   ({ bodies: string[], order: number[] })
 */
import { readFileSync } from 'node:fs';

const { bodies, order } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const encoded = bodies.map((b) => Buffer.from(b, 'utf8'));
let next = 0;
let pending = Buffer.alloc(0);

function send(id, body) {
  const json = Buffer.concat([Buffer.from(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":`), body, Buffer.from('}')]);
  process.stdout.write(Buffer.concat([Buffer.from(`Content-Length: ${json.length}\r\n\r\n`, 'ascii'), json]));
}

function handle(message) {
  if (message.method === 'exit') process.exit(0);
  if (message.id === undefined) return;
  if (message.method === 'textDocument/references') send(message.id, encoded[order[next++ % order.length]]);
  else if (message.method === 'initialize') send(message.id, Buffer.from('{"capabilities":{"referencesProvider":true}}'));
  else send(message.id, Buffer.from('null'));
}

process.stdin.on('data', (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  for (;;) {
    const headerEnd = pending.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1]);
    if (pending.length < headerEnd + 4 + length) return;
    handle(JSON.parse(pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
    pending = pending.subarray(headerEnd + 4 + length);
  }
});
