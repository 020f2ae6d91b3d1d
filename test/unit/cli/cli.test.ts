import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';

const cli = path.resolve(__dirname, '../../../server/src/cli.ts');

/** Runs the CLI from source in a child process, as a user would run the command. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const root = mkdtempSync(path.join(tmpdir(), 'pl-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(root, name);
  writeFileSync(p, text);
  return p;
};

describe('policy-lens CLI', () => {
  const good = file('good.md', '---\ntitle: 좋은 문서\ndate: 2024-01-02\nsource: https://example.org/a\nentities: [prk]\n---\n북한의 발표\n');
  const bad = file('bad.md', '---\ntitle: 나쁜 문서\ndate: 2024-13-45\nsource: https://example.org/b\n---\n본문\n');

  it('check: exit 0 on a clean file, 1 with errors, printing file:line:col: severity CODE message', async () => {
    assert.equal((await run(['check', good])).code, 0);
    const r = await run(['check', bad]);
    assert.equal(r.code, 1);
    assert.match(r.out, /bad\.md:3:7: error PL003 /);
  });

  it('check --format json carries 0-based LSP ranges; sarif is SARIF 2.1.0', async () => {
    const json = JSON.parse((await run(['check', '--format', 'json', bad])).out);
    const d = json.find((x: { code: string }) => x.code === 'PL003');
    assert.deepEqual(d.range.start, { line: 2, character: 6 });
    const sarif = JSON.parse((await run(['check', '--format', 'sarif', bad])).out);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 3);
  });

  it('bad usage exits 2 with the usage text', async () => {
    for (const args of [['bogus'], ['check', '--format', 'xml'], ['mentions'], ['fix'], ['check', path.join(root, 'missing.md')]]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /Usage:/);
    }
  });

  it('mentions lists recognised names with ranges and ids', async () => {
    const r = JSON.parse((await run(['mentions', '--format', 'json', good])).out);
    const m = r.mentions.find((x: { ids: string[] }) => x.ids.includes('prk'));
    assert.equal(m.text, '북한');
    assert.deepEqual(m.range.start, { line: 6, character: 0 });
  });

  it('fix inserts inferred front-matter and normalises dates, keeps CRLF, and --dry-run writes nothing', async () => {
    const scraped = file('scraped.txt', '보도자료\r\n\r\n북대서양조약기구와의 협력 강화\r\n\r\n작성일\r\n2023-12-26\r\n\r\n북한의 도발을 규탄하였다.\r\n');
    const dotted = file('dotted.md', '---\r\ntitle: 날짜\r\ndate: 2021.08.17\r\nsource: https://example.org/c\r\n---\r\n본문\r\n');
    const before = readFileSync(scraped, 'utf8');
    await run(['fix', '--dry-run', scraped]);
    assert.equal(readFileSync(scraped, 'utf8'), before, 'dry run leaves the file alone');
    assert.equal((await run(['fix', scraped, dotted])).code, 0);
    const fixed = readFileSync(scraped, 'utf8');
    assert.match(fixed, /^---\r\n/);
    assert.match(fixed, /date: 2023-12-26\r\n/);
    assert.ok(!/[^\r]\n/.test(fixed), 'line endings stay CRLF');
    assert.match(readFileSync(dotted, 'utf8'), /date: 2021-08-17\r\n/);
    const again = await run(['fix', scraped, dotted]);
    assert.match(again.err, /fixed 0 file/);
  });
});
