import { DEFAULT_CONFIG, type PolicyLensConfig } from '../core/config/config';
import type { Severity } from '../core/rules/types';

/**
 * The editor's `policyLens.*` settings (or `initializationOptions` of the same shape), layered over the workspace's
 * `.policylens.yaml`. Keys may arrive nested (`{ kb: { globs } }`, what VS Code sends) or dotted (`{ 'kb.globs' }`).
 */
export interface EditorSettings {
  include?: string[];
  exclude?: string[];
  useGitignore?: boolean;
  requiredFields?: string[];
  kbGlobs?: string[];
  builtinKb?: boolean;
  severity?: Record<string, Severity | 'off'>;
  trace?: string;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
}

function pick(raw: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(raw, path)) return raw[path];
  let cur: unknown = raw;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Reads settings defensively: anything of the wrong type is ignored, never trusted. */
export function readSettings(raw: unknown): EditorSettings {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: EditorSettings = {};
  out.include = stringList(pick(r, 'include'));
  out.exclude = stringList(pick(r, 'exclude'));
  const useGitignore = pick(r, 'useGitignore');
  if (typeof useGitignore === 'boolean') out.useGitignore = useGitignore;
  out.requiredFields = stringList(pick(r, 'requiredFields'));
  out.kbGlobs = stringList(pick(r, 'kb.globs'));
  const builtin = pick(r, 'kb.builtin');
  if (typeof builtin === 'boolean') out.builtinKb = builtin;
  const severity = pick(r, 'severity');
  if (severity && typeof severity === 'object') {
    const sev: Record<string, Severity | 'off'> = Object.create(null);
    for (const [code, level] of Object.entries(severity)) {
      if (/^PL\d{3}$/.test(code) && typeof level === 'string' && SEVERITIES.has(level)) sev[code] = level as Severity | 'off';
    }
    out.severity = sev;
  }
  const trace = pick(r, 'trace.server');
  if (typeof trace === 'string') out.trace = trace;
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Settings override the file, except where a setting still equals the built-in default: editors report defaults
 * for settings the user never touched, and those must not hide what `.policylens.yaml` says.
 */
export function layerSettings(base: PolicyLensConfig, ...layers: EditorSettings[]): PolicyLensConfig {
  const config: PolicyLensConfig = { ...base, severity: { ...base.severity } };
  for (const s of layers) {
    if (s.include && !same(s.include, DEFAULT_CONFIG.include)) config.include = s.include;
    if (s.exclude && !same(s.exclude, DEFAULT_CONFIG.exclude)) config.exclude = s.exclude;
    if (s.useGitignore !== undefined && s.useGitignore !== DEFAULT_CONFIG.useGitignore) config.useGitignore = s.useGitignore;
    if (s.requiredFields && !same(s.requiredFields, DEFAULT_CONFIG.requiredFields)) config.requiredFields = s.requiredFields;
    if (s.kbGlobs && !same(s.kbGlobs, DEFAULT_CONFIG.kbGlobs)) config.kbGlobs = s.kbGlobs;
    if (s.builtinKb !== undefined && s.builtinKb !== DEFAULT_CONFIG.builtinKb) config.builtinKb = s.builtinKb;
    if (s.severity) Object.assign(config.severity, s.severity);
  }
  return config;
}
