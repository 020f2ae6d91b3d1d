import { loadWorkspace } from '../server/src/core/workspace/loadWorkspace';
import { DEFAULT_CONFIG } from '../server/src/core/config/config';
import { loadBuiltinKb } from '../server/src/core/kb/builtin';
import { prestartWorkers } from '../server/src/core/workspace/parallel/pool';
const builtin = loadBuiltinKb();
prestartWorkers(builtin, Number(process.env.W ?? 1));
setTimeout(async () => {
  const t = performance.now();
  const r = await loadWorkspace([process.argv[2]], { ...DEFAULT_CONFIG, severity: {} }, builtin, undefined, undefined, { workers: Number(process.env.W ?? 1), workerArenaBytes: process.env.ARENA ? Number(process.env.ARENA) : undefined, workerResourceLimits: process.env.YG ? { maxYoungGenerationSizeMb: Number(process.env.YG) } : undefined });
  console.log('load', (performance.now() - t).toFixed(0), 'ms', JSON.stringify(r.timings));
}, 500);
