// The bundled server over stdio facing bad clients, bad documents and hostile workspaces:
// - malformed JSON-RPC, unknown methods and bad params get error responses; the process keeps answering;
// - a crash in one document's analysis is contained and logged with the file name;
// - text from documents and kb files reaches hover and completion escaped (no command:/javascript: links, no raw
//   HTML, never trusted);
// - the server makes no network request, starts no process, and reads nothing outside the workspace roots and its
//   own data (checked by a preload that records and blocks; test/fixtures/robustness/guard-preload.cjs).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  ErrorCodes,
  FileChangeType,
  HoverRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { REPO, removeDir, SERVER, TestClient } from './harness';

const FIXTURES = join(REPO, 'test/fixtures/robustness');

function copy(name: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `pl-robust-${name}-`)));
  cpSync(join(FIXTURES, name), join(dir, 'ws'), { recursive: true });
  return dir;
}

/** Rejects when `p` takes longer than `ms`: a hang is a failure, not a stuck test. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

// ---- a raw JSON-RPC peer: writes bytes, reads framed messages ---------------------------------------------------

interface Message {
  id?: number | string | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
}

function rawServer(root: string) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, stdio: 'pipe' });
  const messages: Message[] = [];
  let stderr = '';
  let buf = Buffer.alloc(0);
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdout.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString())?.[1]);
      if (buf.length < end + 4 + length) return;
      messages.push(JSON.parse(buf.subarray(end + 4, end + 4 + length).toString('utf8')));
      buf = buf.subarray(end + 4 + length);
    }
  });
  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return {
    child,
    messages,
    stderr: () => stderr,
    send: (msg: object) => child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', ...msg }))),
    sendRaw: (body: string) => child.stdin.write(frame(body)),
    async waitFor(check: (m: Message) => boolean, what: string, ms = 15_000): Promise<Message> {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = messages.find(check);
        if (m) return m;
        if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) waiting for ${what}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

test('malformed JSON-RPC, unknown methods and bad params get error responses; the server keeps answering', async () => {
  const dir = copy('hostile');
  const root = join(dir, 'ws');
  const s = rawServer(root);
  try {
    s.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} } });
    await s.waitFor((m) => m.id === 1, 'initialize');
    s.send({ method: 'initialized', params: {} });

    s.sendRaw('{"jsonrpc":"2.0","id":2,"method":"textDocument/hover",'); // cut off
    const parseError = await s.waitFor((m) => m.error?.code === ErrorCodes.ParseError, 'a parse error response');
    assert.equal(parseError.id, null);

    s.sendRaw('\u0000\u00ff garbage that is not JSON at all');
    s.send({ id: 3, method: 'policyLens/noSuchMethod', params: {} });
    const unknown = await s.waitFor((m) => m.id === 3, 'unknown method');
    assert.equal(unknown.error?.code, ErrorCodes.MethodNotFound);

    s.send({ method: 'policyLens/noSuchNotification', params: { x: 1 } }); // ignored
    s.send({ id: 999, result: null }); // a response to nothing
    s.send({ id: 4, method: 'textDocument/hover', params: { textDocument: { uri: 42 }, position: { line: -1, character: 'x' } } });
    const badParams = await s.waitFor((m) => m.id === 4, 'hover with nonsense params');
    assert.ok(badParams.error || badParams.result === null, JSON.stringify(badParams));
    s.send({ id: 5, method: 'textDocument/hover', params: null });
    await s.waitFor((m) => m.id === 5, 'hover with null params');
    s.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///nowhere/x.md', languageId: 'markdown', version: 'one', text: 7 } } });
    s.send({ method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///never-opened.md', version: 2 }, contentChanges: [{ text: 'x' }] } });

    // Still alive and answering real requests.
    s.send({ id: 6, method: 'workspace/symbol', params: { query: '' } });
    const symbols = await s.waitFor((m) => m.id === 6, 'workspace/symbol after the garbage');
    assert.ok(Array.isArray(symbols.result), JSON.stringify(symbols).slice(0, 200));
    s.send({ id: 7, method: 'shutdown' });
    await s.waitFor((m) => m.id === 7, 'shutdown');
    assert.equal(s.child.exitCode, null, 'the process was alive until shutdown');
    s.send({ method: 'exit' });
    const code = await new Promise<number | null>((r) => s.child.once('exit', (c) => r(c)));
    assert.equal(code, 0);
  } finally {
    s.child.kill();
    removeDir(dir);
  }
});

test('unknown requests through a real client: MethodNotFound, and the next request is answered', async () => {
  const dir = copy('hostile');
  const client = await TestClient.start(join(dir, 'ws'));
  try {
    await assert.rejects(client.connection.sendRequest('policyLens/doesNotExist', {}), (e: { code?: number }) => e.code === ErrorCodes.MethodNotFound);
    await client.connection.sendNotification('policyLens/alsoUnknown', {});
    const hover = await within(10_000, 'hover', client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: client.uri('docs/note.md') },
      position: client.positionOf('docs/note.md', '악의단체의'),
    }));
    assert.ok(hover);
  } finally {
    await client.stop();
    removeDir(dir);
  }
});

test('a crash in one document\'s analysis is contained and logged with the file name', async () => {
  const dir = copy('fault');
  const root = join(dir, 'ws');
  const client = await TestClient.start(root, {
    env: { NODE_OPTIONS: `--require ${join(FIXTURES, 'fault-preload.cjs')}`, PL_FAULT_MARKER: 'PL-INJECTED-FAULT' },
  });
  try {
    // The faulty file on disk did not take the initial indexing down: the healthy one got its diagnostics.
    await client.waitForDiagnostics('docs/ok.md', (d) => d.length > 0);
    await client.waitFor(() => client.logs.some((l) => l.includes('docs/bad.md') && l.includes('injected fault')), 'the failure logged with the file name');
    const hover = await within(10_000, 'hover on the healthy document', client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: client.uri('docs/ok.md') },
      position: client.positionOf('docs/ok.md', '북한의'),
    }));
    assert.ok(hover, 'the healthy document is answered');

    // The faulty document opened in the editor: requests on it answer (error or nothing), they do not hang.
    await client.open('docs/bad.md');
    await within(10_000, 'hover on the faulty document', client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: client.uri('docs/bad.md') },
      position: client.positionOf('docs/bad.md', '북한의'),
    }).catch((e: { code?: number }) => e));
    // The same for a huge document (analysed in slices): a request on it waits for that analysis once, and when
    // the analysis fails it is answered with the failure instead of waiting forever.
    const huge = `---\ntitle: 큰 문서\n---\n${'북한의 발표를 검토하였다. PL-INJECTED-FAULT 제목\n'.repeat(9000)}`;
    writeFileSync(join(root, 'docs/huge-bad.md'), huge);
    await client.open('docs/huge-bad.md');
    await within(20_000, 'hover on the huge faulty document', client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: client.uri('docs/huge-bad.md') },
      position: { line: 3, character: 1 },
    }).catch((e: { code?: number }) => e));
    // An edit that avoids the fault recovers the document.
    await client.edit('docs/bad.md', [{ range: { start: client.positionOf('docs/bad.md', 'PL-INJECTED-FAULT'), end: client.positionOf('docs/bad.md', ' 제목') }, newText: '정상' }]);
    await client.waitForDiagnostics('docs/bad.md', (d) => d.some((x) => x.code === 'PL009'), 'diagnostics after the fix');
    assert.equal(client.child.exitCode, null, 'the server is still running');
  } finally {
    await client.stop();
    removeDir(dir);
  }
});

test('files that vanish, turn binary or are replaced by a folder under the server: events handled, nothing thrown', async () => {
  const dir = copy('fault');
  const root = join(dir, 'ws');
  const client = await TestClient.start(root);
  try {
    await client.waitForDiagnostics('docs/ok.md', (d) => d.length > 0);
    // A change event for a file that is already gone (deleted between the event and the read).
    rmSync(join(root, 'docs/ok.md'));
    writeFileSync(join(root, 'docs/image.txt'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), Buffer.alloc(500, 0xff)]));
    mkdirSync(join(root, 'docs/folder.md'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: client.uri('docs/ok.md'), type: FileChangeType.Changed },
        { uri: client.uri('docs/image.txt'), type: FileChangeType.Created },
        { uri: client.uri('docs/folder.md'), type: FileChangeType.Created },
        { uri: client.uri('docs/never-existed.md'), type: FileChangeType.Deleted },
      ],
    });
    await client.waitForDiagnostics('docs/image.txt', (d) => d.length === 1 && d[0].code === 'PL014', 'the binary file flagged');
    await client.waitForDiagnostics('docs/ok.md', (d) => d.length === 0, 'the vanished file cleared');
    const symbols = await within(10_000, 'a request after the events', client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' }));
    assert.ok(Array.isArray(symbols));
    assert.ok(!client.logs.some((l) => /failed/i.test(l)), client.logs.join('\n'));
  } finally {
    await client.stop();
    removeDir(dir);
  }
});

test('a 10 MB single-line document: other requests are answered meanwhile, its diagnostics arrive, nothing crashes', async () => {
  const dir = copy('fault');
  const root = join(dir, 'ws');
  const client = await TestClient.start(root);
  try {
    await client.waitForDiagnostics('docs/ok.md', (d) => d.length > 0);
    await client.open('docs/ok.md');
    const huge = `${'policy text without a break '.repeat(380_000)}북한의 발표`;
    assert.ok(huge.length > 10_000_000);
    const sent = performance.now();
    await client.open('docs/huge.txt', huge);
    const hover = await within(15_000, 'hover on another document while the huge one is analysed', client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: client.uri('docs/ok.md') },
      position: client.positionOf('docs/ok.md', '북한의'),
    }));
    const hoverMs = performance.now() - sent;
    assert.ok(hover);
    await client.waitFor(() => client.diagnosticVersions.get(client.uri('docs/huge.txt')) === 1, 'diagnostics of the huge document', 120_000);
    const diagnosticsMs = performance.now() - sent;
    assert.ok(client.diagnosticsOf('docs/huge.txt').some((d) => d.code === 'PL001'));
    assert.equal(client.child.exitCode, null);
    console.log(`huge document: ${(huge.length / 1e6).toFixed(1)} M characters on one line; hover elsewhere answered after ${hoverMs.toFixed(0)} ms, its diagnostics after ${diagnosticsMs.toFixed(0)} ms`);
  } finally {
    await client.stop();
    removeDir(dir);
  }
});

const markdownOf = (c: unknown): string => {
  if (!c) return '';
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map(markdownOf).join('\n');
  return (c as MarkupContent).value ?? '';
};

/** Markdown a hostile text must never produce: live links to commands or scripts, raw HTML elements. */
function assertInert(markdown: string, where: string): void {
  assert.doesNotMatch(markdown, /\]\(\s*<?\s*(command|javascript|data|vbscript):/i, `${where}: a command/javascript link target`);
  assert.doesNotMatch(markdown, /<(img|script|a|b|iframe|svg)[\s>/]/i, `${where}: raw HTML`);
  assert.doesNotMatch(markdown, /(^|[^\\])\[[^\]]*\]\((?!https?:|file:)[^)]/, `${where}: a link to something other than http(s) or file`);
}

test('hover, completion and diagnostics from hostile kb records and documents are inert; the server touches no network, no process, nothing outside the workspace', async () => {
  const dir = copy('hostile');
  const root = join(dir, 'ws');
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.md'), '---\ntitle: secret\n---\n외부 비밀 악의단체\n');
  writeFileSync(join(outside, 'records.yaml'), '- id: outside-record\n  kind: country\n  name: {ko: 바깥나라, en: Outside}\n');
  symlinkSync(join(outside, 'secret.md'), join(root, 'docs/secret.md'));
  symlinkSync(outside, join(root, 'docs/outside'));
  symlinkSync(join(outside, 'records.yaml'), join(root, 'kb/linked.yaml'));
  writeFileSync(join(root, '.policylens.yaml'), `kb:\n  globs: ["kb/**/*.yaml", "../outside/*.yaml", "${outside}/*.yaml"]\n`);
  const log = join(dir, 'guard.log');
  writeFileSync(log, '');
  const client = await TestClient.start(root, { env: { NODE_OPTIONS: `--require ${join(FIXTURES, 'guard-preload.cjs')}`, PL_GUARD_LOG: log } });
  const note = 'docs/note.md';
  try {
    await client.open(note);
    const uri = client.uri(note);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: client.positionOf(note, '악의단체의') });
    const content = hover!.contents as MarkupContent & { isTrusted?: boolean; supportHtml?: boolean };
    assert.equal(content.isTrusted, undefined, 'hover is never trusted');
    assert.equal(content.supportHtml, undefined, 'hover never enables HTML');
    assertInert(content.value, 'hover');
    assert.match(content.value, /악의단체/, 'the text is still shown, escaped');

    const completions: CompletionItem[] = [];
    for (const [needle, delta] of [['evil-ngo,', 0], ['[[evil-ngo', 2]] as const) {
      const r = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: client.positionOf(note, needle, delta) });
      completions.push(...((r as CompletionList | null)?.items ?? (r as CompletionItem[] | null) ?? []));
    }
    const evil = completions.filter((c) => JSON.stringify(c).includes('evil-ngo'));
    assert.ok(evil.length > 0, 'the hostile record is offered');
    for (const c of completions) {
      const doc = c.documentation as (MarkupContent & { isTrusted?: boolean }) | string | undefined;
      if (doc && typeof doc !== 'string') assert.equal(doc.isTrusted, undefined);
      assertInert(markdownOf(doc), `completion ${c.label} documentation`);
      assert.ok(!c.command || c.command.command.startsWith('editor.') || c.command.command.startsWith('policyLens.'), `completion ${c.label} runs ${c.command?.command}`);
    }

    const diagnostics = await client.waitForDiagnostics(note, (d) => d.length > 0);
    for (const d of diagnostics) assert.equal(typeof d.message, 'string', 'diagnostic messages are plain text, never markup');

    // Every other request that takes text from the workspace, for the guard to watch.
    await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: client.positionOf(note, '악의단체의') });
    await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: client.positionOf(note, '악의단체의'), context: { includeDeclaration: true } });
    await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics } });
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const symbols = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' });
    // Watched-file events naming the symlink and the outside file itself must not make the server read them.
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: client.uri('docs/secret.md'), type: FileChangeType.Created },
        { uri: client.uri('kb/linked.yaml'), type: FileChangeType.Changed },
        { uri: pathToFileURL(join(outside, 'secret.md')).href, type: FileChangeType.Created },
      ],
    });
    const entities = (await client.connection.sendRequest('policyLens/entityIndex')) as { id: string }[];
    const after = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) ?? [];
    assert.ok(!entities.some((e) => e.id === 'outside-record'), 'no record from outside the workspace');
    assert.ok(![...(symbols ?? []), ...after].some((s) => JSON.stringify(s).includes(outside)), 'no symbol from outside the workspace');
    assert.ok(client.logs.some((l) => /refused/i.test(l) && l.includes('../outside')), 'the outside kb glob is reported as refused');

    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const trips = lines.filter((l) => /^(net|exec) /.test(l));
    assert.deepEqual(trips, [], 'no network request, no process started');
    const threads = lines.filter((l) => l.startsWith('thread '));
    assert.ok(threads.every((l) => l === `thread ${resolve(REPO, 'server', 'out', 'analysisWorker.js')}`), `only the server's own analysis workers run: ${threads}`);
    const allowed = [realpathSync(root), resolve(REPO, 'server')];
    const paths = lines.filter((l) => /^(read|list) \//.test(l)).map((l) => l.replace(/^\w+ /, ''));
    assert.ok(paths.length > 0, 'the guard saw the server read its files');
    // Module loading is not data: fdir (inside the bundle) probes for an optional `picomatch` with require().
    const moduleLoad = (p: string) => p.startsWith(resolve(REPO, 'node_modules') + '/') && /\.(c|m)?js(on)?$/.test(p);
    const strays = paths.filter((p) => !allowed.some((a) => p === a || p.startsWith(`${a}/`)) && !moduleLoad(p) && !p.startsWith('/proc/'));
    assert.deepEqual(strays, [], 'reads outside the workspace and the server\'s own folder');
    assert.ok(!paths.some((p) => p.startsWith(outside)), 'nothing under the outside folder');
    console.log(`security: guard saw ${paths.length} reads/listings, all inside the workspace or server/; 0 network, 0 exec`);
  } finally {
    await client.stop();
    removeDir(dir);
  }
});
