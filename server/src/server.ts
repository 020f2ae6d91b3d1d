// Policy Lens language server: a thin LSP adapter over the pure analysis core (server/src/core).
// Run as `node server/out/server.js --stdio` (or `--node-ipc` from the VS Code client).
import './lsp/startWorkers'; // first: see there
import type { CancellationToken, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { loadBuiltinKbDetailed, type BuiltinKbLoad } from './core/kb/builtin';
import { pathToUri } from './core/workspace/uri';
import { serverCapabilities } from './lsp/capabilities';
import { codeActions } from './lsp/codeActions';
import { completion } from './lsp/completion';
import { CHECK_WORKSPACE_REQUEST, checkWorkspace, documentLinks, ENTITY_INDEX_REQUEST, entityIndex } from './lsp/custom';
import { DiagnosticsPublisher } from './lsp/diagnostics';
import { docOf, guard, guardNotification } from './lsp/guard';
import { hover } from './lsp/hover';
import { Indexer } from './lsp/indexing';
import { definition, documentHighlight, references } from './lsp/navigation';
import { prepareRename, rename } from './lsp/rename';
import { semanticTokens } from './lsp/semanticTokens';
import { asWireType } from './lsp/serializedResult';
import { clientFlags, Session } from './lsp/session';
import { readSettings } from './lsp/settings';
import { documentSymbols, workspaceSymbols } from './lsp/symbols';
import { registerSync, registerWatchers } from './lsp/sync';
import { createServerConnection } from './lsp/transport';

const builtinAtStart = loadBuiltin();

function loadBuiltin(): BuiltinKbLoad {
  try {
    return loadBuiltinKbDetailed();
  } catch (e) {
    return { records: [], problems: [], from: 'compiled', failure: e };
  }
}

const connection = createServerConnection();
const session = new Session(connection);
const publisher = new DiagnosticsPublisher(session);
const indexer = new Indexer(session, publisher);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  session.flags = clientFlags(params.capabilities ?? {});
  const folders = params.workspaceFolders?.map((f) => f.uri);
  session.roots = folders?.length ? folders : params.rootUri ? [params.rootUri] : params.rootPath ? [pathToUri(params.rootPath)] : [];
  indexer.initializationSettings = readSettings(params.initializationOptions);
  const builtin = builtinAtStart;
  session.builtin = builtin.records;
  for (const p of builtin.problems) connection.console.error(`built-in kb ${p.uri}: ${p.message}`);
  if (builtin.failure !== undefined) {
    const e = builtin.failure;
    connection.console.error(`The built-in knowledge base could not be loaded: ${e instanceof Error ? e.message : e}`);
  }
  return { capabilities: serverCapabilities(), serverInfo: { name: 'policy-lens', version: '0.1.0' } };
});

connection.onInitialized(
  guardNotification(connection, 'initialized', async () => {
    // Not awaited: indexing must not wait for the client to answer the registration.
    registerWatchers(session).catch((e) => connection.console.warn(`Could not register file watchers: ${e}`));
    if (session.flags.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guardNotification(connection, 'workspace/didChangeWorkspaceFolders', async (e) => {
          const removed = new Set(e.removed.map((f) => f.uri));
          session.roots = [...session.roots.filter((r) => !removed.has(r)), ...e.added.map((f) => f.uri)];
          await indexer.reindex();
        }),
      );
    }
    await indexer.reindex();
  }),
);

registerSync(session, publisher, indexer);

type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;
const onDoc = <P extends { textDocument?: { uri: string } }, R>(method: string, handler: Handler<P, R>) =>
  guard<P, R>(connection, method, handler, docOf);

connection.onHover(onDoc('textDocument/hover', (p) => hover(session, p)));
connection.onDefinition(onDoc('textDocument/definition', (p) => definition(session, p)));
connection.onReferences(onDoc('textDocument/references', (p, t) => asWireType(references(session, p, t))));
connection.onDocumentHighlight(onDoc('textDocument/documentHighlight', (p) => documentHighlight(session, p)));
connection.onPrepareRename(onDoc('textDocument/prepareRename', (p) => prepareRename(session, p)));
connection.onRenameRequest(onDoc('textDocument/rename', (p, t) => rename(session, p, t)));
connection.onCompletion(onDoc('textDocument/completion', (p, t) => completion(session, p, t)));
connection.onCodeAction(onDoc('textDocument/codeAction', (p) => codeActions(session, p)));
connection.onDocumentSymbol(onDoc('textDocument/documentSymbol', (p) => documentSymbols(session, p)));
connection.onDocumentLinks(onDoc('textDocument/documentLink', (p) => documentLinks(session, p)));
connection.languages.semanticTokens.on(onDoc('textDocument/semanticTokens/full', (p) => semanticTokens(session, p)));
connection.onWorkspaceSymbol(guard(connection, 'workspace/symbol', (p, t) => workspaceSymbols(session, p, t)));
// Custom requests take no params; jsonrpc then passes the token as the only argument.
const noParams = <R>(method: string, handler: (token: CancellationToken) => Promise<R>) => {
  const guarded = guard(connection, method, (_p: unknown, t: CancellationToken) => handler(t));
  return (...args: unknown[]) => guarded(undefined, args[args.length - 1] as CancellationToken);
};
connection.onRequest(ENTITY_INDEX_REQUEST, noParams(ENTITY_INDEX_REQUEST, (t) => entityIndex(session, t)));
connection.onRequest(CHECK_WORKSPACE_REQUEST, noParams(CHECK_WORKSPACE_REQUEST, (t) => checkWorkspace(session, t)));

// A bug anywhere must not take the server down with the user's unsaved work in flight: log and carry on.
const logFatal = (what: string) => {
  try {
    connection.console.error(what);
  } catch {
    process.stderr.write(`${what}\n`); // the connection itself is gone
  }
};
process.on('uncaughtException', (e) => logFatal(`Uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => logFatal(`Unhandled rejection: ${e instanceof Error ? e.stack : e}`));

connection.listen();
