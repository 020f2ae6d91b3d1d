// `npm run test:electron`: the same integration suite (test/vscode/suite) in desktop VS Code via @vscode/test-electron.
//
// This needs a machine that can download VS Code from update.code.visualstudio.com (or an installed VS Code given
// by POLICY_LENS_VSCODE_EXECUTABLE). Our CI machines cannot: there, `npm run test:vscode` runs the suite in the
// VS Code 1.100 extension host of code-server instead, which is what CI uses.
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './buildSuite';
import { makeTempRoot, removeTempRoot } from './codeServer';

async function main(): Promise<number> {
  for (const f of ['client/out/extension.js', 'server/out/server.js']) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const extensionTestsPath = await buildSuite();
  const root = makeTempRoot('pl-electron-');
  const workspace = join(root, 'ws');
  cpSync(resolve('test/vscode/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.POLICY_LENS_VSCODE_VERSION ?? '1.100.3',
      vscodeExecutablePath: process.env.POLICY_LENS_VSCODE_EXECUTABLE,
      extensionDevelopmentPath: resolve('.'),
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(root, 'data'), '--extensions-dir', join(root, 'ext')],
    });
    return 0;
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed|Failed to download|getaddrinfo/i.test(msg)) {
      console.error(
        `\n@vscode/test-electron could not download VS Code (${msg.split('\n')[0]}).\n` +
          'This machine has no access to update.code.visualstudio.com. Run `npm run test:vscode` (code-server), or set\n' +
          'POLICY_LENS_VSCODE_EXECUTABLE to an installed VS Code binary.',
      );
    } else {
      console.error(e);
    }
    return 1;
  } finally {
    removeTempRoot(root);
  }
}

main().then((c) => process.exit(c));
