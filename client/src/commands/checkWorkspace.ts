import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkSummaryMessage } from '../format';
import { CheckWorkspaceRequest } from '../protocol';

/** Asks the server for the corpus-wide counts (every file, not only open ones) and opens the Problems view. */
export async function checkWorkspace(client: LanguageClient): Promise<void> {
  let cancelled = false;
  try {
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Policy Lens: checking the workspace…', cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => (cancelled = true));
        return client.sendRequest(CheckWorkspaceRequest, token);
      },
    );
    const message = checkSummaryMessage(summary);
    if (summary.errors > 0) void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  } catch (e) {
    if (cancelled) return; // the user stopped it: nothing went wrong
    void vscode.window.showErrorMessage(`Policy Lens: the workspace check failed: ${(e as Error).message}`);
  }
}
