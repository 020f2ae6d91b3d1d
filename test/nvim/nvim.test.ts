// `npm run test:nvim`: the bundled language server in a second real editor, headless Neovim (Debian 0.7.2),
// on a seed-like scraped press release (test/nvim/workspace). Neovim runs test/nvim/lsp-driver.lua, which sends
// the LSP requests and writes the answers as JSON; the assertions are here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

const SERVER = resolve('server/out/server.js');
const DRIVER = resolve('test/nvim/lsp-driver.lua');
const NVIM = process.env.POLICY_LENS_NVIM ?? 'nvim';

interface Answer {
  method: string;
  line: number;
  character: number;
  result?: unknown;
  error?: string;
}
interface DriverOutput {
  uri: string;
  answers: Answer[];
  diagnostics: { code?: string | number; message: string; range: { start: { line: number } } }[];
  log: string[];
  error?: string;
}

const FIXTURE = resolve('test/nvim/workspace');
const text = readFileSync(join(FIXTURE, 'press-release.txt'), 'utf8');
let root: string;
let file: string;

before(() => {
  assert.ok(existsSync(SERVER), 'server/out/server.js exists (run `npm run build`)');
  const v = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  assert.equal(v.status, 0, `Neovim runs (${NVIM}); install it with scripts/ci/install-editors.sh`);
  root = mkdtempSync(join(tmpdir(), 'pl-nvim-'));
  cpSync(FIXTURE, root, { recursive: true });
  file = join(root, 'press-release.txt');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** 0-based line and UTF-16 column of `needle` (plus `delta`), as LSP counts them. */
function position(needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the fixture`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function runNeovim(requests: { method: string; line: number; character: number }[]): DriverOutput {
  const out = join(root, `answers-${Date.now()}.json`);
  const r = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${DRIVER}`], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      PL_SERVER_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
      PL_ROOT: root,
      PL_FILE: file,
      PL_OUT: out,
      PL_REQUESTS: JSON.stringify(requests),
      // Neovim writes swap/shada/log files under these; keep them in the temp dir.
      XDG_STATE_HOME: join(root, '.state'),
      XDG_DATA_HOME: join(root, '.data'),
      XDG_CACHE_HOME: join(root, '.cache'),
    },
  });
  assert.ok(existsSync(out), `Neovim wrote its answers (exit ${r.status}, signal ${r.signal})\n${r.stdout}\n${r.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as DriverOutput;
  assert.equal(result.error, undefined, `${result.error}\nserver log:\n${result.log?.join('\n')}`);
  return result;
}

function hoverText(result: unknown): string {
  const c = (result as { contents?: unknown } | undefined)?.contents;
  const parts = Array.isArray(c) ? c : [c];
  return parts.map((p) => (typeof p === 'string' ? p : ((p as { value?: string })?.value ?? ''))).join('\n');
}

function firstLocation(result: unknown): { path: string; line: number } {
  const list = (Array.isArray(result) ? result : [result]) as Record<string, any>[];
  assert.ok(list.length > 0 && list[0], 'a definition came back');
  const loc = list[0];
  const uri: string = loc.targetUri ?? loc.uri;
  const range = loc.targetSelectionRange ?? loc.range;
  assert.match(uri, /^file:/, `definition target is a file: ${uri}`);
  return { path: fileURLToPath(uri), line: range.start.line };
}

let output: DriverOutput;
const HOVER_NK = position('북한의 위성', 1); // inside "북한", before the particle 의
const HOVER_RUSSIA = position('러시아와 북한');
const DEF_FORUM = position('새별안보대화 참가국들과', 2);

test('Neovim attaches the server and gets answers', () => {
  output = runNeovim([
    { method: 'textDocument/hover', ...HOVER_NK },
    { method: 'textDocument/hover', ...HOVER_RUSSIA },
    { method: 'textDocument/definition', ...DEF_FORUM },
    { method: 'textDocument/definition', ...HOVER_NK },
  ]);
  assert.equal(output.answers.length, 4);
});

test('hover on 북한의 shows North Korea in Korean and English', () => {
  const text = hoverText(output.answers[0].result);
  assert.match(text, /북한/, text);
  assert.match(text, /North Korea/, text);
});

test('the hover range covers the name 북한 and not the particle 의', () => {
  const range = (output.answers[0].result as { range?: { start: { line: number; character: number }; end: { character: number } } }).range;
  const start = position('북한의 위성');
  assert.deepEqual(range && { line: range.start.line, from: range.start.character, to: range.end.character }, {
    line: start.line,
    from: start.character,
    to: start.character + '북한'.length,
  });
});

test('hover on 러시아와 shows Russia in Korean and English', () => {
  const text = hoverText(output.answers[1].result);
  assert.match(text, /러시아/, text);
  assert.match(text, /Russia/, text);
});

test('definition of a workspace entity lands on its id line in the workspace kb file', () => {
  const target = firstLocation(output.answers[2].result);
  assert.equal(pathToFileURL(target.path).href, pathToFileURL(join(root, 'kb/local.yaml')).href);
  const lines = readFileSync(target.path, 'utf8').split('\n');
  assert.match(lines[target.line], /id: saebyeol-security-dialogue/);
});

test('definition of 북한 lands on the id line of North Korea in the built-in knowledge base', () => {
  const target = firstLocation(output.answers[3].result);
  assert.ok(target.path.startsWith(resolve('server/data/kb')), target.path);
  assert.match(readFileSync(target.path, 'utf8').split('\n')[target.line], /\bid: prk\b/);
});

test('the scraped page without front-matter is reported (PL001)', () => {
  const codes = output.diagnostics.map((d) => String(d.code));
  assert.ok(codes.includes('PL001'), `diagnostics: ${JSON.stringify(output.diagnostics)}`);
});
