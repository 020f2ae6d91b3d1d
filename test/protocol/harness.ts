// A real LSP client (vscode-languageserver-protocol's client side) driving the bundled server over stdio.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SERVER = join(REPO, 'server/out/server.js');
export const FIXTURES = join(REPO, 'test/fixtures/protocol');

/** A client that can do what VS Code does: versioned edits, file creation, watchers, progress, markdown. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    symbol: {},
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    rename: { prepareSupport: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    semanticTokens: {
      requests: { full: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
  },
};

/** Copies a fixture workspace to a fresh temp dir (for tests that change files). */
export function copyFixture(name: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `pl-proto-${name}-`)));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function uriOf(root: string, rel: string): string {
  return pathToFileURL(join(root, rel)).href;
}

export interface StartOptions {
  capabilities?: ClientCapabilities;
  /** Answer to `workspace/configuration` for `policyLens`. */
  settings?: unknown;
  initializationOptions?: unknown;
  /** Extra environment for the server process (e.g. POLICY_LENS_WORKERS). */
  env?: Record<string, string>;
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** The document version each last diagnostics notification was computed for. */
  readonly diagnosticVersions = new Map<string, number | undefined>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  readonly progress: { kind: string; message?: string; percentage?: number }[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();
  initializeResult!: InitializeResult;

  private constructor(
    readonly root: string,
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(root: string, options: StartOptions = {}): Promise<TestClient> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, stdio: 'pipe', env: { ...process.env, ...options.env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(root, child, connection);
    child.stderr.on('data', (d) => client.logs.push(String(d)));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.diagnosticVersions.set(p.uri, p.version);
      client.wake();
    });
    connection.onUnhandledNotification(({ method, params }) => {
      client.notifications.push({ method, params });
      if (method === 'window/logMessage') client.logs.push((params as { message: string }).message);
      client.wake();
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => (options.settings ?? null) as never));
    connection.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        client.progress.push(value);
        client.wake();
      });
    });
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'fixture' }],
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await client.waitFor(() => client.indexState()?.state === 'ready', 'index ready');
    return client;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `check` holds (re-checked on every message from the server). */
  async waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nserver log:\n${this.logs.join('\n')}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
  }

  indexState(): { state: string; documents: number; entities: number; instruments: number } | undefined {
    const states = this.notifications.filter((n) => n.method === 'policyLens/indexState');
    return states[states.length - 1]?.params as never;
  }

  uri(rel: string): string {
    return uriOf(this.root, rel);
  }

  diagnosticsOf(rel: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(rel)) ?? [];
  }

  async waitForDiagnostics(rel: string, check: (d: Diagnostic[]) => boolean, what = 'diagnostics'): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const d = this.diagnostics.get(this.uri(rel));
      return d && check(d) ? d : undefined;
    }, `${what} of ${rel}`);
  }

  text(rel: string): string {
    return this.texts.get(this.uri(rel)) ?? readFileSync(join(this.root, rel), 'utf8');
  }

  async open(rel: string, text = readFileSync(join(this.root, rel), 'utf8')): Promise<string> {
    const uri = this.uri(rel);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: rel.endsWith('.txt') ? 'plaintext' : 'markdown', version: 1, text },
    });
    return uri;
  }

  /** Incremental change, as editors send it. */
  async edit(rel: string, edits: TextEdit[]): Promise<number> {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const doc = TextDocument.create(uri, 'markdown', version, this.texts.get(uri) ?? '');
    this.texts.set(uri, TextDocument.applyEdits(doc, edits));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return version;
  }

  async close(rel: string): Promise<void> {
    const uri = this.uri(rel);
    this.texts.delete(uri);
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Version of an open document (what versioned edits must match), null when not open. */
  version(uri: string): number | null {
    return this.versions.get(uri) ?? null;
  }

  /** Position of the n-th occurrence of `needle` in a file's current text (plus `delta` characters). */
  positionOf(rel: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
    const text = this.text(rel);
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = text.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`'${needle}' not found in ${rel}`);
    }
    return TextDocument.create('x:', 'x', 0, text).positionAt(at + delta);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await new Promise<void>((res) => {
        const t = setTimeout(() => {
          this.child.kill();
          res();
        }, 2000);
        this.child.once('exit', () => {
          clearTimeout(t);
          res();
        });
      });
    }
  }
}

/**
 * Applies a WorkspaceEdit the way an editor does: creates files, then applies each document's edits to its text.
 * Returns the resulting texts by uri (files not yet known are read from disk). Refuses stale versions.
 */
export function applyWorkspaceEdit(
  edit: WorkspaceEdit,
  read: (uri: string) => string | undefined,
  versions: (uri: string) => number | null = () => null,
): Map<string, string> {
  const out = new Map<string, string>();
  const current = (uri: string) => out.get(uri) ?? read(uri) ?? '';
  const apply = (uri: string, edits: TextEdit[]) => {
    const doc = TextDocument.create(uri, 'markdown', 0, current(uri));
    out.set(uri, TextDocument.applyEdits(doc, edits));
  };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind === 'create') {
        if (read(change.uri) === undefined || !change.options?.ignoreIfExists) out.set(change.uri, out.get(change.uri) ?? '');
      } else throw new Error(`unexpected resource operation ${change.kind}`);
      continue;
    }
    const expected = change.textDocument.version;
    if (expected !== null && expected !== versions(change.textDocument.uri)) {
      throw new Error(`stale edit for ${change.textDocument.uri}: version ${expected}`);
    }
    apply(change.textDocument.uri, change.edits as TextEdit[]);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  return out;
}

/** Reads a file: uri from disk, undefined when it does not exist. */
export function readUri(uri: string): string | undefined {
  const p = fileURLToPath(uri);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a server on a fixture before the tests of a file (or `describe`) and stops it after them. With `copy`
 * the server works on a temp copy (for tests that change files), prepared by `prepare` before the start.
 */
export function useServer(
  fixture: string,
  ready: (client: TestClient, root: string) => void,
  options: StartOptions & { copy?: boolean; prepare?: (root: string) => void } = {},
): void {
  let client: TestClient | undefined;
  let root = '';
  before(async () => {
    root = options.copy ? copyFixture(fixture) : join(FIXTURES, fixture);
    options.prepare?.(root);
    client = await TestClient.start(root, options);
    ready(client, root);
  });
  after(async () => {
    await client?.stop();
    if (options.copy) removeDir(root);
  });
}
