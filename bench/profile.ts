/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time, mapped back to
 * their TypeScript source through the bundle's source map when there is one.
 *   node --import tsx bench/profile.ts <file.cpuprofile> [top]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

const maps = new Map<string, SourceMap | null>();

function sourceMapFor(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const path = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (path.endsWith('.js') && existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url) ?? null;
}

function where(f: ProfileNode['callFrame']): string {
  const entry = (f.url ? sourceMapFor(f.url)?.findEntry(f.lineNumber, f.columnNumber) : undefined) as
    | { originalSource?: string; originalLine?: number }
    | undefined;
  if (entry?.originalSource) {
    const src = entry.originalSource.replace(/^.*?\/(server|node_modules)\//, '$1/');
    return `${src}:${(entry.originalLine ?? 0) + 1}`;
  }
  return f.url ? `${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}` : 'native';
}

export function topFunctions(path: string, top = 15): { name: string; selfMs: number; share: number }[] {
  const p = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    const dt = p.timeDeltas[i] ?? 0;
    if (!n || n.callFrame.functionName === '(idle)') return; // waiting for input is not work
    busy += dt;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame)}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / busy }));
}

if (process.argv[1]?.endsWith('profile.ts')) {
  for (const f of topFunctions(process.argv[2], Number(process.argv[3] ?? 15))) {
    console.log(`${f.selfMs.toFixed(0).padStart(7)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
  }
}
