import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * One spelling per file. Editors percent-encode file URIs differently (VS Code encodes `:` and non-ASCII, others
 * do not), so every file URI is round-tripped through a path before it becomes a map key.
 */
export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  let normal = memo.get(uri);
  if (normal === undefined) {
    try {
      normal = pathToFileURL(fileURLToPath(uri)).href;
    } catch {
      normal = uri;
    }
    // URL parsing costs microseconds and references answers convert thousands of uris: remember them
    // (bounded, so a long session with many renamed files cannot grow it without limit).
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(uri, normal);
  }
  return normal;
}

const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

export function pathToUri(filePath: string): string {
  const href = fastPathToUri(filePath) ?? pathToFileURL(filePath).href;
  // Already in normal form (normalizeUri ends with the same call): spare the round trip when it is asked for.
  if (memo.size < MEMO_LIMIT) memo.set(href, href);
  return href;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** File names pathToFileURL leaves as they are (no percent-encoding), and that are not `.` or `..`. */
const PLAIN_NAME = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;
const folderUris = new Map<string, string>();

/**
 * pathToFileURL's answer for an absolute POSIX path whose file name needs no encoding: its folder's URL (computed
 * once per folder) and the name. Converting every path of a large corpus costs tens of milliseconds otherwise.
 */
function fastPathToUri(filePath: string): string | undefined {
  if (sep !== '/' || filePath.charCodeAt(0) !== 47 /* / */) return undefined;
  const slash = filePath.lastIndexOf('/');
  const name = filePath.slice(slash + 1);
  if (!PLAIN_NAME.test(name)) return undefined;
  const folder = filePath.slice(0, slash + 1);
  let uri = folderUris.get(folder);
  if (uri === undefined) {
    uri = pathToFileURL(folder).href;
    if (!uri.endsWith('/')) return undefined;
    if (folderUris.size >= MEMO_LIMIT) folderUris.clear();
    folderUris.set(folder, uri);
  }
  return uri + name;
}
