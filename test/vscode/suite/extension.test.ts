// Policy Lens inside a real VS Code extension host (code-server 1.100, or Electron under @vscode/test-electron),
// on the fixture workspace test/vscode/workspace (a copy of it).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, codeOf, diagnosticsWithCode, waitForServer, eventually, hoverText, lineOf, openDoc, positionOf, targets, workspaceUri,
} from './helpers';

const KO_DOC = 'briefings/2024-03-nk-russia.md';
const EN_DOC = 'briefings/2024-02-nato-partnership.md';
const NO_FRONT_MATTER = 'inbox/no-front-matter.md';
const MISSING_FIELDS = 'inbox/missing-date-source.md';
const KB_FILE = 'kb/forums.yaml';

suite('Policy Lens in VS Code', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed in the host`);
    await ext.activate();
    const doc = await openDoc(KO_DOC);
    const waited = await waitForServer(doc, positionOf(doc, '북한의 탄도미사일', 1));
    console.log(`    (server answered after ${waited} ms)`);
  });

  test('the extension activates', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  test('its four commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['policyLens.insertFrontMatter', 'policyLens.showEntityIndex', 'policyLens.checkWorkspace', 'policyLens.restartServer']) {
      assert.ok(commands.includes(c), `command ${c} is registered`);
    }
  });

  test('hover on a Korean mention with a particle (북한의) shows the entity card in Korean and English', async () => {
    const doc = await openDoc(KO_DOC);
    // Inside "북한" of "북한의 탄도미사일": the particle 의 must not stop recognition.
    const pos = positionOf(doc, '북한의 탄도미사일', 1);
    const text = await eventually(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos).then(hoverText),
      (t) => t.includes('North Korea'),
      'hover card for 북한의',
    );
    assert.match(text, /북한/);
    assert.match(text, /North Korea/);
  });

  test('hover on 러시아로부터 names Russia in both languages', async () => {
    const doc = await openDoc(KO_DOC);
    const text = await eventually(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '러시아로부터', 1)).then(hoverText),
      (t) => t.includes('Russia'),
      'hover card for 러시아로부터',
    );
    assert.match(text, /러시아/);
  });

  test('hover on an entity defined in the workspace kb (한빛평화포럼에서) shows the user\'s own record', async () => {
    const doc = await openDoc(KO_DOC);
    const text = await eventually(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '한빛평화포럼에서', 2)).then(hoverText),
      (t) => t.includes('Hanbit Peace Forum'),
      'hover card for 한빛평화포럼',
    );
    assert.match(text, /한빛평화포럼/);
  });

  test('no entity card on plain words', async () => {
    const doc = await openDoc(KO_DOC);
    // Wait until the server answers for this document at all, then ask about an ordinary word.
    await eventually(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '북한의 탄도미사일', 1)).then(hoverText),
      (t) => t.includes('North Korea'),
      'server ready',
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '전문가들은', 1));
    assert.doesNotMatch(hoverText(hovers), /North Korea|Russia|NATO/);
  });

  test('go to definition from a front-matter related: id opens the document with that id', async () => {
    const doc = await openDoc(KO_DOC);
    const pos = positionOf(doc, '- briefing-nato-partnership', 4);
    const found = await eventually(
      () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, pos).then(targets),
      (ts) => ts.some((t) => t.uri.path.endsWith(EN_DOC)),
      'definition of related: briefing-nato-partnership',
    );
    assert.ok(found.every((t) => t.uri.toString() !== doc.uri.toString()), 'the target is another document');
  });

  test('go to definition from a mention (한빛평화포럼에서) lands on its id line in the workspace kb file', async () => {
    const doc = await openDoc(KO_DOC);
    const pos = positionOf(doc, '한빛평화포럼에서', 2);
    const kbUri = workspaceUri(KB_FILE);
    const idLine = await lineOf(kbUri, 'id: hanbit-peace-forum');
    const found = await eventually(
      () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, pos).then(targets),
      (ts) => ts.some((t) => t.uri.path.endsWith(KB_FILE)),
      'definition of 한빛평화포럼',
    );
    const target = found.find((t) => t.uri.path.endsWith(KB_FILE))!;
    assert.equal(target.range.start.line, idLine);
  });

  test('a document without front-matter gets PL001; complete documents get no metadata diagnostics', async () => {
    const doc = await openDoc(NO_FRONT_MATTER);
    const [d] = await eventually(() => diagnosticsWithCode(doc.uri, 'PL001'), (ds) => ds.length === 1, 'PL001 on the document');
    assert.equal(d.range.start.line, 0, 'reported at the top of the file');
    // The complete documents: once the server has analysed them (it publishes PL009 notes for their unlisted
    // entities), there is no PL001/PL002 among their diagnostics.
    for (const rel of [KO_DOC, EN_DOC]) {
      const complete = await openDoc(rel);
      const ds = await eventually(() => vscode.languages.getDiagnostics(complete.uri), (ds) => ds.length > 0, `${rel} analysed`);
      assert.deepEqual(ds.map(codeOf).filter((c) => c === 'PL001' || c === 'PL002'), [], `${rel} is complete`);
    }
  });

  test('missing date and source are reported as PL002, one each', async () => {
    const doc = await openDoc(MISSING_FIELDS);
    const ds = await eventually(() => diagnosticsWithCode(doc.uri, 'PL002'), (ds) => ds.length === 2, 'two PL002 diagnostics');
    const messages = ds.map((d) => d.message).join('\n');
    assert.match(messages, /date/);
    assert.match(messages, /source/);
    assert.doesNotMatch(messages, /title/, 'title is present and not reported');
  });

  test('the quick fix for the missing date inserts the date the text gives, and the diagnostic goes away', async () => {
    const doc = await openDoc(MISSING_FIELDS);
    const ds = await eventually(() => diagnosticsWithCode(doc.uri, 'PL002'), (ds) => ds.length === 2, 'two PL002 diagnostics');
    const dateDiag = ds.find((d) => /date/.test(d.message))!;
    const actions = await eventually(
      () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, dateDiag.range, vscode.CodeActionKind.QuickFix.value, 20),
      (as) => (as ?? []).some((a) => a.edit && /date/i.test(a.title)),
      'a quick fix for the missing date',
    );
    const fix = actions.find((a) => a.edit && /date/i.test(a.title))!;
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
    const expected = before.replace('title: Joint statement on maritime security\n', 'title: Joint statement on maritime security\ndate: 2024-05-10\n');
    assert.equal(doc.getText(), expected);
    await eventually(() => vscode.languages.getDiagnostics(doc.uri).filter((d) => /date/.test(d.message)), (ds) => ds.length === 0, 'the date diagnostic clears');
    assert.equal(diagnosticsWithCode(doc.uri, 'PL002').length, 1, 'source is still missing');
  });
});

suite('Policy Lens commands', () => {
  test('"Insert Front-Matter from Text" writes title, date and entities read from the text above the untouched body', async () => {
    const doc = await openDoc(NO_FRONT_MATTER);
    await eventually(() => diagnosticsWithCode(doc.uri, 'PL001'), (ds) => ds.length === 1, 'PL001 before the command');
    const body = doc.getText();
    await vscode.commands.executeCommand('policyLens.insertFrontMatter');
    const text = await eventually(() => doc.getText(), (t) => t !== body, 'the document changes');
    assert.ok(text.endsWith(`---\n\n${body}`), `the body follows the new block unchanged:\n${text}`);
    const block = text.slice(0, text.length - body.length);
    assert.match(block, /^---\ntitle: 외교장관 회담 결과\ndate: 2024-04-02\n/);
    assert.match(block, /^source:/m, 'source is offered as a field to fill in');
    assert.match(block, /^entities: \[prk, rus\]$/m);
    await eventually(() => diagnosticsWithCode(doc.uri, 'PL001'), (ds) => ds.length === 0, 'PL001 clears');
  });
});
