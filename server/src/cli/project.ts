import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG } from '../core/config/config';
import { loadBuiltinKb } from '../core/kb/builtin';
import { loadWorkspaceConfig } from '../core/workspace/loadConfig';
import { loadWorkspace, readText, type LoadedWorkspace } from '../core/workspace/loadWorkspace';
import { pathToUri } from '../core/workspace/uri';
import { UsageError } from './main';

export interface Project extends LoadedWorkspace {
  /** The files the user asked about (all corpus and kb files when only folders were named). */
  targets: string[];
  configProblems: { uri: string; message: string; line: number; column: number }[];
}

/** The folder whose settings apply to a file: the nearest ancestor with `.policylens.yaml` or `.git`, else its own. */
function rootFor(file: string): string {
  let dir = path.dirname(file);
  for (;;) {
    if (existsSync(path.join(dir, '.policylens.yaml')) || existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.dirname(file);
    dir = up;
  }
}

/** Loads the workspace(s) the given paths belong to, with the first root's `.policylens.yaml`. */
export async function openProject(paths: string[], builtin: boolean, onProgress?: (done: number, total: number) => void): Promise<Project> {
  const roots = new Set<string>();
  const files: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${p}`);
    if (statSync(abs).isDirectory()) roots.add(abs);
    else {
      files.push(abs);
      roots.add(rootFor(abs));
    }
  }
  const rootList = [...roots];
  const { config, problems } = loadWorkspaceConfig(rootList[0]);
  const effective = { ...config, builtinKb: builtin && config.builtinKb };
  const records = effective.builtinKb ? loadBuiltinKb() : [];
  const ws = await loadWorkspace(rootList, effective, records, onProgress && ((p) => onProgress(p.done, p.total)), undefined, { keepInformation: true });
  // Files named explicitly are checked even when the include globs would not pick them up.
  for (const f of files) {
    const uri = pathToUri(f);
    if (!ws.index.has(uri)) {
      const r = await readText(f);
      if ('text' in r) ws.index.setText(uri, r.text, undefined, /\.ya?ml$/i.test(f) ? 'kb' : 'document');
      else ws.unreadable.push({ uri, reason: r.error });
    }
  }
  const namedFolder = paths.some((p) => statSync(path.resolve(p)).isDirectory());
  const named = files.map(pathToUri);
  const targets = namedFolder ? [...new Set([...ws.kbFiles, ...ws.documents, ...named])] : named;
  return { ...ws, targets, configProblems: problems.map((p) => ({ uri: pathToUri(path.join(rootList[0], '.policylens.yaml')), ...p })) };
}

export { DEFAULT_CONFIG };
