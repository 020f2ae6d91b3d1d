// Starts code-server (VS Code 1.100 in the browser, with a real Node extension host) for the e2e tests, fully
// isolated: user data, extensions, XDG dirs, IPC sockets and TMPDIR all live in one temp dir removed by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { onInterrupt } from './cleanup';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The extension under test: this repository (override to test an unpacked .vsix folder). */
export const EXTENSION_DIR = resolve(process.env.POLICY_LENS_E2E_EXT_DIR ?? '.');

/** Where scripts/ci/install-editors.sh puts code-server (outside the project's own dependencies). */
export function codeServerBin(): string {
  if (process.env.POLICY_LENS_CODE_SERVER) return process.env.POLICY_LENS_CODE_SERVER;
  const dir = process.env.POLICY_LENS_CS_DIR ?? join(homedir(), '.cache/policy-lens/code-server');
  const bin = join(dir, 'node_modules/.bin/code-server');
  if (!existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}. Run scripts/ci/install-editors.sh (or set POLICY_LENS_CODE_SERVER).`);
  }
  return bin;
}

/** A short temp dir: VS Code puts unix sockets in it, and socket paths are limited to 107 bytes. */
export function makeTempRoot(prefix = 'pl-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.hover.delay': 150,
};

export interface CodeServer {
  port: number;
  origin: string;
  /** Root of everything this instance writes. */
  root: string;
  userDataDir: string;
  /** code-server's own stdout/stderr. */
  serverLog(): string;
  /** Extension host log and output-channel logs (the "Policy Lens" channel among them), for failure reports. */
  editorLogs(filter?: RegExp): { file: string; text: string }[];
  stop(): Promise<void>;
}

export async function startCodeServer(opts: { root: string; settings?: Record<string, unknown> }): Promise<CodeServer> {
  const bin = codeServerBin();
  const root = opts.root;
  const userDataDir = join(root, 'data');
  const extensionsDir = join(root, 'ext');
  const runtime = join(root, 'run');
  for (const d of [join(userDataDir, 'User'), extensionsDir, runtime, join(root, 'xdg/config'), join(root, 'xdg/data'), join(root, 'xdg/cache')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify({ ...SETTINGS, ...opts.settings }, null, 2));
  const port = await freePort();
  const logFile = join(root, 'code-server.log');
  let log = '';
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'xdg/config'),
    XDG_DATA_HOME: join(root, 'xdg/data'),
    XDG_CACHE_HOME: join(root, 'xdg/cache'),
    XDG_RUNTIME_DIR: runtime,
    TMPDIR: runtime,
  };
  // detached: the child calls setsid(), so stop() can kill the whole group (extension host, language server,
  // file watchers), which otherwise outlive code-server for a few seconds.
  const child: ChildProcess = spawn(
    bin,
    [
      '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const forget = onInterrupt(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
    rmSync(root, { recursive: true, force: true });
  });
  child.stdout!.on('data', (b) => (log += b));
  child.stderr!.on('data', (b) => (log += b));
  let exited = false;
  child.on('exit', () => (exited = true));

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up:\n${log}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 30 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    port,
    origin,
    root,
    userDataDir,
    serverLog: () => log,
    editorLogs: (filter = /exthost\.log|Policy Lens|remoteagent/i) => collectLogs(join(userDataDir, 'logs'), filter),
    async stop() {
      writeFileSync(logFile, log);
      if (!exited && child.pid) {
        const gone = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 3000);
        await gone;
        clearTimeout(timer);
      }
      // Stragglers in the group (watchers, the language server) get a last SIGKILL.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* nothing left */
      }
      forget();
    },
  };
}

function collectLogs(dir: string, filter: RegExp): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.log') && filter.test(p)) out.push({ file: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** Printed when a run fails: what the editor and the extension said (the "Policy Lens" output channel included). */
export function printEditorLogs(cs: CodeServer, filter?: RegExp): void {
  console.log('\n===== editor logs (failure) =====');
  for (const { file, text } of cs.editorLogs(filter)) console.log(`--- ${file.slice(cs.root.length)}\n${text.slice(-8000)}`);
  console.log(`--- code-server stdout/stderr\n${cs.serverLog().slice(-4000)}`);
}

export function removeTempRoot(root: string): void {
  if (process.env.POLICY_LENS_E2E_KEEP) {
    console.log(`(kept ${root})`);
    return;
  }
  rmSync(root, { recursive: true, force: true });
}
