import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';
import { CODE_ACTION_KINDS } from './codeActions';
import { SEMANTIC_LEGEND } from './semanticTokens';

/** What the server offers. Kept in one place so the protocol tests and the docs can check it. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: { workDoneProgress: false },
    documentHighlightProvider: true,
    renameProvider: { prepareProvider: true },
    completionProvider: { triggerCharacters: ['[', ',', ' '], resolveProvider: false },
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
    documentSymbolProvider: { label: 'Policy Lens' },
    workspaceSymbolProvider: true,
    documentLinkProvider: { resolveProvider: false },
    semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
