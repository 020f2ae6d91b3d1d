import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * One spelling per file. Editors percent-encode file URIs differently (VS Code encodes `:` and non-ASCII, others
 * do not), so every file URI is round-tripped through a path before it becomes a map key.
 */
export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
