// Bundles the VS Code integration suite (test/vscode/suite/*.ts) to CommonJS for the extension host.
// `vscode` is provided by the host; mocha is loaded from the project's node_modules at run time.
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

export const SUITE_SRC = resolve('test/vscode/suite');
export const SUITE_OUT = resolve('test/vscode/out');

export async function buildSuite(): Promise<string> {
  const entryPoints = readdirSync(SUITE_SRC)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(SUITE_SRC, f));
  rmSync(SUITE_OUT, { recursive: true, force: true }); // no stale suites from renamed files
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(SUITE_OUT, 'index.js');
}
