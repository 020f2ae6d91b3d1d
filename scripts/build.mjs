// Bundles the language server, the CLI and the VS Code client with esbuild.
// Output paths are stable: other tools call server/out/server.js and server/out/cli.js.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  legalComments: 'none',
  // Some dependencies (tinyglobby → fdir) ship ESM that calls createRequire(import.meta.url); in a CJS bundle
  // import.meta is empty, so give it the bundle's own URL.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'const __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  // Initial indexing runs in worker threads (server/src/core/workspace/parallel); the pool looks for this file next
  // to the server and CLI bundles.
  { entryPoints: ['server/src/core/workspace/parallel/analysisWorker.ts'], outfile: 'server/out/analysisWorker.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
].filter((e) => existsSync(e.entryPoints[0]));

// The built-in knowledge base, pre-parsed for a fast start (see scripts/compile-kb.mjs). First, so that a bundling
// error elsewhere does not leave a stale kb.json behind.
const { compileKb } = await import('./compile-kb.mjs');
await compileKb();

if (watch) {
  for (const e of entries) (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
