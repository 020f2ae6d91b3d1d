// The floor: the least any tool must do to index the corpus — read every file and parse its front-matter with
// `yaml` — and nothing else. Plain JavaScript run in its own Node process (no tsx), so its start-up cost is the
// same kind as the server's. Prints one JSON line: { files, bytes, innerMs, cpuMs, frontMatters, yamlErrors }.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const start = performance.now();
const root = process.argv[2];
let files = 0;
let bytes = 0;
let frontMatters = 0;
let yamlErrors = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(md|markdown|txt)$/.test(entry.name)) continue;
  const text = readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8');
  files++;
  bytes += Buffer.byteLength(text);
  if (!text.startsWith('---\n') && !text.startsWith('---\r\n')) continue;
  const close = text.search(/\r?\n---[ \t]*(\r?\n|$)/);
  const yaml = close < 0 ? text.slice(4) : text.slice(4, close + 1);
  frontMatters++;
  try {
    parse(yaml);
  } catch {
    yamlErrors++;
  }
}
const cpu = process.cpuUsage(); // since process start: start-up included, as for the server
console.log(JSON.stringify({ files, bytes, innerMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, frontMatters, yamlErrors }));
