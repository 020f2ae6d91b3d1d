import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { copyFixture, FIXTURES, removeDir, TestClient } from './harness';

const ROOT = join(FIXTURES, 'basic');
const codes = (client: TestClient, rel: string) => client.diagnosticsOf(rel).map((d) => d.code);

test('editor settings (workspace/configuration) are layered over .policylens.yaml', async () => {
  const client = await TestClient.start(ROOT, { settings: { severity: { PL001: 'off', PL006: 'warning' }, requiredFields: ['title'] } });
  try {
    const beta = await client.waitForDiagnostics('docs/beta.md', (d) => d.some((x) => x.code === 'PL006'));
    assert.equal(beta.find((d) => d.code === 'PL006')!.severity, 2, 'PL006 lowered to a warning');
    assert.ok(!codes(client, 'docs/gamma.txt').includes('PL001'), 'PL001 switched off');
  } finally {
    await client.stop();
  }
});

test('initializationOptions work for clients without workspace/configuration', async () => {
  const client = await TestClient.start(ROOT, {
    capabilities: { workspace: { workspaceEdit: { documentChanges: true } } },
    initializationOptions: { severity: { PL006: 'off' } },
  });
  try {
    await client.waitForDiagnostics('docs/gamma.txt', (d) => d.some((x) => x.code === 'PL001'));
    assert.ok(!codes(client, 'docs/beta.md').includes('PL006'), 'PL006 switched off');
  } finally {
    await client.stop();
  }
});

test('editing .policylens.yaml on disk re-applies the configuration', async () => {
  const root = copyFixture('basic');
  const client = await TestClient.start(root);
  try {
    await client.waitForDiagnostics('docs/beta.md', (d) => d.some((x) => x.code === 'PL006'));
    const file = join(root, '.policylens.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('severity:\n', 'severity:\n  PL006: "off"\n'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('.policylens.yaml'), type: FileChangeType.Changed }],
    });
    await client.waitForDiagnostics('docs/beta.md', (d) => !d.some((x) => x.code === 'PL006'), 'PL006 gone');
  } finally {
    await client.stop();
    removeDir(root);
  }
});
