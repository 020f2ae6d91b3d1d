#!/usr/bin/env node
// Pre-parses the built-in knowledge base (server/data/kb/*.yaml) into server/out/kb.json, so the server and the
// CLI start without parsing YAML: parsing and validating ~6,000 lines takes several hundred milliseconds,
// loading the JSON a few. The loader (server/src/core/kb/builtin.ts) uses kb.json only when its hash matches
// the YAML files as they are, and still points go-to-definition at the YAML. Fails (exit 1) on any error in the data.
// Run: node scripts/compile-kb.mjs   (also run by scripts/build.mjs)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function compileKb(outFile = join(root, 'server/out/kb.json')) {
  const { compileBuiltinKb } = await tsImport('../server/src/core/kb/builtin.ts', import.meta.url);
  const compiled = compileBuiltinKb(join(root, 'server/data/kb'));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(compiled));
  return { records: compiled.files.reduce((n, f) => n + f.records.length, 0), outFile };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  compileKb().then(
    ({ records, outFile }) => console.log(`compiled ${records} records to ${outFile}`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
