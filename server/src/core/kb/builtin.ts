import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyExtensions } from './extend';
import { parseKbYaml } from './loadYaml';
import type { KbProblem, KbRecord, LoadedRecord } from './record';
import type { Span } from '../text/span';

/** What scripts/compile-kb.mjs writes to server/out/kb.json: the built-in records, pre-parsed, with their id spans. */
export interface CompiledKb {
  format: 2;
  /** Fingerprint of the YAML it was compiled from (sourceHash): a different one means kb.json is stale. */
  hash: string;
  files: { file: string; records: { record: KbRecord; idSpan: Span }[] }[];
}

export interface BuiltinKbLoad {
  records: LoadedRecord[];
  /** Problems in the built-in files (a data bug: the data tests keep this empty), with the file they are in. */
  problems: (KbProblem & { uri: string })[];
  /** 'compiled' when server/out/kb.json was used, 'yaml' when the YAML files were parsed. */
  from: 'compiled' | 'yaml';
  /** Why nothing could be loaded (the server then runs on the workspace's own records). */
  failure?: unknown;
}

const here: string = typeof __dirname === 'string' ? __dirname : process.cwd();

/**
 * The folder of built-in YAML files: `server/data/kb`. The bundle runs from server/out/ and the TypeScript (tests,
 * tsx) from server/src/core/kb/, so both relative locations are tried.
 */
export function builtinKbDir(): string {
  const candidates = [join(here, '../data/kb'), join(here, '../../../data/kb'), join(process.cwd(), 'server/data/kb')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

/** Path of the compiled base (server/out/kb.json, next to the bundle or from the source tree), if built. */
export function compiledKbPath(): string | undefined {
  const candidates = [join(here, 'kb.json'), join(here, '../../../out/kb.json'), join(process.cwd(), 'server/out/kb.json')];
  return candidates.find((p) => existsSync(p));
}

export function builtinKbFiles(dir = builtinKbDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
}

/**
 * Extension records (`extends: true`) are applied after every base record, whatever file order, so a hand-written
 * `countries.aliases.yaml` can extend the generated countries regardless of names.
 */
function resolve(all: LoadedRecord[]): { records: LoadedRecord[]; orphans: LoadedRecord[] } {
  const bases = all.filter((r) => !r.record.extends);
  const extensions = all.filter((r) => r.record.extends);
  return applyExtensions([...bases, ...extensions]);
}

/**
 * Fingerprint of the built-in YAML: names and contents. Contents rather than modification times, because an
 * installed extension's files all get the time they were unpacked at. Reading and hashing the ~200 kB costs about
 * a millisecond.
 */
export function sourceHash(dir: string, files = builtinKbFiles(dir)): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return hash.digest('hex');
}

/**
 * Reads a compiled base; origins point at the YAML files in `dir`. Undefined for another format, or when `hash`
 * is given and the base was compiled from other YAML.
 */
export function readCompiledKb(path: string, dir = builtinKbDir(), hash?: string): LoadedRecord[] | undefined {
  let compiled: CompiledKb;
  try {
    compiled = JSON.parse(readFileSync(path, 'utf8')) as CompiledKb;
  } catch {
    return undefined; // unreadable or truncated: the YAML is the source of truth
  }
  if (compiled.format !== 2 || (hash !== undefined && compiled.hash !== hash)) return undefined;
  const out: LoadedRecord[] = [];
  for (const f of compiled.files) {
    const uri = pathToFileURL(join(dir, f.file)).href;
    for (const r of f.records) out.push({ record: r.record, origin: { uri, idSpan: r.idSpan, builtin: true } });
  }
  return out;
}

/** Parses every built-in YAML file (no cache, no compiled file): what the compiler and the data tests use. */
export function parseBuiltinYaml(dir = builtinKbDir()): { all: LoadedRecord[]; problems: (KbProblem & { uri: string })[] } {
  const all: LoadedRecord[] = [];
  const problems: (KbProblem & { uri: string })[] = [];
  for (const name of builtinKbFiles(dir)) {
    const path = join(dir, name);
    const uri = pathToFileURL(path).href;
    const result = parseKbYaml(uri, readFileSync(path, 'utf8'), true);
    all.push(...result.records);
    for (const p of result.problems) problems.push({ ...p, uri });
  }
  return { all, problems };
}

/**
 * What scripts/compile-kb.mjs writes: the parsed records grouped by file, with their id spans. Throws on any
 * problem in the built-in data, so a broken file fails the build instead of silently losing records.
 */
export function compileBuiltinKb(dir = builtinKbDir()): CompiledKb {
  const { all, problems } = parseBuiltinYaml(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    const list = errors.map((p) => `${basename(fileURLToPath(p.uri))}: ${p.message}`).join('\n');
    throw new Error(`knowledge base: ${errors.length} error(s) in ${dir}\n${list}`);
  }
  if (all.length === 0) throw new Error(`knowledge base: no records in ${dir}`);
  const files = new Map<string, { record: KbRecord; idSpan: Span }[]>();
  for (const { record, origin } of all) {
    const file = basename(fileURLToPath(origin.uri));
    if (!files.has(file)) files.set(file, []);
    files.get(file)!.push({ record, idSpan: origin.idSpan });
  }
  return { format: 2, hash: sourceHash(dir), files: [...files].map(([file, records]) => ({ file, records })) };
}

let cached: BuiltinKbLoad | undefined;

/**
 * Loads the built-in knowledge base, extensions applied, once per process. Uses server/out/kb.json when it was
 * compiled from the YAML as it is now (parsing ~600 records of YAML costs more than the 100 ms start-up budget
 * allows), otherwise parses the YAML. Origins always point at the YAML file and the `id:` value, for go-to-definition.
 */
export function loadBuiltinKbDetailed(): BuiltinKbLoad {
  if (cached) return cached;
  const dir = builtinKbDir();
  const files = builtinKbFiles(dir);
  const compiled = compiledKbPath();
  // Without the YAML (a trimmed install) the compiled base is all there is; with it, it must match.
  const fromJson = compiled ? readCompiledKb(compiled, dir, files.length ? sourceHash(dir, files) : undefined) : undefined;
  if (fromJson) {
    cached = { records: resolve(fromJson).records, problems: [], from: 'compiled' };
    return cached;
  }
  const { all, problems } = parseBuiltinYaml(dir);
  const { records, orphans } = resolve(all);
  for (const o of orphans)
    problems.push({
      uri: o.origin.uri,
      span: o.origin.idSpan,
      code: 'PL012',
      severity: 'error',
      message: `extension of unknown id '${o.record.id}'`,
    });
  cached = { records, problems, from: 'yaml' };
  return cached;
}

/** Whether these are the records loadBuiltinKb() gave (loaded already, not a list of the caller's own). */
export function isLoadedBuiltin(records: readonly LoadedRecord[]): boolean {
  return cached !== undefined && records === cached.records;
}

export function loadBuiltinKb(): LoadedRecord[] {
  return loadBuiltinKbDetailed().records;
}
