import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkWorkspace } from './commands/checkWorkspace';
import { insertFrontMatter } from './commands/insertFrontMatter';
import { showEntityIndex } from './commands/showEntityIndex';
import { createLanguageClient } from './languageClient';
import { IndexStatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** Thin adapter: starts the bundled language server and maps the Policy Lens commands onto it. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Policy Lens', { log: true });
  const trace = vscode.window.createOutputChannel('Policy Lens Trace', { log: true });
  const lc = createLanguageClient(context, output, trace);
  client = lc;
  context.subscriptions.push(
    output,
    trace,
    new IndexStatusBar(lc),
    vscode.commands.registerCommand('policyLens.insertFrontMatter', insertFrontMatter),
    vscode.commands.registerCommand('policyLens.showEntityIndex', () => showEntityIndex(lc)),
    vscode.commands.registerCommand('policyLens.checkWorkspace', () => checkWorkspace(lc)),
    vscode.commands.registerCommand('policyLens.restartServer', async () => {
      output.appendLine('Restarting the Policy Lens language server…');
      try {
        await lc.restart();
      } catch (e) {
        void vscode.window.showErrorMessage(`Policy Lens: the language server could not be restarted: ${(e as Error).message}`);
      }
    }),
  );
  try {
    await lc.start();
  } catch (e) {
    // The client already logged the details; keep the commands registered so "Restart" can try again.
    output.appendLine(`Policy Lens: the language server failed to start: ${(e as Error).message}`);
    void vscode.window.showErrorMessage('Policy Lens: the language server failed to start. See the "Policy Lens" output.');
  }
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  // A client whose server never started has nothing to stop (and `stop()` would reject).
  if (c?.isRunning()) await c.stop();
}
