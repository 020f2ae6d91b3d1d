// Runs test layers with Node's built-in test runner (TypeScript through tsx).
// Usage: node test/run.mjs [unit|protocol|corpus|grammar ...]   (default: unit protocol corpus)
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const layers = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = layers.length ? layers : ['unit', 'protocol', 'corpus'];

function find(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (/\.test\.(ts|mjs|js)$/.test(name)) out.push(p);
  }
  return out.sort();
}

const files = chosen.flatMap((layer) => find(join('test', layer)));
if (files.length === 0) {
  console.error(`no test files in: ${chosen.join(', ')}`);
  process.exit(1);
}
const reporter = process.env.CI ? 'spec' : 'spec';
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
