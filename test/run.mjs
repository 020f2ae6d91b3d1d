// Runs test layers with Node's built-in test runner (TypeScript through tsx).
// Usage: node test/run.mjs [unit|protocol|corpus ...]   (default: unit protocol corpus)
// Prints the spec report, then one closing line `tests: N passed, N failed, N skipped`.
import { readdirSync, statSync, existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
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
const tmp = mkdtempSync(join(tmpdir(), 'policy-lens-tests-'));
const tap = join(tmp, 'report.tap');
const r = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const count = (name) => Number(report.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
console.log(`\nlayers run: ${chosen.join(', ')}`);
console.log(`tests: ${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
rmSync(tmp, { recursive: true, force: true });
process.exit(r.status ?? 1);
