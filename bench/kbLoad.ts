/**
 * Knowledge-base load time: loadBuiltinKb() plus building the alias matcher from every alias, in a fresh process
 * (cold JIT, as at server start). Modules are imported before the clock starts. Prints one JSON line.
 *   node --import tsx bench/kbLoad.ts
 */
import { allAliases, createAliasMatcherFn, loadBuiltinKbFn, toKnowledgeBase } from './lib/core';

export interface KbLoadResult {
  loadMs?: number;
  matcherMs?: number;
  totalMs?: number;
  /** CPU time of the same work (robust to other load). */
  cpuMs?: number;
  records?: number;
  patterns?: number;
  notes: string[];
}

async function main(): Promise<KbLoadResult> {
  const notes: string[] = [];
  const load = await loadBuiltinKbFn();
  const create = await createAliasMatcherFn();
  if (!load) return { notes: ['loadBuiltinKb not available yet (server/src/core/kb)'] };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const kb = await toKnowledgeBase(load());
  const t1 = performance.now();
  if (!kb) return { notes: ['loadBuiltinKb returned no knowledge base'] };
  const patterns = allAliases(kb);
  if (!create) notes.push('createAliasMatcher not available yet');
  create?.(patterns);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { loadMs: t1 - t0, matcherMs: create ? t2 - t1 : undefined, totalMs: t2 - t0, cpuMs: (cpu.user + cpu.system) / 1000, records: kb.size, patterns: patterns.length, notes };
}

main().then(
  (r) => console.log(JSON.stringify(r)),
  (e) => console.log(JSON.stringify({ notes: [`failed: ${(e as Error).message}`] })),
);
