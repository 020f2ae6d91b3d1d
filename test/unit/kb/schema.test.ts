// The published JSON Schema (schemas/kb-record.schema.json, contributed to VS Code's YAML extension) and the
// loader's validation must agree: on every built-in file, and on the same good and bad records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { builtinKbDir, builtinKbFiles } from '../../../server/src/core/kb/builtin';
import { validateRecord } from '../../../server/src/core/kb/validate';

const root = join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/kb-record.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validateFile = ajv.compile(schema);
const validateOne = ajv.getSchema(`${schema.$id}#/definitions/record`)!;

test('every built-in YAML file is valid against the published schema', () => {
  const files = builtinKbFiles();
  assert.ok(files.length >= 5);
  for (const file of files) {
    const data = parse(readFileSync(join(builtinKbDir(), file), 'utf8'));
    const ok = validateFile(data);
    assert.ok(ok, `${file}: ${ajv.errorsText(validateFile.errors?.slice(0, 5))}`);
  }
});

test('the sample corpus kb files are valid against the schema and load without problems', async () => {
  const { parseKbYaml } = await import('../../../server/src/core/kb/loadYaml');
  const dir = join(root, 'samples/corpus/kb');
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 1);
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.ok(validateFile(parse(text)), `${f}: ${ajv.errorsText(validateFile.errors)}`);
    assert.deepEqual(parseKbYaml(`file:///${f}`, text, false).problems, []);
  }
});

test('package.json contributes the schema for kb/**/*.yaml and *.yml', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entry = pkg.contributes.yamlValidation.find((v: { url: string }) => v.url === './schemas/kb-record.schema.json');
  assert.ok(entry);
  assert.deepEqual([...entry.fileMatch].sort(), ['kb/**/*.yaml', 'kb/**/*.yml']);
});

const cases: [string, unknown][] = [
  ['minimal', { id: 'a', kind: 'country', name: { en: 'A' } }],
  ['plain-string name and alias list', { id: 'b', kind: 'person', name: '홍길동', aliases: ['길동', 'Gildong'] }],
  ['extension without kind/name', { id: 'kor', extends: true, short: ['한'] }],
  ['full treaty', { id: 't', kind: 'treaty', name: { ko: '조약', en: 'T' }, parties: ['kor', 'usa'], signed: '1953-10-01', in_force: '1954-11-17', source: 'https://example.org/t' }],
  ['year-only date as a number', { id: 'c', kind: 'treaty', name: { en: 'C' }, terminated: 1996 }],
  ['missing kind', { id: 'x', name: { en: 'X' } }],
  ['bad kind', { id: 'x', kind: 'planet', name: { en: 'X' } }],
  ['bad id', { id: 'has space', kind: 'country', name: { en: 'X' } }],
  ['numeric id', { id: 12, kind: 'country', name: { en: 'X' } }],
  ['bad month', { id: 'x', kind: 'treaty', name: { en: 'X' }, signed: '2024-13-01' }],
  ['bad source', { id: 'x', kind: 'treaty', name: { en: 'X' }, source: 'javascript:alert(1)' }],
  ['role without title', { id: 'p', kind: 'person', name: { en: 'P' }, roles: [{ from: '2000-01-01' }] }],
  ['hostile fact key', { id: 'x', kind: 'country', name: { en: 'X' }, facts: JSON.parse('{"__proto__": "x"}') }],
  ['empty name', { id: 'x', kind: 'country', name: { en: '  ' } }],
  ['publishing domain', { id: 'm', kind: 'ministry', name: { en: 'M' }, domains: ['mofa.go.kr'] }],
  ['bad domain', { id: 'm', kind: 'ministry', name: { en: 'M' }, domains: ['https://mofa.go.kr/'] }],
];

test('the schema and validateRecord accept and refuse the same records', () => {
  for (const [label, record] of cases) {
    const bySchema = validateOne(record) === true;
    const byLoader = validateRecord(record).record !== undefined;
    assert.equal(bySchema, byLoader, `${label}: schema ${bySchema}, loader ${byLoader}`);
  }
  // And the cases cover both outcomes.
  const outcomes = new Set(cases.map(([, r]) => validateRecord(r).record !== undefined));
  assert.deepEqual([...outcomes].sort(), [false, true]);
});
