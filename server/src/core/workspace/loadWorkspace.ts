import { readFile } from 'node:fs/promises';
import type { PolicyLensConfig } from '../config/config';
import type { LoadedRecord } from '../kb/record';
import { discoverFiles } from './discover';
import { pathToUri } from './uri';
import { WorkspaceIndex } from './workspaceIndex';

export interface LoadProgress {
  done: number;
  total: number;
}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  documents: string[];
  kbFiles: string[];
  /** Files that vanished or could not be read between listing and reading, with the reason. */
  unreadable: { uri: string; reason: string }[];
  refusedGlobs: string[];
}

/** Files larger than this are indexed by name only: a 100 MB log named `.txt` must not stall the server. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Reads a file as text. Invalid UTF-8 becomes U+FFFD (the document parser then flags binary files);
 * a file deleted or made unreadable meanwhile yields an error, never a throw.
 */
export async function readText(filePath: string): Promise<{ text: string } | { error: string }> {
  try {
    const buf = await readFile(filePath);
    if (buf.length > MAX_FILE_BYTES) return { error: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    return { text: buf.toString('utf8') };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

/** Discovers and reads every corpus and kb file under the roots into a new index (kb rebuilt once). */
export async function loadWorkspace(
  rootDirs: string[],
  config: PolicyLensConfig,
  builtin: LoadedRecord[],
  onProgress?: (p: LoadProgress) => void,
  isCancelled?: () => boolean,
): Promise<LoadedWorkspace> {
  const index = new WorkspaceIndex({ config, builtin, roots: rootDirs.map(pathToUri) });
  const documents: string[] = [];
  const kbFiles: string[] = [];
  const refusedGlobs: string[] = [];
  for (const root of rootDirs) {
    const found = await discoverFiles(root, config);
    documents.push(...found.documents);
    kbFiles.push(...found.kbFiles);
    refusedGlobs.push(...found.refusedGlobs);
  }
  const all = [...kbFiles.map((p) => ({ p, kind: 'kb' as const })), ...documents.map((p) => ({ p, kind: 'document' as const }))];
  const unreadable: { uri: string; reason: string }[] = [];
  const loaded: { uri: string; text: string; kind: 'document' | 'kb' }[] = [];
  // Bounded parallel reads: enough to keep the disk busy without opening thousands of handles at once.
  let next = 0;
  const worker = async () => {
    while (next < all.length && !isCancelled?.()) {
      const { p, kind } = all[next++];
      const r = await readText(p);
      if ('text' in r) loaded.push({ uri: pathToUri(p), text: r.text, kind });
      else unreadable.push({ uri: pathToUri(p), reason: r.error });
      if (onProgress && (loaded.length + unreadable.length) % 200 === 0) onProgress({ done: loaded.length + unreadable.length, total: all.length });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  loaded.sort((a, b) => (a.uri < b.uri ? -1 : 1));
  index.setMany(loaded);
  onProgress?.({ done: all.length, total: all.length });
  return { index, documents: documents.map(pathToUri), kbFiles: kbFiles.map(pathToUri), unreadable, refusedGlobs };
}
