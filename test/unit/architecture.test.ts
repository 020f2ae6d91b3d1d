// The analysis core must stay pure: no VS Code API and no LSP libraries, so the CLI, the server and any other
// front end can share it. This fails the moment an import crosses that line.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';

const core = path.resolve(__dirname, '../../server/src/core');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? files(path.join(dir, n)) : [path.join(dir, n)]));

it('the analysis core imports neither vscode nor the LSP libraries', () => {
  const sources = files(core).filter((f) => f.endsWith('.ts'));
  assert.ok(sources.length > 20, 'core sources found');
  for (const f of sources) {
    const imports = [...readFileSync(f, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    const bad = imports.filter((i) => i === 'vscode' || /^vscode-(languageserver|languageclient|jsonrpc)/.test(i) || i.includes('/lsp/'));
    assert.deepEqual(bad, [], path.relative(core, f));
  }
});
