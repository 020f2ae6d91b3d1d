// After `vsce package`: checks what the .vsix carries (the files the extension needs at run time, and nothing from
// sources, tests or node_modules) and prints its size. Uses vsce's own file listing, so it sees what vsce packs.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { listFiles } from '@vscode/vsce';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const files = new Set(await listFiles({ cwd: process.cwd(), dependencies: false }));
const rel = (p) => p.replace(/^\.\//, '');
const kbYaml = readdirSync('server/data/kb').filter((f) => /\.ya?ml$/.test(f)).map((f) => `server/data/kb/${f}`);
const required = [
  'package.json',
  'README.md',
  'LICENSE',
  rel(pkg.main),
  'server/out/server.js',
  'server/out/analysisWorker.js',
  'server/out/kb.json',
  rel(pkg.icon),
  ...pkg.contributes.grammars.map((g) => rel(g.path)),
  ...(pkg.contributes.yamlValidation ?? []).map((v) => rel(v.url)).filter((u) => !/^[a-z]+:/.test(u)),
  ...kbYaml,
];
const problems = [];
for (const f of required) if (!files.has(f)) problems.push(`missing: ${f}`);
for (const f of files) {
  if (/(^|\/)(node_modules|src|test|bench|samples|scripts|\.ci|\.git)\//.test(f) || /\.(ts|map|mjs)$/.test(f)) {
    problems.push(`should not be packed: ${f}`);
  }
}
const vsix = `${pkg.name}-${pkg.version}.vsix`;
if (!existsSync(vsix)) problems.push(`${vsix} was not written`);
for (const p of problems) console.error(`check-vsix: ${p}`);
if (problems.length) process.exit(1);
const kib = (statSync(vsix).size / 1024).toFixed(1);
console.log(`check-vsix: ${vsix} OK — ${files.size} files, ${kib} KiB`);
