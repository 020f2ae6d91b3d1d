// `npm run test:vscode`: runs the mocha suite in test/vscode/suite inside the real VS Code 1.100 extension host
// (code-server), the way @vscode/test-web does it: the workbench URL carries a payload with
// extensionDevelopmentPath (this repository) and extensionTestsPath (the bundled suite), and the workbench reports
// the suite's exit code through window.codeAutomationExit, which we expose from Playwright.
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser';
import { buildSuite } from './buildSuite';
import { EXTENSION_DIR, makeTempRoot, printEditorLogs, removeTempRoot, startCodeServer } from './codeServer';

const REPO = EXTENSION_DIR;
const FIXTURE = resolve('test/vscode/workspace');
const TIMEOUT_MS = Number(process.env.POLICY_LENS_E2E_TIMEOUT_MS ?? 180_000);
const t0 = Date.now();
const lap = (m: string) => console.log(`[vscode-e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function main(): Promise<number> {
  for (const f of ['client/out/extension.js', 'server/out/server.js']) {
    if (!existsSync(join(REPO, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const testsPath = await buildSuite();
  const root = makeTempRoot();
  // The suite edits documents (quick fixes); it works on a copy so the fixture in the repo never changes.
  const workspace = join(root, 'ws');
  cpSync(FIXTURE, workspace, { recursive: true });
  const cs = await startCodeServer({ root });
  lap(`code-server up on ${cs.origin}`);
  let code: number | 'timeout' = 1;
  const browser = await launchChromium(root);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    if (process.env.POLICY_LENS_E2E_DEBUG) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text().slice(0, 400)}`));
    page.on('pageerror', (e) => console.log(`[browser pageerror] ${e.message}`));
    let done!: (c: number) => void;
    const exited = new Promise<number>((r) => (done = r));
    // Console output of the extension host (mocha's reporter included) arrives here.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      console.log(format(...(Array.isArray(args) ? args : [args])).replace(/^/gm, type === 'error' ? '  ! ' : '  '));
    });
    await page.exposeFunction('codeAutomationExit', (c: number) => done(c));
    const authority = `127.0.0.1:${cs.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
    ];
    // Only wait for the HTML: on a busy machine the full 'load' of the workbench can exceed Playwright's 30 s default.
    await page.goto(`${cs.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    lap('workbench loading; suite runs in the extension host');
    code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
    lap(`suite finished: exit code ${code}`);
  } finally {
    await browser.close().catch(() => undefined);
    if (code !== 0) printEditorLogs(cs);
    await cs.stop();
    removeTempRoot(root);
  }
  return code === 0 ? 0 : 1;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
