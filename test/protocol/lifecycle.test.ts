import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import {
  createProtocolConnection,
  ErrorCodes,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  StreamMessageReader,
  WorkspaceSymbolRequest,
  type Message,
} from 'vscode-languageserver-protocol/node';
import { FIXTURES, FULL_CAPABILITIES, SERVER, TestClient, useServer } from './harness';

const ROOT = join(FIXTURES, 'basic');
let client: TestClient;
useServer('basic', (c) => (client = c));

test('initialize announces every capability and the semantic-token legend', () => {
  const caps = client.initializeResult.capabilities;
  for (const key of [
    'hoverProvider',
    'definitionProvider',
    'referencesProvider',
    'documentHighlightProvider',
    'renameProvider',
    'completionProvider',
    'codeActionProvider',
    'documentSymbolProvider',
    'workspaceSymbolProvider',
    'documentLinkProvider',
    'semanticTokensProvider',
  ] as const) {
    assert.ok(caps[key], key);
  }
  assert.deepEqual(caps.semanticTokensProvider?.legend.tokenTypes, ['person', 'country', 'organization', 'instrument']);
  assert.deepEqual((caps.renameProvider as { prepareProvider: boolean }).prepareProvider, true);
  assert.equal((caps.textDocumentSync as { change: number }).change, 2, 'incremental sync');
});

test('indexing reports progress and the index state, and watchers are registered', () => {
  const progress = client.progress.map((p) => p.kind);
  assert.equal(progress[0], 'begin');
  assert.equal(progress[progress.length - 1], 'end');
  const states = client.notifications.filter((n) => n.method === 'policyLens/indexState').map((n) => n.params as { state: string; documents: number });
  assert.equal(states[0].state, 'indexing');
  const ready = client.indexState()!;
  assert.equal(ready.state, 'ready');
  assert.equal(ready.documents, 4);
  assert.ok((ready as { entities: number }).entities > 100, 'built-in entities are counted');
  const watchers = JSON.stringify(client.registrations);
  assert.match(watchers, /workspace\/didChangeWatchedFiles/);
  assert.match(watchers, /\.policylens\.yaml/);
});

test('diagnostics are published for every document of the corpus without opening any', async () => {
  const gamma = await client.waitForDiagnostics('docs/gamma.txt', (d) => d.length > 0);
  assert.ok(gamma.some((d) => d.code === 'PL001'), 'gamma has no front-matter');
  const beta = await client.waitForDiagnostics('docs/beta.md', (d) => d.some((x) => x.code === 'PL006'));
  const unknown = beta.find((d) => d.code === 'PL006')!;
  // exactly the `narnia` item of `entities: [prk, narnia]` (line 3)
  assert.deepEqual(unknown.range, { start: { line: 3, character: 16 }, end: { line: 3, character: 22 } });
  assert.equal(unknown.source, 'policy-lens');
  assert.match(String(unknown.message), /narnia/);
  const byCode = (code: string) => beta.filter((d) => d.code === code).map((d) => d.range);
  const span = (needle: string, delta: number, length: number) => {
    const start = client.positionOf('docs/beta.md', needle, delta);
    return { start, end: { line: start.line, character: start.character + length } };
  };
  // closed documents get errors and warnings only
  assert.deepEqual([...new Set(beta.map((d) => d.code))].sort(), ['PL002', 'PL006', 'PL007']);
  assert.deepEqual(byCode('PL007'), [span('[[atlantis]]', 2, 'atlantis'.length)]);
  // opened, the information-level ones appear too: mentioned but not listed (the treaty, 러시아 without 와)
  await client.open('docs/beta.md');
  const open = await client.waitForDiagnostics('docs/beta.md', (d) => d.some((x) => x.code === 'PL009'));
  const pl009 = open.filter((d) => d.code === 'PL009').map((d) => d.range);
  assert.deepEqual(pl009, [span('동해협력조약', 0, 6), span('러시아와', 0, 3)]);
  assert.ok(open.every((d) => d.code !== 'PL009' || d.severity === 3), 'information');
  await client.close('docs/beta.md');
  await client.waitForDiagnostics('docs/beta.md', (d) => !d.some((x) => x.code === 'PL009'), 'hidden again when closed');
  // complete documents are clean
  assert.deepEqual(client.diagnosticsOf('docs/alpha.md'), []);
  assert.deepEqual(client.diagnosticsOf('docs/delta.md'), []);
});

test('the entity index and the workspace check answer the client commands', async () => {
  const entities = await client.connection.sendRequest<{ id: string; nameKo?: string; uri?: string; range?: unknown }[]>('policyLens/entityIndex');
  const pact = entities.find((e) => e.id === 'eastsea-pact');
  assert.equal(pact?.nameKo, '동해협력조약');
  assert.equal(pact?.uri, client.uri('kb/definitions.yaml'));
  assert.ok(entities.some((e) => e.id === 'prk' && e.uri?.includes('/server/data/kb/')));
  const summary = await client.connection.sendRequest<{ documents: number; errors: number; warnings: number; infos: number }>(
    'policyLens/checkWorkspace',
  );
  assert.equal(summary.documents, 4);
  assert.ok(summary.errors + summary.warnings >= 2, JSON.stringify(summary));
});

test('an unknown method gets MethodNotFound and the server keeps answering', async () => {
  await assert.rejects(client.connection.sendRequest('policyLens/noSuchThing', {}), (e: { code: number }) => e.code === ErrorCodes.MethodNotFound);
  const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'eastsea' });
  assert.ok(symbols && symbols.length >= 2);
});

/** Frames a JSON-RPC message (or any text) with its header, as the base protocol does. */
function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** A server driven with raw bytes, for what a well-behaved client library never sends. */
async function rawSession(send: (write: (s: string) => void) => void, until: (messages: Message[]) => boolean): Promise<Message[]> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: 'pipe' });
  const messages: Message[] = [];
  const reader = new StreamMessageReader(child.stdout);
  const done = new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timeout; got ${JSON.stringify(messages)}`)), 15_000);
    reader.listen((m) => {
      messages.push(m);
      // Answer the server's own requests (registrations, progress) as a client does.
      if ('method' in m && 'id' in m) child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: null })));
      if (until(messages)) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  const init = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { processId: null, rootUri: pathToFileURL(ROOT).href, capabilities: FULL_CAPABILITIES },
  };
  child.stdin.write(frame(JSON.stringify(init)));
  child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })));
  send((s) => child.stdin.write(s));
  try {
    await done;
  } finally {
    child.kill();
  }
  return messages;
}

const responseTo = (messages: Message[], id: number | null) =>
  messages.find((m) => 'id' in m && (m as { id: unknown }).id === id && !('method' in m)) as
    | { id: number | null; result?: unknown; error?: { code: number; message: string } }
    | undefined;

test('a malformed JSON-RPC message gets a parse error and the server goes on', async () => {
  const messages = await rawSession(
    (write) => {
      write(frame('{"jsonrpc": "2.0", "id": 7, "method": '));
      write(frame(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'workspace/symbol', params: { query: 'eastsea' } })));
    },
    (ms) => !!responseTo(ms, 8),
  );
  const parseError = responseTo(messages, null);
  assert.equal(parseError?.error?.code, ErrorCodes.ParseError);
  const after = responseTo(messages, 8);
  assert.ok(Array.isArray(after?.result) && (after.result as unknown[]).length >= 2, 'still answers');
});

test('a cancelled request is answered with RequestCancelled', async () => {
  const messages = await rawSession(
    (write) => {
      // Request and cancellation in one write: the cancel is read while the request still waits its turn.
      const request = frame(JSON.stringify({ jsonrpc: '2.0', id: 21, method: 'workspace/symbol', params: { query: '' } }));
      const cancel = frame(JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 21 } }));
      write(request + cancel);
      write(frame(JSON.stringify({ jsonrpc: '2.0', id: 22, method: 'workspace/symbol', params: { query: 'eastsea' } })));
    },
    (ms) => !!responseTo(ms, 21) && !!responseTo(ms, 22),
  );
  assert.equal(responseTo(messages, 21)?.error?.code, LSPErrorCodes.RequestCancelled);
  assert.ok(Array.isArray(responseTo(messages, 22)?.result), 'the next request is served');
});

test('the server also speaks over node IPC, as the VS Code client starts it', async () => {
  const child = fork(SERVER, ['--node-ipc'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  try {
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      capabilities: {},
    });
    assert.ok(result.capabilities.hoverProvider);
  } finally {
    connection.dispose();
    child.kill();
  }
});
