import { existsSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import type { PolicyLensConfig } from '../config/config';

/** Files of one workspace root, as absolute paths. */
export interface DiscoveredFiles {
  documents: string[];
  kbFiles: string[];
  /** kb globs refused because they point outside the root (`../x`, `/etc/**`). */
  refusedGlobs: string[];
}

/** A kb glob may only look inside the workspace: no absolute paths, no `..` segments. */
export function isGlobInsideRoot(pattern: string): boolean {
  if (path.isAbsolute(pattern) || /^[a-zA-Z]:/.test(pattern)) return false;
  return !pattern.split(/[\\/]/).includes('..');
}

function readGitignore(rootDir: string): Ignore | undefined {
  const file = path.join(rootDir, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Classifies paths relative to one root with the same rules discovery uses, so a file event from the editor is
 * judged exactly as the initial scan judged it.
 */
export class RootMatcher {
  private readonly include: picomatch.Matcher;
  private readonly exclude: picomatch.Matcher;
  private readonly kb: picomatch.Matcher;
  private readonly gitignore: Ignore | undefined;

  constructor(
    readonly rootDir: string,
    config: PolicyLensConfig,
  ) {
    const opts = { dot: false };
    this.include = picomatch(config.include, opts);
    this.exclude = picomatch(config.exclude.length ? config.exclude : ['\0'], { dot: true });
    this.kb = picomatch(config.kbGlobs.filter(isGlobInsideRoot).concat(['\0']), opts);
    this.gitignore = config.useGitignore ? readGitignore(rootDir) : undefined;
  }

  /** Path relative to the root with `/` separators, or undefined when the file is outside it. */
  relative(filePath: string): string | undefined {
    const rel = path.relative(this.rootDir, filePath);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  classify(filePath: string): 'document' | 'kb' | 'other' {
    const rel = this.relative(filePath);
    return rel === undefined ? 'other' : this.classifyRelative(rel);
  }

  /** The same, for a path already relative to the root with `/` separators. */
  classifyRelative(rel: string): 'document' | 'kb' | 'other' {
    if (this.exclude(rel) || this.gitignore?.ignores(rel)) return 'other';
    if (this.kb(rel)) return 'kb';
    if (this.include(rel)) return 'document';
    return 'other';
  }
}

/**
 * Is the file under one of the roots, and is the file a symlink resolves to too? For paths that come from outside
 * discovery (file events, closed editors): the server reads nothing outside the workspace, symlinks included.
 * A path that does not exist (deleted) is judged by its name.
 */
export function isInsideRoots(filePath: string, rootDirs: readonly string[]): boolean {
  const real = realpathOr(filePath);
  return rootDirs.some((dir) => {
    const root = realpathOr(dir);
    const inside = (p: string, r: string) => {
      const rel = path.relative(r, p);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    };
    return (inside(filePath, dir) || inside(filePath, root)) && inside(real, root);
  });
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Lists the corpus and kb files of a root: include globs minus excludes and `.gitignore`; never follows symlinks. */
export async function discoverFiles(rootDir: string, config: PolicyLensConfig): Promise<DiscoveredFiles> {
  const root = realpathSync(rootDir);
  const matcher = new RootMatcher(root, config);
  const kbGlobs = config.kbGlobs.filter(isGlobInsideRoot);
  const refusedGlobs = config.kbGlobs.filter((g) => !isGlobInsideRoot(g));
  // Relative paths: classifying them needs no path arithmetic (a corpus has tens of thousands).
  const found = await glob([...config.include, ...kbGlobs], {
    cwd: root,
    absolute: false,
    dot: false,
    followSymbolicLinks: false,
    ignore: config.exclude,
    onlyFiles: true,
  });
  const documents: string[] = [];
  const kbFiles: string[] = [];
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  for (const rel of found.sort()) {
    const kind = matcher.classifyRelative(rel);
    const file = prefix + (path.sep === '/' ? rel : rel.split('/').join(path.sep));
    if (kind === 'document') documents.push(file);
    else if (kind === 'kb') kbFiles.push(file);
  }
  return { documents, kbFiles, refusedGlobs };
}
