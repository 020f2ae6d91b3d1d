import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Marked } from 'marked';
import { codeSpan, escapeMarkdown, markdownLink, safeUrl } from '../../../server/src/core/present/escape';

// Render as an editor would, with raw HTML allowed: escaping must hold even then.
// VS Code renders hover markdown with `marked`; it passes raw HTML and every link scheme through, so only our
// escaping stands between a document and the rendered card.
const md = new Marked({ gfm: true });
const render = (s: string) => (md.parseInline(s) as string).trim();

test('hostile markdown links render as plain text, not links', () => {
  for (const hostile of ['[x](command:workbench.action.terminal.new)', '[click](javascript:alert(1))', '<command:foo>']) {
    const html = render(escapeMarkdown(hostile));
    assert.doesNotMatch(html, /<a\b/, hostile);
    assert.ok(html.includes('command:') || html.includes('javascript:'), 'the text itself stays visible');
  }
});

test('raw HTML is shown as text, never as an element', () => {
  const html = render(escapeMarkdown('<img src=x onerror=alert(1)> & <script>alert(1)</script>'));
  assert.doesNotMatch(html, /<img|<script/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(html, /&amp;/);
});

test('markdown structure cannot be injected: emphasis, headings, line breaks', () => {
  const html = render(escapeMarkdown('**bold** _it_ `code`\n# heading'));
  assert.doesNotMatch(html, /<strong>|<em>|<code>|<h1>/);
  assert.doesNotMatch(escapeMarkdown('a\nb\r\nc'), /[\r\n]/);
});

test('Korean, emoji and ordinary punctuation survive escaping as visible text', () => {
  const text = '북대서양조약기구(NATO)와의 연대 🇰🇷 — 2024.06.21';
  const html = render(escapeMarkdown(text));
  assert.equal(html, text.replace(/&/g, '&amp;'));
});

test('safeUrl keeps http(s) and file links only', () => {
  assert.equal(safeUrl('https://www.mofa.go.kr/a?b=1'), 'https://www.mofa.go.kr/a?b=1');
  assert.ok(safeUrl('file:///tmp/kb/x.yaml#L3'));
  for (const bad of ['command:foo', 'javascript:alert(1)', 'data:text/html,x', 'vscode://x', 'not a url', 'http://']) {
    assert.equal(safeUrl(bad), undefined, bad);
  }
});

test('a link destination cannot break out of the markdown link', () => {
  const link = markdownLink('label', 'https://example.org/a)(command:x)');
  const html = render(link);
  assert.equal((html.match(/<a /g) ?? []).length, 1);
  assert.match(html, /href="https:\/\/example\.org\/a%29%28command:x%29"/);
});

test('markdownLink of an unsafe URL is just escaped text', () => {
  assert.doesNotMatch(render(markdownLink('x', 'command:evil')), /<a\b/);
});

test('codeSpan holds backticks inside', () => {
  const html = render(codeSpan('a`b'));
  assert.equal(html, '<code>a`b</code>');
});
