import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every .md/.markdown/.txt file under `root`, sorted (no globbing: a bench input, not a workspace). */
export function corpusFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|markdown|txt)$/i.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}
