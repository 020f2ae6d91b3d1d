// Grammar tests: runs vscode-tmgrammar-test over test/grammar/*.test.{txt,md} with the grammars that
// package.json contributes, plus Markdown, YAML and HTML host grammars from tm-grammars (VS Code's built-in ones are
// not on npm), so each injection is tested inside the grammar it is injected into.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const hosts = dirname(require.resolve('tm-grammars/grammars/markdown.json'));
const bin = require.resolve('vscode-tmgrammar-test/dist/unit.js');
const args = [bin, '-g', join(hosts, 'markdown.json'), '-g', join(hosts, 'yaml.json'), '-g', join(hosts, 'html.json'), '-g', join(hosts, 'html-derivative.json'), 'test/grammar/*.test.{txt,md}'];
const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
process.stdout.write(r.stdout ?? '');
// Markdown's grammar embeds dozens of languages for fenced code; their absence here is expected noise.
process.stderr.write((r.stderr ?? '').split('\n').filter((l) => l && !/^grammar not found for /.test(l)).map((l) => l + '\n').join(''));
const passed = (r.stdout?.match(/^✓/gmu) ?? []).length;
const failed = (r.stdout?.match(/^✖|^ERROR/gmu) ?? []).length;
if (r.error) console.error(`grammar: ${r.error.message}`);
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(r.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
