// `npm run test:ui`: what a user sees. Chromium (Debian's, via playwright-core) opens code-server on the sample
// corpus, opens a document, hovers an entity and reads the hover widget, opens the Problems view and finds a
// metadata diagnostic, opens the quick-fix menu on it. Screenshots go to test-results/ui/; with
// POLICY_LENS_UPDATE_DOC_IMAGES=1 the hover and quick-fix shots are also copied to docs/images/ for the README.
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/e2e/browser';
import { EXTENSION_DIR, makeTempRoot, printEditorLogs, removeTempRoot, startCodeServer } from '../../scripts/e2e/codeServer';

// Page functions run in the browser; the project's tsconfig has no DOM types.
declare const document: any;

interface Scenario {
  folder: string;
  /** Document to hover in, the words to hover (the pointer goes to their second character), expected text. */
  hoverFile: string;
  hoverWord: string;
  expectHover: string[];
  /** Document with a metadata problem on line 1: the Problems view must list `problemCode`, and Ctrl+. offers a fix. */
  fixFile: string;
  problemCode: string;
}

const CORPUS: Scenario = {
  folder: resolve('samples/corpus'),
  hoverFile: 'press/2024-06-nato-summit.md',
  hoverWord: '북대서양조약기구 정상회의에',
  expectHover: ['북대서양조약기구', 'North Atlantic Treaty Organization'],
  fixFile: 'news/scraped-briefing.txt',
  problemCode: 'PL001',
};
// The e2e fixture workspace stands in when the sample corpus is not there (e.g. a trimmed checkout).
const FIXTURE: Scenario = {
  folder: resolve('test/vscode/workspace'),
  hoverFile: 'briefings/2024-03-nk-russia.md',
  hoverWord: '북한의',
  expectHover: ['북한', 'North Korea'],
  fixFile: 'inbox/no-front-matter.md',
  problemCode: 'PL001',
};

const OUT = resolve('test-results/ui');
const DOC_IMAGES = resolve('docs/images');
const t0 = Date.now();
const lap = (m: string) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function main(): Promise<number> {
  const sc = existsSync(join(CORPUS.folder, CORPUS.hoverFile)) ? CORPUS : FIXTURE;
  if (sc === FIXTURE) lap(`samples/corpus/${CORPUS.hoverFile} not found: using the fixture workspace`);
  mkdirSync(OUT, { recursive: true });
  const root = makeTempRoot();
  const folder = join(root, 'ws');
  cpSync(sc.folder, folder, { recursive: true });
  const cs = await startCodeServer({ root, settings: { 'workbench.colorTheme': 'Default Light Modern', 'window.zoomLevel': 0 } });
  lap(`code-server up on ${cs.origin}`);
  const browser = await launchChromium(root, { width: 1280, height: 760 });
  const failures: string[] = [];
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => console.log(`[browser pageerror] ${e.message}`));
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${cs.port}${EXTENSION_DIR}`]];
    await page.goto(`${cs.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    lap('workbench visible');

    // 1. Hover card.
    await openFile(page, sc.hoverFile, sc.hoverWord.split(' ')[0]);
    lap(`${sc.hoverFile} open`);
    const hover = await hoverWord(page, sc.hoverWord, sc.expectHover);
    await page.screenshot({ path: join(OUT, 'hover.png') });
    lap(`hover text: ${JSON.stringify(hover.slice(0, 300))}`);
    for (const s of sc.expectHover) if (!hover.includes(s)) failures.push(`hover on ${sc.hoverWord} lacks "${s}"`);

    // 2. The extension's status bar item shows the index size once the workspace is indexed.
    const status = await waitForText(page, '.statusbar-item[id*="policy" i]', (t) => /\d+ docs?\b/.test(t), 30_000);
    lap(`status bar: ${JSON.stringify(status)}`);
    if (!/\d+ docs?\b/.test(status)) failures.push(`the Policy Lens status bar item does not show the index: ${JSON.stringify(status)}`);

    // 3. Problems view lists a metadata diagnostic.
    await page.keyboard.press('Escape');
    await openFile(page, sc.fixFile);
    await page.keyboard.press('Control+Shift+M');
    // The list is virtual: filter it to the code so the row is rendered whatever else the corpus reports.
    const filter = page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
    await filter.click({ timeout: 30_000 });
    await filter.fill(sc.problemCode);
    const problems = await waitForText(page, '.markers-panel', (t) => t.includes(sc.problemCode), 30_000);
    await page.screenshot({ path: join(OUT, 'problems.png') });
    lap(`problems view: ${JSON.stringify(problems.slice(0, 300))}`);
    if (!problems.includes(sc.problemCode)) failures.push(`Problems view does not list ${sc.problemCode}`);

    // 4. Quick-fix menu on that diagnostic (cursor on line 1, Ctrl+.).
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 40, y: 8 } });
    await page.keyboard.press('Control+Home');
    let menu = '';
    for (let i = 0; i < 5 && !menu; i++) {
      await page.keyboard.press('Control+.');
      menu = await waitForText(page, '.action-widget', (t) => t.trim().length > 0, 4000);
      if (!menu) await page.keyboard.press('Escape');
    }
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, 'quick-fix.png') });
    lap(`quick-fix menu: ${JSON.stringify(menu.slice(0, 300))}`);
    if (!/front.?matter|머리말|메타/i.test(menu)) failures.push(`quick-fix menu does not offer a front-matter fix: ${JSON.stringify(menu)}`);
  } catch (e) {
    failures.push(String(e));
  } finally {
    await browser.close().catch(() => undefined);
    if (failures.length) printEditorLogs(cs);
    await cs.stop();
    removeTempRoot(root);
  }
  if (failures.length === 0 && process.env.POLICY_LENS_UPDATE_DOC_IMAGES) {
    mkdirSync(DOC_IMAGES, { recursive: true });
    for (const f of ['hover.png', 'quick-fix.png']) copyFileSync(join(OUT, f), join(DOC_IMAGES, f));
    lap('docs/images updated');
  }
  for (const f of failures) console.log(`FAIL: ${f}`);
  lap(failures.length ? 'FAIL' : 'PASS');
  return failures.length ? 1 : 0;
}

/** Quick Open (Ctrl+P) by relative path; waits until the editor shows `expectText` (or the tab exists). */
async function openFile(page: Page, rel: string, expectText?: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 300 } }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 30_000 });
  await page.keyboard.type(rel, { delay: 10 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${rel.split('/').pop()}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
  const name = rel.split('/').pop()!;
  await page.waitForSelector(`.tabs-container .tab[aria-label*="${name}"]`, { timeout: 30_000 });
  if (expectText) await page.waitForSelector(`.monaco-editor .view-lines:has-text("${expectText}")`, { timeout: 30_000 });
}

/**
 * Moves the pointer onto `word` in the rendered editor lines and reads the hover widget. The first hovers can be
 * empty while the extension activates and the server indexes, so it retries until `expect` shows or time runs out.
 */
async function hoverWord(page: Page, word: string, expect: string[], ms = 60_000): Promise<string> {
  const deadline = Date.now() + ms;
  let text = '';
  while (Date.now() < deadline) {
    const box = await page.evaluate((w: string) => {
      // Monaco splits a line into token spans and renders spaces as U+00A0: search the line's text, then find the
      // text node that holds the second character of the match (inside the name, away from any particle).
      for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
        const i = line.textContent.replace(/\u00a0/g, ' ').indexOf(w);
        if (i < 0) continue;
        const walker = document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
        let left = i + 1;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (left < node.length) {
            const r = document.createRange();
            r.setStart(node, left);
            r.setEnd(node, left + 1);
            const b = r.getBoundingClientRect();
            return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
          }
          left -= node.length;
        }
      }
      return null;
    }, word);
    if (box) {
      await page.mouse.move(box.x - 150, box.y + 150);
      await page.mouse.move(box.x, box.y, { steps: 5 });
      text = await waitForText(page, '.monaco-hover', (t) => expect.every((s) => t.includes(s)), 10_000);
      if (expect.every((s) => text.includes(s))) {
        await page.waitForTimeout(500); // the hover fades in
        return text;
      }
    }
    await page.waitForTimeout(500);
  }
  return text;
}

/** innerText of every element matching `selector`, once `ok` holds (or whatever is there after `ms`). */
async function waitForText(page: Page, selector: string, ok: (t: string) => boolean, ms: number): Promise<string> {
  const read = () => page.evaluate((sel: string) => [...document.querySelectorAll(sel)].map((e: any) => e.innerText).join('\n'), selector);
  const deadline = Date.now() + ms;
  let t = await read();
  while (!ok(t) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    t = await read();
  }
  return t;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
