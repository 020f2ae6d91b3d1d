/**
 * The performance peer: Microsoft's Markdown language server (vscode-markdown-languageserver), timed from spawn to
 * its answer to `workspace/symbol` over the whole corpus. It reads nothing itself; like VS Code's Markdown
 * extension, this client answers its file-system requests with `fs` and its parse requests with markdown-it, so
 * the peer pays for reading and tokenising just as our server pays for reading and analysing.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { glob } from 'tinyglobby';
import { LspProcess } from './lib/lsp';

export interface PeerResult {
  version: string;
  spawnToSymbolsMs: number;
  initializeMs: number;
  /** CPU time to the answer: the peer process plus this client answering its requests. */
  serverCpuMs?: number;
  clientCpuMs?: number;
  filesListed: number;
  filesRead: number;
  parses: number;
  symbols: number;
  rssMb?: number;
  error?: string;
}

const require = createRequire(import.meta.url);

export async function measurePeer(root: string, timeoutMs = 600_000): Promise<PeerResult> {
  const pkg = require.resolve('vscode-markdown-languageserver/package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  const entry = pkg.replace(/package\.json$/, 'dist/node/workerMain.js');
  const md = new MarkdownIt({ html: true, linkify: true });
  const counts = { filesListed: 0, filesRead: 0, parses: 0 };
  const path = (uri: string) => fileURLToPath(uri);

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const server = LspProcess.start(process.execPath, [entry, '--stdio']);
  const c = server.conn;
  c.onRequest('markdown/parse', (p: { uri: string; text?: string }) => {
    counts.parses++;
    return md.parse(p.text ?? readFileSync(path(p.uri), 'utf8'), {});
  });
  c.onRequest('markdown/fs/readFile', (p: { uri: string }) => {
    counts.filesRead++;
    return Array.from(readFileSync(path(p.uri))); // VS Code answers with the bytes as a number[]
  });
  c.onRequest('markdown/fs/readDirectory', (p: { uri: string }) =>
    readdirSync(path(p.uri), { withFileTypes: true }).map((d) => [d.name, { isDirectory: d.isDirectory() }]),
  );
  c.onRequest('markdown/fs/stat', (p: { uri: string }) => {
    try {
      return { isDirectory: statSync(path(p.uri)).isDirectory() } as { isDirectory: boolean } | null;
    } catch {
      return null; // VS Code answers undefined, which JSON-RPC sends as null
    }
  });
  c.onRequest('markdown/fs/watcher/create', () => null);
  c.onRequest('markdown/fs/watcher/delete', () => null);
  c.onRequest('markdown/findMarkdownFilesInWorkspace', async () => {
    const files = await glob('**/*.md', { cwd: root, absolute: true, ignore: ['**/node_modules/**'] });
    counts.filesListed = files.length;
    return files.map((f) => pathToFileURL(f).toString());
  });

  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    await Promise.race([server.initialize(pathToFileURL(root).toString(), { markdownFileExtensions: ['md'] }), timeout]);
    const initializeMs = performance.now() - t0;
    c.sendNotification('initialized', {});
    // A query that matches no heading: the peer must still index every file, but the answer stays small.
    await Promise.race([c.sendRequest('workspace/symbol', { query: 'qzxqj' }), timeout]);
    const spawnToSymbolsMs = performance.now() - t0;
    const serverCpuMs = server.cpuMs();
    const cpu = process.cpuUsage(cpu0);
    const clientCpuMs = (cpu.user + cpu.system) / 1000;
    const rssMb = server.memory()?.rssMb;
    const all = (await Promise.race([c.sendRequest('workspace/symbol', { query: '' }), timeout])) as unknown[];
    return { version, spawnToSymbolsMs, initializeMs, serverCpuMs, clientCpuMs, ...counts, symbols: all.length, rssMb };
  } catch (e) {
    return { version, spawnToSymbolsMs: NaN, initializeMs: NaN, ...counts, symbols: 0, error: `${(e as Error).message}\n${server.tail()}` };
  } finally {
    clearTimeout(timer);
    await server.dispose();
  }
}

if (process.argv[1]?.endsWith('peer.ts')) {
  const root = process.argv[2];
  measurePeer(root).then((r) => console.log(JSON.stringify(r, null, 2)));
}
