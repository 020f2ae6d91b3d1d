import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/config';
import { mergeConfig, parseConfig } from '../../../server/src/core/config/parseConfig';

test('an empty file gives the defaults', () => {
  const { config, problems } = parseConfig('');
  assert.deepEqual(problems, []);
  assert.deepEqual({ ...config, severity: { ...config.severity } }, { ...DEFAULT_CONFIG, severity: {} });
});

test('every setting is read', () => {
  const text = [
    'include: ["docs/**/*.md"]',
    'exclude:',
    '  - drafts/**',
    'useGitignore: false',
    'requiredFields: [title, author]',
    'kb:',
    '  globs: [knowledge/**/*.yaml]',
    '  builtin: false',
    'severity:',
    '  PL009: hint',
    '  pl001: off',
  ].join('\n');
  const { config, problems } = parseConfig(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(config.include, ['docs/**/*.md']);
  assert.deepEqual(config.exclude, ['drafts/**']);
  assert.equal(config.useGitignore, false);
  assert.deepEqual(config.requiredFields, ['title', 'author']);
  assert.deepEqual(config.kbGlobs, ['knowledge/**/*.yaml']);
  assert.equal(config.builtinKb, false);
  assert.deepEqual({ ...config.severity }, { PL009: 'hint', PL001: 'off' });
});

test('unknown keys and bad values are problems at their span; the defaults stay', () => {
  const text = 'includes: [x]\nuseGitignore: sometimes\nrequiredFields: [title, 3]\nseverity:\n  PL999: error\n  PL002: loud\nkb:\n  globs: [../outside/**]\n  colour: red\n';
  const { config, problems } = parseConfig(text);
  const at = (p: { span: { start: number; end: number } }) => text.slice(p.span.start, p.span.end);
  assert.deepEqual(
    problems.map((p) => [at(p), p.severity]),
    [
      ['includes', 'warning'],
      ['sometimes', 'error'],
      ['[title, 3]', 'error'],
      ['PL999', 'warning'],
      ['loud', 'error'],
      ['[../outside/**]', 'error'],
      ['colour', 'warning'],
    ],
  );
  assert.match(problems[0].message, /Unknown setting 'includes'/);
  assert.match(problems[5].message, /inside the workspace/);
  assert.equal(config.useGitignore, DEFAULT_CONFIG.useGitignore);
  assert.deepEqual(config.requiredFields, DEFAULT_CONFIG.requiredFields);
  assert.deepEqual(config.kbGlobs, DEFAULT_CONFIG.kbGlobs);
  assert.deepEqual({ ...config.severity }, {});
});

test('malformed YAML is reported and does not throw', () => {
  const { config, problems } = parseConfig('include: [a\nseverity: {');
  assert.ok(problems.length > 0);
  assert.ok(problems.every((p) => p.span.start >= 0 && p.span.end <= 'include: [a\nseverity: {'.length));
  assert.ok(Array.isArray(config.include));
  const scalar = parseConfig('just words');
  assert.equal(scalar.problems.length, 1);
});

test('__proto__ in severity does not pollute', () => {
  const { problems } = parseConfig('severity:\n  __proto__: error\n');
  assert.equal(problems.length, 1);
  assert.equal(({} as Record<string, unknown>).error, undefined);
});

test('absolute kb globs are refused', () => {
  for (const g of ['/etc/**/*.yaml', 'C:/kb/*.yaml', '~/kb/*.yaml']) {
    const { config, problems } = parseConfig(`kb:\n  globs: ["${g}"]\n`);
    assert.equal(problems.length, 1, g);
    assert.deepEqual(config.kbGlobs, DEFAULT_CONFIG.kbGlobs);
  }
});

test('mergeConfig: lists replace, severities merge by code, the base is untouched', () => {
  const base = parseConfig('severity: {PL001: error, PL009: hint}\n').config;
  const merged = mergeConfig(base, { requiredFields: ['title'], severity: { PL009: 'off' } });
  assert.deepEqual(merged.requiredFields, ['title']);
  assert.deepEqual({ ...merged.severity }, { PL001: 'error', PL009: 'off' });
  assert.equal(base.severity.PL009, 'hint');
  assert.deepEqual(merged.include, DEFAULT_CONFIG.include);
});
