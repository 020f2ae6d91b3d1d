import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Marked } from 'marked';
import { DocumentLinkRequest, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestClient, useServer } from './harness';

let client: TestClient;
useServer('hostile', (c) => (client = c));
// The renderer VS Code uses for hovers; it lets raw HTML and every link scheme through.
const md = new Marked({ gfm: true });


test('hover over a record with hostile names, description, facts and source renders inert', async () => {
  const hover = await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: client.uri('note.md') },
    position: client.positionOf('note.md', '악성단체의', 1),
  });
  const content = hover!.contents as MarkupContent & { isTrusted?: boolean };
  assert.equal(content.kind, 'markdown');
  assert.equal(content.isTrusted, undefined, 'never trusted');
  const html = md.parse(content.value) as string;
  assert.doesNotMatch(html, /<img|<script/i);
  assert.doesNotMatch(html, /href="(?!https?:|file:)/, 'only http(s) and file links');
  assert.doesNotMatch(content.value, /\]\((command|javascript):/);
  // the hostile document title appears in "mentioned in" as text, its link points at the document itself
  assert.match(html, /Mentioned in 1 document/);
  const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(links.length > 0 && links.every((l) => l.startsWith('file:')), links.join(' '));
  // and the text is still there for the reader, escaped
  assert.match(html, /악성단체/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('a javascript: source in front-matter is not offered as a document link', async () => {
  const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: client.uri('note.md') } });
  assert.deepEqual(links, []);
});

test('no mention is recognised inside an HTML attribute', async () => {
  const hover = await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: client.uri('note.md') },
    position: client.positionOf('note.md', 'command:evil', 3),
  });
  assert.equal(hover, null);
});
