#!/usr/bin/env node
// Pre-parses the built-in knowledge base (server/data/kb/*.yaml) into server/out/kb.json, so the server and the
// CLI start without parsing YAML: parsing and validating the ~7,000 lines takes several hundred milliseconds,
// loading the JSON a few. The loader (server/src/core/kb/builtin.ts) uses kb.json only when it is newer than
// every YAML file, and still points go-to-definition at the YAML. Fails (exit 1) on any problem in the data.
// Run: node scripts/compile-kb.mjs   (also run by scripts/build.mjs)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function compileKb(outFile = join(root, 'server/out/kb.json')) {
  const { parseBuiltinYaml } = await tsImport('../server/src/core/kb/builtin.ts', import.meta.url);
  const dir = join(root, 'server/data/kb');
  const { all, problems } = parseBuiltinYaml(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of problems) console.error(`${basename(fileURLToPath(p.uri))}: ${p.severity} ${p.code} ${p.message}`);
  if (errors.length) throw new Error(`knowledge base: ${errors.length} error(s) in ${dir}`);
  const files = new Map();
  for (const { record, origin } of all) {
    const file = basename(fileURLToPath(origin.uri));
    if (!files.has(file)) files.set(file, []);
    files.get(file).push({ record, idSpan: origin.idSpan });
  }
  if (all.length === 0) throw new Error(`knowledge base: no records in ${dir}`);
  const compiled = { format: 1, files: [...files].map(([file, records]) => ({ file, records })) };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(compiled));
  return { records: all.length, outFile };
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
