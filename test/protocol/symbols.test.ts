import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CompletionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  SemanticTokensRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TestClient, useServer } from './harness';

let client: TestClient;
useServer('basic', (c) => (client = c));

test('semantic tokens colour mentions by kind, with exact positions', async () => {
  const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
  const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: client.uri('docs/alpha.md') } });
  const data = tokens!.data;
  assert.equal(data.length % 5, 0);
  // decode the relative encoding
  const decoded: { line: number; char: number; length: number; type: string; modifiers: number }[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    decoded.push({ line, char, length: data[i + 2], type: legend.tokenTypes[data[i + 3]], modifiers: data[i + 4] });
  }
  const at = (needle: string) => {
    const p = client.positionOf('docs/alpha.md', needle);
    return decoded.find((t) => t.line === p.line && t.char === p.character);
  };
  assert.deepEqual(at('북한의'), { ...at('북한의')!, length: 2, type: 'country' });
  assert.equal(at('러시아와')?.type, 'country');
  assert.equal(at('러시아와')?.length, 3);
  assert.equal(at('동해협력조약의')?.type, 'instrument');
  assert.equal(at('동해협력조약의')?.length, 6);
});

test('document symbols: front-matter fields, headings and mentioned entities', async () => {
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri: client.uri('docs/alpha.md') },
  })) as DocumentSymbol[];
  const fm = symbols.find((s) => s.name === 'front-matter')!;
  assert.deepEqual(
    fm.children!.map((c) => c.name),
    ['id', 'title', 'date', 'source', 'entities', 'treaties'],
  );
  assert.ok(symbols.some((s) => s.name === '회의 결과' && s.kind === SymbolKind.String), 'the heading');
  const mentioned = symbols.find((s) => s.name === 'mentioned entities')!;
  const names = mentioned.children!.map((c) => c.name);
  assert.ok(names.includes('북한 / North Korea'), names.join());
  assert.ok(names.includes('동해협력조약 / East Sea Cooperation Pact'), names.join());
});

test('workspace symbols find entities, instruments and documents by id or name in either language', async () => {
  const query = async (q: string) => (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: q }))!.map((s) => s.name);
  assert.ok((await query('동해협력')).includes('eastsea-pact — 동해협력조약 / East Sea Cooperation Pact'));
  assert.ok((await query('east sea cooperation')).includes('eastsea-pact — 동해협력조약 / East Sea Cooperation Pact'));
  assert.ok((await query('러시아')).some((n) => n.startsWith('rus — ')));
  assert.ok((await query('이행 점검')).includes('동해협력조약 이행 점검 회의 (alpha)'), 'a document by title');
});

test('document links for URLs in front-matter', async () => {
  const links = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: client.uri('docs/alpha.md') } }))!;
  assert.deepEqual(
    links.map((l) => [l.target, l.range.start.line]),
    [['https://example.org/press/alpha', 4]],
  );
});

async function complete(rel: string, text: string, needle: string, delta: number): Promise<CompletionItem[]> {
  await client.open(rel, text);
  const list = (await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri: client.uri(rel) },
    position: client.positionOf(rel, needle, delta),
  })) as CompletionList | null;
  await client.close(rel);
  return list?.items ?? [];
}

test('completion of front-matter keys leaves out the keys already there', async () => {
  const text = '---\ntitle: 제목\nda\n---\n본문\n';
  const items = await complete('docs/new.md', text, '\nda', 3);
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('date'));
  assert.ok(labels.includes('entities'));
  assert.ok(!labels.includes('title'), 'title is already present');
  const date = items.find((i) => i.label === 'date')!;
  assert.deepEqual((date.textEdit as TextEdit).range, { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } });
  assert.equal((date.textEdit as TextEdit).newText, 'date: ');
});

test('completion of entity ids: bilingual labels, filter text in both languages, no ids already listed', async () => {
  const text = '---\ntitle: 제목\nentities: [prk, 러시]\n---\n본문\n';
  const items = await complete('docs/new.md', text, '러시', 2);
  const rus = items.find((i) => i.label === 'rus — 러시아 / Russia');
  assert.ok(rus, `rus offered among ${items.length}`);
  assert.match(rus.filterText!, /러시아/);
  assert.match(rus.filterText!, /Russia/);
  assert.deepEqual(rus.textEdit, {
    range: { start: { line: 2, character: 16 }, end: { line: 2, character: 18 } },
    newText: 'rus',
  });
  assert.ok(!items.some((i) => i.label.startsWith('prk ')), 'prk is already listed');
  assert.ok(!items.some((i) => i.label.startsWith('eastsea-pact')), 'treaties are not entities');
});

test('completion of treaty ids in a block list offers instruments only', async () => {
  const text = '---\ntitle: 제목\ntreaties:\n  - east\n---\n본문\n';
  const items = await complete('docs/new.md', text, '- east', 6);
  assert.ok(items.some((i) => i.label === 'eastsea-pact — 동해협력조약 / East Sea Cooperation Pact'));
  assert.ok(!items.some((i) => i.label.startsWith('rus ')));
});

test('completion of related: offers documents by id', async () => {
  const text = '---\ntitle: 제목\nrelated: [al]\n---\n본문\n';
  const items = await complete('docs/new.md', text, '[al', 3);
  const alpha = items.find((i) => i.label.startsWith('alpha'));
  assert.equal(alpha?.label, 'alpha — 동해협력조약 이행 점검 회의');
  assert.equal((alpha?.textEdit as TextEdit).newText, 'alpha');
});

test('completion inside [[ offers records and documents and closes the link', async () => {
  const text = '---\ntitle: 제목\n---\n본문 [[east\n';
  const items = await complete('docs/new.md', text, '[[east', 6);
  const pact = items.find((i) => i.label.startsWith('eastsea-pact —'));
  assert.ok(pact);
  assert.equal((pact.textEdit as TextEdit).newText, 'eastsea-pact]]');
  assert.deepEqual((pact.textEdit as TextEdit).range.start, { line: 3, character: 5 });
});

test('no completion in plain prose', async () => {
  const items = await complete('docs/new.md', '---\ntitle: 제목\n---\n본문 중간 \n', '중간 ', 3);
  assert.equal(items.length, 0);
});
