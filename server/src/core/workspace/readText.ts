import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Files larger than this are indexed by name only: a 100 MB log named `.txt` must not stall the server. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Why such a file was not read. */
export const TOO_LARGE = `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;

export type ReadResult = { text: string } | { error: string };

function decode(buf: Buffer): ReadResult {
  if (buf.length > MAX_FILE_BYTES) return { error: TOO_LARGE };
  // Invalid UTF-8 becomes U+FFFD (the document parser then flags binary files).
  return { text: buf.toString('utf8') };
}

const failed = (e: unknown): ReadResult => ({ error: (e as NodeJS.ErrnoException).code ?? String(e) });

/** Reads a file as text; a file deleted or made unreadable meanwhile yields an error, never a throw. */
export async function readText(filePath: string): Promise<ReadResult> {
  try {
    return decode(await readFile(filePath));
  } catch (e) {
    return failed(e);
  }
}

/** The same, synchronously: for a text needed now (a file the analysis workers read, asked about later). */
export function readTextSync(filePath: string): ReadResult {
  try {
    return decode(readFileSync(filePath));
  } catch (e) {
    return failed(e);
  }
}
