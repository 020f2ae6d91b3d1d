import { renameSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../core/text/applyEdits';
import { uriToPath } from '../core/workspace/uri';
import { displayPath } from './format';
import { openProject } from './project';

/** Upper bound on fix rounds per file: each round applies one fix and re-analyses, so fixes never overlap. */
const MAX_ROUNDS = 50;

/** Writes through a temporary file in the same folder and renames it over the original: never a half-written file. */
export function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.policylens-${process.pid}.tmp`);
  const mode = statSync(file).mode;
  try {
    writeFileSync(tmp, text, { mode });
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw e;
  }
}

export async function runFix(files: string[], dryRun: boolean): Promise<number> {
  const project = await openProject(files, true);
  let changedFiles = 0;
  for (const uri of project.targets) {
    const original = project.index.document(uri)?.parsed.text;
    if (original === undefined) continue;
    const applied: string[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const doc = project.index.document(uri)!;
      const candidates = [
        ...doc.diagnostics.flatMap((d) => project.index.fixesFor(uri, d)),
      ].filter((f) => f.safe && f.changes.every((c) => c.uri === uri && !c.create));
      const fix = candidates[0];
      if (!fix) break;
      const text = applyEdits(doc.parsed.text, fix.changes.flatMap((c) => c.edits));
      if (text === doc.parsed.text) break;
      project.index.setText(uri, text);
      applied.push(fix.title);
    }
    const final = project.index.document(uri)!.parsed.text;
    if (final === original) continue;
    changedFiles++;
    for (const t of applied) process.stdout.write(`${displayPath(uri)}: ${t}\n`);
    if (!dryRun) writeAtomically(uriToPath(uri)!, final);
  }
  process.stderr.write(`policy-lens: ${dryRun ? 'would fix' : 'fixed'} ${changedFiles} file(s)\n`);
  return 0;
}
