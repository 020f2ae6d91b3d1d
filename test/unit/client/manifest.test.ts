// The extension manifest (package.json `contributes`) must agree with the code it describes: settings mirror
// `.policylens.yaml`, every diagnostic code can be configured, palette commands exist, token types match the
// server's legend, and grammar files are where the manifest says.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/config';
import { CODES } from '../../../server/src/core/rules/types';
import { TOKEN_TYPES } from '../../../server/src/lsp/semanticTokens';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const settings: Record<string, { default?: unknown; properties?: Record<string, { enum?: string[] }> }> =
  pkg.contributes.configuration.properties;

test('setting defaults are the defaults of .policylens.yaml', () => {
  assert.deepEqual(settings['policyLens.include'].default, DEFAULT_CONFIG.include);
  assert.deepEqual(settings['policyLens.exclude'].default, DEFAULT_CONFIG.exclude);
  assert.equal(settings['policyLens.useGitignore'].default, DEFAULT_CONFIG.useGitignore);
  assert.deepEqual(settings['policyLens.requiredFields'].default, DEFAULT_CONFIG.requiredFields);
  assert.deepEqual(settings['policyLens.kb.globs'].default, DEFAULT_CONFIG.kbGlobs);
  assert.equal(settings['policyLens.kb.builtin'].default, DEFAULT_CONFIG.builtinKb);
  assert.deepEqual(settings['policyLens.severity'].default, DEFAULT_CONFIG.severity);
});

test('every diagnostic code can be given a severity or turned off, and only those', () => {
  const props = settings['policyLens.severity'].properties!;
  assert.deepEqual(Object.keys(props).sort(), Object.values(CODES).sort());
  for (const [code, p] of Object.entries(props)) {
    assert.deepEqual(p.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
  }
});

test('each contributed command is registered by the extension, and each registered command is contributed', () => {
  const source = ['extension.ts'].map((f) => readFileSync(`client/src/${f}`, 'utf8')).join('\n');
  const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(registered, contributed);
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'Policy Lens', c.command);
});

test("semantic token types are the server's legend, each mapped to a TextMate scope for themes", () => {
  const ids = pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id);
  assert.deepEqual(ids.sort(), [...TOKEN_TYPES].sort());
  const scopes = Object.assign({}, ...pkg.contributes.semanticTokenScopes.map((s: { scopes: object }) => s.scopes));
  for (const id of ids) assert.ok(scopes[id]?.length > 0, `${id} has a scope`);
});

test('grammar files exist and declare the scope names the manifest registers', () => {
  for (const g of pkg.contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[]) {
    assert.ok(existsSync(g.path), g.path);
    const grammar = JSON.parse(readFileSync(g.path, 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName, g.path);
    if (g.injectTo) assert.ok(grammar.injectionSelector, `${g.path} is an injection grammar`);
  }
});

test('the engine and the VS Code API types agree (vsce refuses newer types than the engine)', () => {
  assert.equal(pkg.engines.vscode, '^1.91.0');
  assert.equal(pkg.devDependencies['@types/vscode'], '1.91.0');
  assert.equal(pkg.main, './client/out/extension.js');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
});
