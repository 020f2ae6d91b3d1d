import type { Severity } from '../rules/types';

/**
 * Workspace settings. Read from `.policylens.yaml` at a workspace root (the CLI and the server read the same file);
 * the editor's `policyLens.*` settings are layered on top by the server.
 */
export interface PolicyLensConfig {
  /** Globs (relative to a root) of documents that make up the corpus. */
  include: string[];
  /** Globs excluded from the corpus, on top of `.gitignore` when `useGitignore` is on. */
  exclude: string[];
  useGitignore: boolean;
  /** Front-matter fields every document must have. */
  requiredFields: string[];
  /** Globs of the user's knowledge-base YAML files (must stay inside the workspace). */
  kbGlobs: string[];
  /** Load the built-in knowledge base. */
  builtinKb: boolean;
  /** Severity overrides by code; `off` silences a rule. */
  severity: Record<string, Severity | 'off'>;
}

export const DEFAULT_CONFIG: Readonly<PolicyLensConfig> = Object.freeze({
  include: ['**/*.{md,markdown,txt}'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  useGitignore: true,
  requiredFields: ['title', 'date', 'source'],
  kbGlobs: ['kb/**/*.{yaml,yml}'],
  builtinKb: true,
  severity: {},
});

export const CONFIG_FILE_NAME = '.policylens.yaml';
