/**
 * A language server child process driven over stdio by vscode-languageserver-protocol's client side, with the
 * measurements the benchmark needs: request timing, pushed-diagnostics tracking and the server's RSS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';

export interface Published {
  uri: string;
  version?: number;
  count: number;
  at: number;
}

type Waiter = { test: (p: Published) => boolean; resolve: (p: Published) => void };

export class LspProcess {
  readonly conn: MessageConnection;
  readonly stderr: string[] = [];
  /** The server's log (window/logMessage), last 200 messages. */
  readonly log: string[] = [];
  private logWaiters: { test: (m: string) => boolean; resolve: (m: string) => void }[] = [];

  /** The first log message (already received or to come) that passes `test`. */
  logged(test: (message: string) => boolean): Promise<string> {
    const seen = this.log.find(test);
    return seen !== undefined ? Promise.resolve(seen) : new Promise((resolve) => this.logWaiters.push({ test, resolve }));
  }
  /** Latest publishDiagnostics per uri. */
  readonly published = new Map<string, Published>();
  exitCode: number | null | undefined = undefined;
  exitSignal: NodeJS.Signals | null = null;
  private waiters: Waiter[] = [];
  readonly publishListeners: ((p: Published) => void)[] = [];
  /** Diagnostics received in all publications, their number and an estimate of their JSON size. */
  diagnosticsReceived = 0;
  publications = 0;
  sampledBytes = 0;
  /** Resolves when the process has exited (for whatever reason). */
  readonly exited: Promise<void>;
  private disposing = false;

  private constructor(readonly proc: ChildProcess) {
    this.conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (d: string) => {
      this.stderr.push(d);
      if (this.stderr.length > 200) this.stderr.shift();
    });
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        resolve();
      }),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const entry: Published = { uri: p.uri, version: p.version, count: p.diagnostics.length, at: performance.now() };
      this.diagnosticsReceived += p.diagnostics.length;
      // Estimate the bytes on the wire from every 50th message (stringifying all would load the client).
      if (this.publications++ % 50 === 0) this.sampledBytes += JSON.stringify(p).length * 50;
      this.published.set(p.uri, entry);
      for (const listener of this.publishListeners) listener(entry);
      this.waiters = this.waiters.filter((w) => (w.test(entry) ? (w.resolve(entry), false) : true));
    });
    // What an editor answers: no settings (defaults), capability registrations and progress tokens accepted.
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.conn.onRequest((method: string) => {
      if (method === 'client/registerCapability' || method === 'client/unregisterCapability' || method === 'window/workDoneProgress/create') return null;
      if (method === 'workspace/workspaceFolders') return this.folders;
      return null;
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.log.push(p.message);
      if (this.log.length > 200) this.log.shift();
      this.logWaiters = this.logWaiters.filter((w) => (w.test(p.message) ? (w.resolve(p.message), false) : true));
    });
    this.conn.onNotification(() => {});
    this.conn.onError(() => {});
    this.conn.listen();
  }

  private folders: { uri: string; name: string }[] = [];

  static start(command: string, args: string[], cwd?: string, env?: Record<string, string>): LspProcess {
    const proc = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
    return new LspProcess(proc);
  }

  get alive(): boolean {
    return this.exitCode === undefined && this.exitSignal === null;
  }

  /** True when the server went away on its own (not through shutdown/exit). */
  get crashed(): boolean {
    return !this.disposing && !this.alive;
  }

  async initialize(rootUri: string, initializationOptions: unknown = {}): Promise<{ capabilities: Record<string, unknown> }> {
    this.folders = [{ uri: rootUri, name: 'corpus' }];
    return this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: this.folders,
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, symbol: {} },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: false },
          references: {},
        },
        window: { workDoneProgress: true },
      },
    });
  }

  /** Resolves on the first publishDiagnostics (from now on) that passes `test`. */
  nextDiagnostics(test: (p: Published) => boolean): Promise<Published> {
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** One request, timed from send to answer (client-observed latency, JSON transfer included). */
  async timed<R>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
    const t = performance.now();
    const result = (await this.conn.sendRequest(method, params)) as R;
    return { ms: performance.now() - t, result };
  }

  /** Resident memory of the server process from /proc (Linux), in MB: current and peak. */
  memory(): { rssMb: number; peakMb: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** CPU time (user + system) the server process has used so far, in ms: robust to other load on the machine. */
  cpuMs(): number | undefined {
    return processCpuMs(this.proc.pid);
  }

  async dispose(): Promise<void> {
    this.disposing = true;
    if (this.alive) {
      const grace = new Promise((r) => setTimeout(r, 3000));
      try {
        await Promise.race([this.conn.sendRequest('shutdown').then(() => this.conn.sendNotification('exit')), grace]);
      } catch {
        /* already gone */
      }
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 3000))]);
      if (this.alive) this.proc.kill('SIGKILL');
    }
    this.conn.dispose();
  }

  tail(): string {
    return this.stderr.join('').split('\n').slice(-15).join('\n');
  }
}

/** utime + stime of a process from /proc/<pid>/stat (Linux; clock ticks of 10 ms). */
export function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
