import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckWorkspaceRequest, type CheckSummary } from '../protocol';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function summaryMessage(s: CheckSummary): string {
  const problems = s.errors + s.warnings + s.infos;
  const head = `Policy Lens checked ${plural(s.documents, 'document')}`;
  if (problems === 0) return `${head}: no problems.`;
  return `${head}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}.`;
}

/** Asks the server for the corpus-wide counts (every file, not only open ones) and opens the Problems view. */
export async function checkWorkspace(client: LanguageClient): Promise<void> {
  try {
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Policy Lens: checking the workspace…', cancellable: true },
      (_progress, token) => client.sendRequest(CheckWorkspaceRequest, token),
    );
    const message = summaryMessage(summary);
    if (summary.errors > 0) void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  } catch (e) {
    void vscode.window.showErrorMessage(`Policy Lens: the workspace check failed: ${(e as Error).message}`);
  }
}
