import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { indexStateText } from './format';
import { IndexStateNotification, isCorpusDocument, type IndexState } from './protocol';

/** The index state in the status bar, shown while a Markdown or plain-text editor is active. */
export class IndexStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('policyLens.indexState', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(client: LanguageClient) {
    this.item.name = 'Policy Lens';
    this.item.command = 'policyLens.showEntityIndex';
    this.showStarting();
    this.subscriptions.push(
      this.item,
      client.onNotification(IndexStateNotification, (s) => this.showIndex(s)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Starting) this.showStarting();
        if (e.newState === State.Stopped) this.showStopped();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()),
    );
    this.updateVisibility();
  }

  showIndex(s: IndexState): void {
    const { text, tooltip } = indexStateText(s);
    this.item.backgroundColor = undefined;
    this.item.command = 'policyLens.showEntityIndex';
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  private showStarting(): void {
    this.item.text = '$(sync~spin) Policy Lens: starting…';
    this.item.tooltip = 'Starting the Policy Lens language server.';
  }

  private showStopped(): void {
    this.item.text = '$(error) Policy Lens: stopped';
    this.item.tooltip = 'The Policy Lens language server has stopped (see the "Policy Lens" output). Click to restart it.';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.command = 'policyLens.restartServer';
  }

  private updateVisibility(): void {
    if (isCorpusDocument(vscode.window.activeTextEditor?.document)) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
