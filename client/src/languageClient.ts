import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DOCUMENT_LANGUAGES } from './protocol';

/** Markdown and plain text on disk and in unsaved editors, plus the user's kb YAML files (hover/definition there). */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...DOCUMENT_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  { scheme: 'file', language: 'yaml', pattern: '**/kb/**/*.{yaml,yml}' },
];

/**
 * Creates (does not start) the client for the bundled server, spoken to over stdio: the transport every other
 * editor uses and the benchmark measures, where the server writes each turn's messages at once and serves large
 * answers from bytes it serialized once (server/src/lsp/batchingWriter.ts).
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  traceOutputChannel: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // No static `synchronize` section: the server registers its own file watchers and the `policyLens`
    // configuration section dynamically (the same globs, for every LSP client); declaring them here as well would
    // send every file event and settings change twice, and each one can trigger a re-index.
    outputChannel,
    traceOutputChannel,
    // Hover cards are built from document and knowledge-base text: never trusted, no HTML, no command links.
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient('policyLens', 'Policy Lens', serverOptions, clientOptions);
}
