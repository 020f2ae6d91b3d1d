import * as vscode from 'vscode';
import { INSERT_FRONT_MATTER_KIND, isCorpusDocument } from '../protocol';

/**
 * Applies the server's "Insert front-matter from text" source action to the active document. Going through VS Code's
 * code action API (not a custom request) keeps one implementation for the command, the light bulb and
 * `editor.codeActionsOnSave`.
 */
export async function insertFrontMatter(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isCorpusDocument(editor.document)) {
    void vscode.window.showInformationMessage('Policy Lens: open a Markdown or plain-text document to insert front-matter.');
    return;
  }
  const { document } = editor;
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, 0, 0),
      INSERT_FRONT_MATTER_KIND,
    )) ?? [];
  const action = actions.find(
    (a): a is vscode.CodeAction => 'kind' in a && !!a.kind && a.kind.value === INSERT_FRONT_MATTER_KIND,
  );
  if (!action || (!action.edit && !action.command)) {
    const hasFrontMatter = /^\uFEFF?---[ \t]*$/.test(document.lineAt(0).text);
    void vscode.window.showInformationMessage(
      hasFrontMatter
        ? 'Policy Lens: nothing to insert — this document already has front-matter.'
        : 'Policy Lens: nothing to insert — this document is not part of the corpus (see the policyLens.include and policyLens.exclude settings).',
    );
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showErrorMessage('Policy Lens: the front-matter could not be inserted (the document changed meanwhile?).');
    return;
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  // Reveal what was inserted: the block sits at the top.
  if (vscode.window.activeTextEditor?.document === document) {
    vscode.window.activeTextEditor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
  }
}
