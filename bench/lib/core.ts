/**
 * Late-bound access to pieces of the analysis core that other engineers build in parallel (the built-in KB
 * loader and the alias matcher). Looked up by the name they export, so the bench runs (and says what is missing)
 * before they land, and keeps working if they move between files inside their folder.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KnowledgeBase } from '../../server/src/core/kb/knowledgeBase';
import type { LoadedRecord } from '../../server/src/core/kb/record';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AliasMatch {
  start: number;
  end: number;
  /** The pattern or its index in the list (the bench only counts matches). */
  pattern: string | number;
}
export interface AliasMatcher {
  findAll(text: string): AliasMatch[];
}

function findExport(folder: string, name: string): string | undefined {
  const dir = join(REPO, folder);
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort((a, b) => (a.includes('index') ? -1 : 0) - (b.includes('index') ? -1 : 0));
  const declared = new RegExp(`export\\s+(async\\s+)?(function|const|let)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b`);
  for (const f of files) {
    if (declared.test(readFileSync(join(dir, f), 'utf8'))) return join(dir, f);
  }
  return undefined;
}

async function importExport<T>(folder: string, name: string): Promise<T | undefined> {
  const file = findExport(folder, name);
  if (!file) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return mod[name] as T | undefined;
}

type LoadBuiltinKb = () => unknown;
type CreateAliasMatcher = (patterns: string[]) => AliasMatcher;

export async function loadBuiltinKbFn(): Promise<LoadBuiltinKb | undefined> {
  return importExport<LoadBuiltinKb>('server/src/core/kb', 'loadBuiltinKb');
}

export async function createAliasMatcherFn(): Promise<CreateAliasMatcher | undefined> {
  return importExport<CreateAliasMatcher>('server/src/core/recognition', 'createAliasMatcher');
}

/** Accepts the shapes loadBuiltinKb may return (sync or async): LoadedRecord[], `{ records }`, a KnowledgeBase, `{ kb }`. */
export async function toKnowledgeBase(result: unknown): Promise<KnowledgeBase | undefined> {
  const value = (await result) as Record<string, unknown> | LoadedRecord[] | null;
  if (!value) return undefined;
  if (Array.isArray(value)) return new KnowledgeBase(value);
  if (Array.isArray(value.records)) return new KnowledgeBase(value.records as LoadedRecord[]);
  if (typeof value.records === 'function') return value as unknown as KnowledgeBase;
  if (value.kb && typeof (value.kb as Record<string, unknown>).records === 'function') return value.kb as KnowledgeBase;
  return undefined;
}

export async function loadKnowledgeBase(): Promise<KnowledgeBase | undefined> {
  const load = await loadBuiltinKbFn();
  if (!load) return undefined;
  try {
    return await toKnowledgeBase(load());
  } catch (e) {
    console.error(`bench: loadBuiltinKb failed: ${(e as Error).message}`);
    return undefined;
  }
}

/** The patterns of the matcher benchmark: names, aliases, qualified and ambiguous aliases (not the one-letter compound shorts). */
export function allAliases(kb: KnowledgeBase): string[] {
  const out = new Set<string>();
  for (const { record: r } of kb.records()) {
    for (const s of [r.name.ko, r.name.en]) if (s) out.add(s);
    for (const list of [r.aliases, r.qualified_aliases, r.ambiguous_aliases]) {
      for (const s of [...(list?.ko ?? []), ...(list?.en ?? [])]) out.add(s);
    }
  }
  return [...out];
}
