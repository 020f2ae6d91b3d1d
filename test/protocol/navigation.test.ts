import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DefinitionRequest,
  DocumentHighlightRequest,
  HoverRequest,
  ReferencesRequest,
  type LocationLink,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, TestClient, useServer } from './harness';

let client: TestClient;
useServer('basic', (c) => (client = c));

async function hoverAt(rel: string, needle: string, delta = 0) {
  return client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: client.uri(rel) },
    position: client.positionOf(rel, needle, delta),
  });
}

test('hover on a Korean mention with a particle attached: card for the name, range without the particle', async () => {
  const hover = await hoverAt('docs/alpha.md', '북한의', 1);
  assert.ok(hover, 'a hover');
  const value = (hover.contents as MarkupContent).value;
  assert.equal((hover.contents as MarkupContent).kind, 'markdown');
  assert.match(value, /\*\*북한\*\*/);
  assert.match(value, /North Korea/);
  assert.match(value, /_country_/);
  // the particle 의 is not part of the mention
  const start = client.positionOf('docs/alpha.md', '북한의');
  assert.deepEqual(hover.range, { start, end: { line: start.line, character: start.character + 2 } });
  // "mentioned in" lists the corpus documents that mention prk, with links
  assert.match(value, /Mentioned in [2-9] documents/);
  assert.ok(value.includes(client.uri('docs/alpha.md')), 'links to alpha');
  assert.match(value, /_Recognised from “북한”_/);
});

test('hover on a workspace treaty shows key facts, parties and a link to what replaced it', async () => {
  const hover = await hoverAt('docs/alpha.md', '동해협력조약의', 2);
  const value = (hover!.contents as MarkupContent).value;
  assert.match(value, /\*\*동해협력조약\*\* · \*\*East Sea Cooperation Pact\*\*/);
  assert.match(value, /Signed: 2001\\-03\\-04 · In force: 2002\\-01\\-01/);
  assert.match(value, /Parties: \[대한민국[^\]]*\]\(file:[^)]+\), \[러시아[^\]]*\]\(file:[^)]+\)/);
  const kbUri = client.uri('kb/definitions.yaml');
  // replaced_by links to the `id:` line of the successor (line 18, 1-based)
  assert.ok(value.includes(`Replaced by: [신동해협력조약 / New East Sea Cooperation Pact](${kbUri}#L18,7)`), value);
  assert.ok(value.includes('Source: [example\\.org/treaties/eastsea\\-pact](https://example.org/treaties/eastsea-pact)'), value);
  assert.match(value, /Mentioned in 3 documents/);
});

test('hover on a front-matter key explains the field and its format', async () => {
  const hover = await hoverAt('docs/alpha.md', 'date:', 1);
  const value = (hover!.contents as MarkupContent).value;
  assert.match(value, /Publication date/);
  assert.match(value, /YYYY-MM-DD/);
});

test('hover on an unresolved [[link]] says so', async () => {
  const hover = await hoverAt('docs/beta.md', 'atlantis', 2);
  assert.match((hover!.contents as MarkupContent).value, /Unresolved link/);
});

test('definition from a mention goes to the `id:` line of the workspace kb file', async () => {
  const result = (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: client.uri('docs/gamma.txt') },
    position: client.positionOf('docs/gamma.txt', '동해협력조약', 3),
  })) as LocationLink[];
  assert.equal(result.length, 1);
  assert.equal(result[0].targetUri, client.uri('kb/definitions.yaml'));
  assert.deepEqual(result[0].targetSelectionRange.start, { line: 1, character: 6 });
  const origin = client.positionOf('docs/gamma.txt', '동해협력조약');
  assert.deepEqual(result[0].originSelectionRange, { start: origin, end: { line: origin.line, character: origin.character + 6 } });
});

test('definition from a [[link]] and from a front-matter id', async () => {
  for (const [rel, needle] of [
    ['docs/alpha.md', '[[eastsea-pact]]'],
    ['docs/alpha.md', 'treaties: [eastsea-pact'],
  ] as const) {
    const at = needle.indexOf('eastsea-pact') + 3;
    const result = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: client.uri(rel) },
      position: client.positionOf(rel, needle, at),
    })) as LocationLink[];
    assert.equal(result[0].targetUri, client.uri('kb/definitions.yaml'), needle);
    assert.equal(result[0].targetSelectionRange.start.line, 1, needle);
  }
});

test('definition from `related:` goes to the document with that id', async () => {
  const result = (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: client.uri('docs/beta.md') },
    position: client.positionOf('docs/beta.md', 'related: [alpha', 11),
  })) as LocationLink[];
  assert.equal(result[0].targetUri, client.uri('docs/alpha.md'));
  assert.equal(result[0].targetSelectionRange.start.line, 1);
});

test('definition of a built-in entity is a real file shipped with the server', async () => {
  const result = (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: client.uri('docs/alpha.md') },
    position: client.positionOf('docs/alpha.md', '러시아와', 1),
  })) as LocationLink[];
  assert.equal(result.length, 1);
  assert.ok(result[0].targetUri.startsWith(pathToFileURL(join(REPO, 'server/data/kb')).href), result[0].targetUri);
  const { readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const line = readFileSync(fileURLToPath(result[0].targetUri), 'utf8').split('\n')[result[0].targetSelectionRange.start.line];
  assert.match(line, /id: rus\b/);
});

test('references across documents, with and without the declaration', async () => {
  const params = (includeDeclaration: boolean) => ({
    textDocument: { uri: client.uri('docs/alpha.md') },
    position: client.positionOf('docs/alpha.md', '동해협력조약의', 1),
    context: { includeDeclaration },
  });
  const withDecl = (await client.connection.sendRequest(ReferencesRequest.type, params(true)))!;
  const without = (await client.connection.sendRequest(ReferencesRequest.type, params(false)))!;
  const files = (locs: typeof withDecl) => [...new Set(locs.map((l) => l.uri.slice(l.uri.lastIndexOf('/') + 1)))].sort();
  assert.deepEqual(files(without), ['alpha.md', 'beta.md', 'gamma.txt']);
  assert.deepEqual(files(withDecl), ['alpha.md', 'beta.md', 'definitions.yaml', 'gamma.txt']);
  assert.equal(withDecl.length, without.length + 1);
  // alpha: the `treaties:` item, the body mention and the [[link]] (front-matter prose is not scanned)
  assert.equal(without.filter((l) => l.uri.endsWith('alpha.md')).length, 3);
});

test('a references answer stays current: repeated requests agree, an edit adding a mention adds its location', async () => {
  const params = { textDocument: { uri: client.uri('docs/alpha.md') }, position: client.positionOf('docs/alpha.md', '동해협력조약의', 1), context: { includeDeclaration: true } };
  const first = (await client.connection.sendRequest(ReferencesRequest.type, params))!;
  const again = (await client.connection.sendRequest(ReferencesRequest.type, params))!;
  assert.deepEqual(again, first, 'the same answer while nothing changed');
  await client.open('docs/beta.md');
  const end = client.positionOf('docs/beta.md', '[[atlantis]]', '[[atlantis]]'.length);
  await client.edit('docs/beta.md', [{ range: { start: end, end }, newText: ' 동해협력조약을 다시 논의했다.' }]);
  const after = (await client.connection.sendRequest(ReferencesRequest.type, params))!;
  assert.equal(after.length, first.length + 1, 'one more reference');
  const added = after.filter((l) => !first.some((f) => JSON.stringify(f) === JSON.stringify(l)));
  assert.deepEqual(added.map((l) => [l.uri, l.range.start]), [[client.uri('docs/beta.md'), { line: end.line, character: end.character + 1 }]]);
  await client.close('docs/beta.md');
});

test('answers prepared after indexing are the answers, and an edit still changes them', async () => {
  // After indexing the server prepares the answers of the ids most files refer to (prk is in most of these).
  const line = await client.waitFor(() => client.logs.find((l) => /lists ready .*answers of the \d+ most referred-to ids prepared/.test(l)), 'prepared answers');
  assert.ok(Number(/answers of the (\d+)/.exec(line)![1]) >= 1, line);
  const rel = 'docs/beta.md';
  await client.open(rel);
  const params = { textDocument: { uri: client.uri('docs/alpha.md') }, position: client.positionOf('docs/alpha.md', '북한의', 1), context: { includeDeclaration: true } };
  const prepared = (await client.connection.sendRequest(ReferencesRequest.type, params))!;
  const inBeta = (locs: typeof prepared) => locs.filter((l) => l.uri === client.uri(rel)).map((l) => l.range.start);
  assert.ok(inBeta(prepared).length >= 1, 'beta mentions 북한');
  // A blank line above beta's body mention moves it down a line.
  const body = inBeta(prepared).at(-1)!;
  await client.edit(rel, [{ range: { start: { line: body.line, character: 0 }, end: { line: body.line, character: 0 } }, newText: '\n' }]);
  const after = (await client.connection.sendRequest(ReferencesRequest.type, params))!;
  assert.equal(after.length, prepared.length);
  assert.deepEqual(inBeta(after).at(-1), { line: body.line + 1, character: body.character });
  assert.deepEqual(
    after.filter((l) => l.uri !== client.uri(rel)),
    prepared.filter((l) => l.uri !== client.uri(rel)),
  );
  await client.close(rel);
});

test('document highlight marks every reference in the document', async () => {
  const highlights = (await client.connection.sendRequest(DocumentHighlightRequest.type, {
    textDocument: { uri: client.uri('docs/alpha.md') },
    position: client.positionOf('docs/alpha.md', '북한의', 0),
  }))!;
  const lines = highlights.map((h) => h.range.start.line).sort((a, b) => a - b);
  // entities: [prk, …] on line 5 and 북한의 on line 11
  assert.deepEqual(lines, [5, 11]);
});

test('in a kb file, hover and definition work on ids that point at other records', async () => {
  const rel = 'kb/definitions.yaml';
  const hover = await hoverAt(rel, 'replaces: eastsea-pact', 12);
  assert.match((hover!.contents as MarkupContent).value, /\*\*동해협력조약\*\*/);
  const result = (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: client.uri(rel) },
    position: client.positionOf(rel, 'replaces: eastsea-pact', 12),
  })) as LocationLink[];
  assert.equal(result[0].targetUri, client.uri(rel));
  assert.deepEqual(result[0].targetSelectionRange.start, { line: 1, character: 6 });
});
