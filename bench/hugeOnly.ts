/**
 * The 5 MB document alone (server over stdio on a small workspace): how long hovers on a small open document wait
 * while it is analysed.   node --import tsx bench/hugeOnly.ts [server args…]   (e.g. --cpu-prof)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureExtras } from './generate';
import { LspProcess } from './lib/lsp';
import { REPO } from './lib/core';
import { SERVER } from './ours';

async function main(): Promise<void> {
  const { huge } = await ensureExtras();
  const root = mkdtempSync(join(tmpdir(), 'pl-huge-'));
  const small = join(root, 'small.md');
  writeFileSync(small, '---\ntitle: t\ndate: 2024-01-01\n---\n북한과 러시아의 회담\n');
  const server = LspProcess.start(process.execPath, [...process.argv.slice(2), SERVER, '--stdio'], REPO);
  await server.initialize(pathToFileURL(root).toString());
  server.conn.sendNotification('initialized', {});
  const smallUri = pathToFileURL(small).toString();
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'markdown', version: 1, text: readFileSync(small, 'utf8') } });
  const hover = { textDocument: { uri: smallUri }, position: { line: 4, character: 1 } };
  for (let i = 0; i < 20; i++) await server.timed('textDocument/hover', hover);
  const uri = pathToFileURL(huge.file).toString();
  const t = performance.now();
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(huge.file, 'utf8') } });
  let inside: number | undefined;
  const m = huge.mentions[0];
  void server.timed('textDocument/hover', { textDocument: { uri }, position: { line: m.line, character: m.character } }).then(() => (inside = performance.now() - t));
  const waits: [number, number][] = [];
  while (inside === undefined || performance.now() - t < 1500) {
    const { ms } = await server.timed('textDocument/hover', hover);
    waits.push([Math.round(performance.now() - t - ms), Math.round(ms)]);
  }
  console.log(`hover inside answered after ${inside?.toFixed(0)} ms; waits over 50 ms (sent at → waited):`, waits.filter(([, w]) => w > 50));
  console.log(`longest wait ${Math.max(...waits.map(([, w]) => w))} ms over ${waits.length} hovers`);
  await server.dispose();
}

void main();
