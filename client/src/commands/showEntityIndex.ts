import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { entityDescription, entityLabel } from '../format';
import { EntityIndexRequest, type EntityIndexEntry } from '../protocol';

interface EntityItem extends vscode.QuickPickItem {
  entry: EntityIndexEntry;
}

function toQuickPickItem(entry: EntityIndexEntry): EntityItem {
  return {
    label: entityLabel(entry),
    description: entityDescription(entry),
    detail: entry.uri ? undefined : 'no definition file',
    entry,
  };
}

/** Quick pick over every entity and instrument; choosing one opens its definition. */
export async function showEntityIndex(client: LanguageClient): Promise<void> {
  const quickPick = vscode.window.createQuickPick<EntityItem>();
  quickPick.title = 'Policy Lens: Entity Index';
  quickPick.placeholder = 'Search entities and instruments by Korean or English name, or by id';
  quickPick.matchOnDescription = true;
  quickPick.busy = true;
  quickPick.show();
  const cancel = new vscode.CancellationTokenSource();
  const hidden = quickPick.onDidHide(() => cancel.cancel());
  try {
    const entries = await client.sendRequest(EntityIndexRequest, cancel.token);
    if (cancel.token.isCancellationRequested) return;
    quickPick.items = entries.map(toQuickPickItem);
    quickPick.busy = false;
    const picked = await new Promise<EntityItem | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
      quickPick.onDidHide(() => resolve(undefined));
    });
    quickPick.hide();
    if (picked) await openDefinition(client, picked.entry);
  } catch (e) {
    if (!cancel.token.isCancellationRequested) {
      void vscode.window.showErrorMessage(`Policy Lens: could not load the entity index: ${(e as Error).message}`);
    }
  } finally {
    hidden.dispose();
    cancel.dispose();
    quickPick.dispose();
  }
}

async function openDefinition(client: LanguageClient, entry: EntityIndexEntry): Promise<void> {
  if (!entry.uri) {
    void vscode.window.showInformationMessage(`Policy Lens: ${entityLabel(entry)} (${entry.id}) has no definition file.`);
    return;
  }
  const uri = client.protocol2CodeConverter.asUri(entry.uri);
  const selection = entry.range ? client.protocol2CodeConverter.asRange(entry.range) : undefined;
  await vscode.window.showTextDocument(uri, { selection, preview: true });
}
