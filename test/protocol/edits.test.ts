import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  PrepareRenameRequest,
  RenameRequest,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { applyWorkspaceEdit, readUri, TestClient, useServer } from './harness';

/** Texts after applying an edit, by workspace-relative path. */
function applied(client: TestClient, edit: WorkspaceEdit): Record<string, string> {
  const out: Record<string, string> = {};
  const result = applyWorkspaceEdit(edit, (uri) => readUri(uri), (uri) => client.version(uri));
  for (const [uri, text] of result) out[uri.slice(client.uri('').length + 1)] = text;
  return out;
}

async function notifyDisk(client: TestClient, rel: string, type: FileChangeType): Promise<void> {
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.uri(rel), type }] });
}

describe('rename', () => {
  let root: string;
  let client: TestClient;
  useServer('basic', (c, r) => ((client = c), (root = r)), { copy: true });

  const at = (rel: string, needle: string, delta: number) => ({
    textDocument: { uri: client.uri(rel) },
    position: client.positionOf(rel, needle, delta),
  });

  test('prepareRename offers the id under the cursor', async () => {
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, at('docs/alpha.md', '[[eastsea-pact]]', 4));
    const start = client.positionOf('docs/alpha.md', '[[eastsea-pact]]', 2);
    assert.deepEqual(prepared, {
      range: { start, end: { line: start.line, character: start.character + 'eastsea-pact'.length } },
      placeholder: 'eastsea-pact',
    });
  });

  test('rename changes the definition, kb cross-references, front-matter lists and [[links]], not prose', async () => {
    const edit = (await client.connection.sendRequest(RenameRequest.type, { ...at('docs/alpha.md', '[[eastsea-pact]]', 4), newName: 'east-sea-pact' }))!;
    const texts = applied(client, edit);
    assert.deepEqual(Object.keys(texts).sort(), ['docs/alpha.md', 'kb/definitions.yaml']);
    const kb = texts['kb/definitions.yaml'];
    assert.match(kb, /^- id: east-sea-pact$/m);
    assert.match(kb, /^  replaces: east-sea-pact$/m);
    assert.match(kb, /^  replaced_by: eastsea-pact-2$/m, 'a longer id that starts the same is left alone');
    assert.match(kb, /^- id: eastsea-pact-2$/m);
    const alpha = texts['docs/alpha.md'];
    assert.match(alpha, /^treaties: \[east-sea-pact\]$/m);
    assert.match(alpha, /관련 기록: \[\[east-sea-pact\]\]$/m);
    assert.match(alpha, /양측은 동해협력조약의 이행을/, 'prose names stay as written');
  });

  test('renaming a built-in-only id is refused with a clear error', async () => {
    await assert.rejects(
      client.connection.sendRequest(PrepareRenameRequest.type, at('docs/alpha.md', '북한의', 1)),
      (e: Error) => /built-in knowledge base/.test(e.message),
    );
  });

  test('an invalid or existing new id is refused', async () => {
    const params = at('docs/alpha.md', '[[eastsea-pact]]', 4);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { ...params, newName: 'has space' }), /not a valid id/);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { ...params, newName: 'eastsea-pact-2' }), /already exists/);
  });
});

describe('keeping diagnostics current', () => {
  let root: string;
  let client: TestClient;
  useServer('basic', (c, r) => ((client = c), (root = r)), { copy: true });

  const unknownIds = (d: Diagnostic[]) => d.filter((x) => x.code === 'PL006');

  test('deleting a definition file makes the dependent diagnostics appear in other documents', async () => {
    assert.equal(unknownIds(client.diagnosticsOf('docs/delta.md')).length, 0, 'no PL006 at first');
    rmSync(join(root, 'kb/extra.yaml'));
    await notifyDisk(client, 'kb/extra.yaml', FileChangeType.Deleted);
    const diags = await client.waitForDiagnostics('docs/delta.md', (d) => unknownIds(d).length === 1, 'PL006 after the deletion');
    const start = client.positionOf('docs/delta.md', 'blue-harbor-forum');
    assert.deepEqual(unknownIds(diags)[0].range, { start, end: { line: start.line, character: start.character + 17 } });
    // and restoring it clears them again
    writeFileSync(join(root, 'kb/extra.yaml'), '- id: blue-harbor-forum\n  kind: organization\n  name: { en: Blue Harbor Forum }\n');
    await notifyDisk(client, 'kb/extra.yaml', FileChangeType.Created);
    await client.waitForDiagnostics('docs/delta.md', (d) => unknownIds(d).length === 0, 'PL006 gone after restoring');
  });

  test('"mentioned in N documents" follows edits', async () => {
    const count = async () => {
      const hover = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: client.uri('docs/alpha.md') },
        position: client.positionOf('docs/alpha.md', '동해협력조약의', 1),
      });
      return /Mentioned in (\d+) document/.exec((hover!.contents as MarkupContent).value)?.[1];
    };
    assert.equal(await count(), '3');
    await client.open('docs/gamma.txt');
    const start = client.positionOf('docs/gamma.txt', '동해협력조약');
    await client.edit('docs/gamma.txt', [{ range: { start, end: { line: start.line, character: start.character + 6 } }, newText: '그' }]);
    assert.equal(await count(), '2');
    await client.close('docs/gamma.txt');
    assert.equal(await count(), '3', 'back to the disk text');
  });

  test('a document created on disk is analysed and reported', async () => {
    writeFileSync(join(root, 'docs/new-page.txt'), '새로 추가된 문서\n\n북한의 발표를 분석하였다.\n');
    await notifyDisk(client, 'docs/new-page.txt', FileChangeType.Created);
    const diags = await client.waitForDiagnostics('docs/new-page.txt', (d) => d.some((x) => x.code === 'PL001'), 'PL001 for the new file');
    assert.ok(diags.length >= 1);
    rmSync(join(root, 'docs/new-page.txt'));
    await notifyDisk(client, 'docs/new-page.txt', FileChangeType.Deleted);
    await client.waitForDiagnostics('docs/new-page.txt', (d) => d.length === 0, 'cleared after deletion');
  });

  test('edits in the editor update diagnostics; closing falls back to the disk content', async () => {
    await client.open('docs/beta.md');
    const start = client.positionOf('docs/beta.md', 'narnia');
    const version = await client.edit('docs/beta.md', [
      { range: { start, end: { line: start.line, character: start.character + 6 } }, newText: 'rus' },
    ]);
    await client.waitFor(
      () => client.diagnostics.get(client.uri('docs/beta.md')) && unknownIds(client.diagnosticsOf('docs/beta.md')).length === 0,
      'PL006 gone after the edit',
    );
    assert.ok(version > 1);
    await client.close('docs/beta.md');
    await client.waitForDiagnostics('docs/beta.md', (d) => unknownIds(d).length === 1, 'PL006 back from the disk text');
  });
});

describe('create definition', () => {
  let root: string;
  let client: TestClient;
  useServer('basic', (c, r) => ((client = c), (root = r)), {
    copy: true,
    prepare: (dir) => {
      // No kb/definitions.yaml yet: the quick fix must create it.
      renameSync(join(dir, 'kb/definitions.yaml'), join(dir, 'kb/main.yaml'));
      writeFileSync(
        join(dir, 'docs/epsilon.md'),
        '---\ntitle: 협정 서명\ndate: 2024-03-03\nsource: https://example.org/e\n---\n\n양국은 ‘푸른바다 보호에 관한 협정’에 서명하였다.\n',
      );
    },
  });

  test('"Create definition for …" creates kb/definitions.yaml with a record, which clears the diagnostic', async () => {
    const diags = await client.waitForDiagnostics('docs/beta.md', (d) => d.some((x) => x.code === 'PL006'));
    const unknown = diags.find((d) => d.code === 'PL006')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri('docs/beta.md') },
      range: unknown.range,
      context: { diagnostics: [unknown], only: ['quickfix'] },
    })) as CodeAction[];
    const create = actions.find((a) => a.title.startsWith("Create definition for 'narnia'"));
    assert.ok(create, actions.map((a) => a.title).join('; '));
    assert.deepEqual(create.diagnostics, [unknown]);
    const ops = create.edit!.documentChanges!;
    assert.deepEqual(ops[0], { kind: 'create', uri: client.uri('kb/definitions.yaml'), options: { ignoreIfExists: true } });
    const texts = applied(client, create.edit!);
    const kb = texts['kb/definitions.yaml'];
    assert.match(kb, /^- id: narnia\n  kind: organization\b.*\n  name:\n    en: narnia\n$/m);
    writeFileSync(join(root, 'kb/definitions.yaml'), kb);
    await notifyDisk(client, 'kb/definitions.yaml', FileChangeType.Created);
    await client.waitForDiagnostics('docs/beta.md', (d) => !d.some((x) => x.code === 'PL006'), 'PL006 cleared');
  });

  test('an unknown quoted instrument gets a definition named by its title, which then resolves it', async () => {
    const rel = 'docs/epsilon.md';
    await client.open(rel); // PL013 is information: shown while the document is open
    const diags = await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'PL013'));
    const unknown = diags.find((d) => d.code === 'PL013')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri(rel) },
      range: unknown.range,
      context: { diagnostics: [unknown], only: ['quickfix'] },
    })) as CodeAction[];
    const create = actions.find((a) => a.title.startsWith('Create definition'));
    assert.ok(create, actions.map((a) => a.title).join('; '));
    const kbRel = 'kb/definitions.yaml';
    const kb = applied(client, create.edit!)[kbRel];
    assert.match(kb, /^- id: instrument-1\n  kind: agreement # [^\n]*\n  name:\n    ko: 푸른바다 보호에 관한 협정\n$/m);
    writeFileSync(join(root, kbRel), kb);
    await notifyDisk(client, kbRel, FileChangeType.Changed);
    await client.waitForDiagnostics(rel, (d) => !d.some((x) => x.code === 'PL013'), 'PL013 resolved by the new record');
    await client.close(rel);
  });
});
