import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { parseYamlBounded } from '../document/boundedYaml';
import type { YamlProblem } from '../document/types';
import { CODES, type Severity } from '../rules/types';
import type { Span } from '../text/span';
import { DEFAULT_CONFIG, type PolicyLensConfig } from './config';

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
const KNOWN_CODES = new Set<string>(Object.values(CODES));
const TOP_KEYS = ['include', 'exclude', 'useGitignore', 'requiredFields', 'kb', 'severity'];

/**
 * Reads `.policylens.yaml`. Every key is optional; an unknown key or a bad value is a problem at its span and
 * the default stays in force, so a typo never silently changes what is checked.
 */
export function parseConfig(text: string): { config: PolicyLensConfig; problems: YamlProblem[] } {
  const config = cloneConfig(DEFAULT_CONFIG);
  const problems: YamlProblem[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = text.slice(bom);
  // yaml may point one past the end (an unclosed bracket at the end of the text): clamp to the text.
  const clamp = (n: number) => Math.min(n + bom, text.length);
  const toSpan = (r: readonly number[] | null | undefined): Span => (r ? { start: clamp(r[0]), end: clamp(r[1]) } : { start: bom, end: bom });
  const problem = (message: string, node: Node | null | undefined, severity: 'error' | 'warning' = 'error', code = 'BAD_VALUE') =>
    problems.push({ message, span: toSpan(node?.range), code, severity });

  const doc = parseYamlBounded(source, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) problems.push({ message: e.message.split('\n')[0], span: toSpan(e.pos), code: e.code, severity: 'error' });
  for (const w of doc.warnings) problems.push({ message: w.message.split('\n')[0], span: toSpan(w.pos), code: w.code, severity: 'warning' });
  const root = doc.contents;
  if (root == null || (isScalar(root) && root.value == null)) return { config, problems };
  if (!isMap(root)) {
    problem(`${'.policylens.yaml'} must be a mapping of settings`, root as Node);
    return { config, problems };
  }

  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case 'include':
      case 'exclude':
      case 'requiredFields': {
        const list = stringList(value);
        if (list) config[key] = list;
        else problem(`'${key}' must be a list of strings`, value ?? pair.key);
        break;
      }
      case 'useGitignore': {
        if (isScalar(value) && typeof value.value === 'boolean') config.useGitignore = value.value;
        else problem("'useGitignore' must be true or false", value ?? pair.key);
        break;
      }
      case 'kb':
        readKb(value, config, problem, pair.key);
        break;
      case 'severity':
        readSeverity(value, config, problem, pair.key);
        break;
      default:
        problem(`Unknown setting '${key}' (known: ${TOP_KEYS.join(', ')})`, pair.key, 'warning', 'UNKNOWN_KEY');
    }
  }
  return { config, problems };
}

type Report = (message: string, node: Node | null | undefined, severity?: 'error' | 'warning', code?: string) => void;

function readKb(value: Node | null, config: PolicyLensConfig, problem: Report, keyNode: Node): void {
  if (!isMap(value)) {
    problem("'kb' must be a mapping with 'globs' and/or 'builtin'", value ?? keyNode);
    return;
  }
  for (const pair of value.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'globs') {
      const list = stringList(pair.value);
      if (!list) problem("'kb.globs' must be a list of strings", pair.value ?? pair.key);
      else {
        // kb files must stay inside the workspace: no absolute paths, no climbing out with `..`.
        const outside = list.find((g) => /^(?:\/|[A-Za-z]:[\\/]|~)/.test(g) || g.split(/[\\/]/).includes('..'));
        if (outside) problem(`'kb.globs' must stay inside the workspace: '${outside}' is refused`, pair.value);
        else config.kbGlobs = list;
      }
    } else if (key === 'builtin') {
      if (isScalar(pair.value) && typeof pair.value.value === 'boolean') config.builtinKb = pair.value.value;
      else problem("'kb.builtin' must be true or false", pair.value ?? pair.key);
    } else {
      problem(`Unknown setting 'kb.${key}' (known: globs, builtin)`, pair.key, 'warning', 'UNKNOWN_KEY');
    }
  }
}

function readSeverity(value: Node | null, config: PolicyLensConfig, problem: Report, keyNode: Node): void {
  if (!isMap(value)) {
    problem("'severity' must map codes to error, warning, information, hint or off", value ?? keyNode);
    return;
  }
  const severity: Record<string, Severity | 'off'> = Object.create(null);
  for (const pair of value.items as Pair<Node, Node | null>[]) {
    const code = isScalar(pair.key) ? String(pair.key.value).toUpperCase() : '';
    if (!KNOWN_CODES.has(code)) {
      problem(`Unknown diagnostic code '${isScalar(pair.key) ? String(pair.key.value) : ''}'`, pair.key, 'warning', 'UNKNOWN_KEY');
      continue;
    }
    const level = isScalar(pair.value) ? String(pair.value.value).toLowerCase() : '';
    if (!(SEVERITIES as readonly string[]).includes(level)) {
      problem(`Severity of ${code} must be one of ${SEVERITIES.join(', ')}`, pair.value ?? pair.key);
      continue;
    }
    severity[code] = level as Severity | 'off';
  }
  config.severity = severity;
}

function stringList(node: Node | null): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node)) return undefined;
  const out: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return undefined;
    out.push(item.value);
  }
  return out;
}

function cloneConfig(c: Readonly<PolicyLensConfig>): PolicyLensConfig {
  return {
    include: [...c.include],
    exclude: [...c.exclude],
    useGitignore: c.useGitignore,
    requiredFields: [...c.requiredFields],
    kbGlobs: [...c.kbGlobs],
    builtinKb: c.builtinKb,
    severity: Object.assign(Object.create(null), c.severity),
  };
}

/** `overrides` on top of `base`: lists replace, severities merge code by code. */
export function mergeConfig(base: Readonly<PolicyLensConfig>, overrides: Partial<PolicyLensConfig>): PolicyLensConfig {
  const out = cloneConfig(base);
  if (overrides.include) out.include = [...overrides.include];
  if (overrides.exclude) out.exclude = [...overrides.exclude];
  if (overrides.useGitignore !== undefined) out.useGitignore = overrides.useGitignore;
  if (overrides.requiredFields) out.requiredFields = [...overrides.requiredFields];
  if (overrides.kbGlobs) out.kbGlobs = [...overrides.kbGlobs];
  if (overrides.builtinKb !== undefined) out.builtinKb = overrides.builtinKb;
  if (overrides.severity) Object.assign(out.severity, overrides.severity);
  return out;
}
