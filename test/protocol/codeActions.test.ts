import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyWorkspaceEdit, FIXTURES, readUri, TestClient, useServer } from './harness';

const ROOT = join(FIXTURES, 'basic');
let client: TestClient;
useServer('basic', (c) => (client = c));

const disk = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

async function actionsFor(rel: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: client.uri(rel) },
    range,
    context: { diagnostics, only },
  })) as CodeAction[];
}

/** Applies the action and returns the new text of `rel` (the only file it may touch). */
function textAfter(action: CodeAction, rel: string): string {
  const result = applyWorkspaceEdit(action.edit!, readUri, (uri) => client.version(uri));
  assert.deepEqual([...result.keys()], [client.uri(rel)], `${action.title} edits only ${rel}`);
  return result.get(client.uri(rel))!;
}

/** Opens the fixed text in the editor and waits until the diagnostic the action claims to fix is gone. */
async function assertClears(rel: string, text: string, fixed: Diagnostic): Promise<void> {
  await client.open(rel, text);
  await client.waitForDiagnostics(
    rel,
    (d) => client.text(rel) === text && !d.some((x) => x.code === fixed.code && x.message === fixed.message),
    `${fixed.code} cleared`,
  );
  await client.close(rel);
  await client.waitFor(() => client.diagnosticVersions.get(client.uri(rel)) === undefined, 'back to the disk text');
}

test('each quick fix for beta.md yields the expected text and clears its diagnostic', async () => {
  const rel = 'docs/beta.md';
  const original = disk(rel);
  // Open, to see the information-level diagnostics too (closed documents get errors and warnings only).
  await client.open(rel);
  const diagnostics = await client.waitForDiagnostics(rel, (d) => d.length >= 5);
  await client.close(rel);
  const expected: Record<string, string> = {
    "Add an empty 'source' field": original.replace('related: [alpha]\n', 'related: [alpha]\nsource: \n'),
    "Add 'eastsea-pact' to 'treaties'": original.replace('related: [alpha]\n', 'related: [alpha]\ntreaties: [eastsea-pact]\n'),
    "Add 'rus' to 'entities'": original.replace('entities: [prk, narnia]', 'entities: [prk, narnia, rus]'),
  };
  const seen: string[] = [];
  for (const diagnostic of diagnostics) {
    const actions = await actionsFor(rel, [diagnostic], ['quickfix']);
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [diagnostic], 'the fix names its diagnostic');
      if (action.title.startsWith('Create definition')) continue; // writes the kb file: see edits.test.ts
      seen.push(action.title);
      const want = expected[action.title];
      assert.ok(want !== undefined, `unexpected action ${action.title}`);
      const text = textAfter(action, rel);
      assert.equal(text, want, action.title);
      if (diagnostic.code !== 'PL002') await assertClears(rel, text, diagnostic);
    }
  }
  assert.deepEqual(seen.sort(), Object.keys(expected).sort());
});

test('"Create definition for …" is offered for unknown ids and unresolved links, appending to the kb file', async () => {
  const diagnostics = client.diagnosticsOf('docs/beta.md').filter((d) => d.code === 'PL006' || d.code === 'PL007');
  assert.equal(diagnostics.length, 2);
  for (const [diagnostic, id] of [
    [diagnostics.find((d) => d.code === 'PL006')!, 'narnia'],
    [diagnostics.find((d) => d.code === 'PL007')!, 'atlantis'],
  ] as const) {
    const create = (await actionsFor('docs/beta.md', [diagnostic])).find((a) => a.title.startsWith('Create definition'))!;
    assert.equal(create.title, `Create definition for '${id}' in kb/definitions.yaml`);
    const result = applyWorkspaceEdit(create.edit!, readUri);
    const kb = result.get(client.uri('kb/definitions.yaml'))!;
    const before = disk('kb/definitions.yaml');
    assert.ok(kb.startsWith(before), 'existing records untouched');
    assert.match(kb.slice(before.length), new RegExp(`^\\n- id: ${id}\\n  kind: organization # [^\\n]*\\n  name:\\n    en: ${id}\\n$`));
  }
});

test('"Add recognised entities" source action lists every mentioned id not yet listed', async () => {
  const rel = 'docs/beta.md';
  const actions = await actionsFor(rel, [], ['source']);
  const add = actions.find((a) => a.kind === 'source.policyLens.addEntities');
  assert.ok(add, actions.map((a) => `${a.kind} ${a.title}`).join('; '));
  assert.equal(add.title, 'Add recognised entities to front-matter (2)');
  assert.equal(
    textAfter(add, rel),
    disk(rel).replace('entities: [prk, narnia]', 'entities: [prk, narnia, rus]').replace('related: [alpha]\n', 'related: [alpha]\ntreaties: [eastsea-pact]\n'),
  );
  // filtering by the specific kind works too
  const only = await actionsFor(rel, [], ['source.policyLens.addEntities']);
  assert.deepEqual(only.map((a) => a.kind), ['source.policyLens.addEntities']);
});

test('"Insert front-matter" (quick fix and source action) infers title, date, language and entities', async () => {
  const rel = 'docs/gamma.txt';
  const diagnostic = (await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'PL001'))).find((d) => d.code === 'PL001')!;
  const expected =
    '---\ntitle: 북한 관련 동향 점검\ndate: 2022-11-30\nsource: \nlanguage: ko\nentities: [kor-mofa, prk]\ntreaties: [eastsea-pact]\n---\n\n' +
    disk(rel);
  const quick = (await actionsFor(rel, [diagnostic], ['quickfix'])).find((a) => a.diagnostics?.[0]?.code === 'PL001')!;
  assert.equal(textAfter(quick, rel), expected);
  const source = (await actionsFor(rel, [], ['source.policyLens.insertFrontMatter']))[0];
  assert.equal(source.kind, 'source.policyLens.insertFrontMatter');
  assert.equal(textAfter(source, rel), expected);
  await assertClears(rel, expected, diagnostic);
});

test('edits carry the open document version, and a stale version is refused by the client', async () => {
  const rel = 'docs/beta.md';
  await client.open(rel);
  const start = client.positionOf(rel, '후속');
  await client.edit(rel, [{ range: { start, end: start }, newText: '제2차 ' }]);
  const diagnostics = await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'PL009') && client.text(rel).includes('제2차'));
  const rus = diagnostics.find((d) => d.code === 'PL009' && String(d.message).includes('rus'))!;
  const [action] = await actionsFor(rel, [rus], ['quickfix']);
  const edit = action.edit!.documentChanges![0] as { textDocument: { version: number } };
  assert.equal(edit.textDocument.version, client.version(client.uri(rel)));
  assert.throws(() => applyWorkspaceEdit(action.edit!, readUri, () => 1), /stale edit/);
  await client.close(rel);
});
