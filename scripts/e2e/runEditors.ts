// `npm run test:editors`: the three real-editor layers one after the other (they share two cores), each timed;
// every layer runs even when an earlier one failed, and the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';

const LAYERS: { name: string; args: string[] }[] = [
  { name: 'neovim (LSP over stdio)', args: ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/nvim/nvim.test.ts'] },
  { name: 'vscode (extension host in code-server)', args: ['--import', 'tsx', 'scripts/e2e/runVscodeTests.ts'] },
  { name: 'ui (chromium + code-server)', args: ['--import', 'tsx', 'test/ui/codeserver.ui.ts'] },
];

const results: string[] = [];
let failed = 0;
for (const layer of LAYERS) {
  console.log(`\n--- editor tests: ${layer.name}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, layer.args, { stdio: 'inherit', timeout: 6 * 60_000 });
  const ok = r.status === 0;
  if (!ok) failed++;
  results.push(`${ok ? 'PASS' : 'FAIL'}  ${layer.name}  ${((Date.now() - t0) / 1000).toFixed(1)}s${r.signal ? ` (${r.signal})` : ''}`);
}
console.log(`\n--- editor tests summary\n${results.join('\n')}`);
process.exit(failed ? 1 : 0);
