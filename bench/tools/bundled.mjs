// Runs a bench script as an esbuild bundle, as the server itself runs: under tsx, functions imported from another
// module compile to property getters, which makes per-character code look several times slower than it is.
//   node bench/tools/bundled.mjs bench/tools/stages.ts [args...]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bench/tools/bundled.mjs <script.ts> [args...]');
  process.exit(2);
}
const dir = join('bench', 'corpora', '.bundled');
const outfile = join(dir, basename(entry).replace(/\.ts$/, '.js'));
// As scripts/build.mjs bundles the server (fdir needs import.meta.url in a CJS bundle).
const options = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};
await Promise.all([
  build({ ...options, entryPoints: [entry], outfile }),
  // The analysis workers' script, where the worker pool looks for it: next to the bundle.
  build({ ...options, entryPoints: ['server/src/core/workspace/parallel/analysisWorker.ts'], outfile: join(dir, 'analysisWorker.js') }),
]);
const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
