import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MAX_FILE_BYTES, TOO_LARGE } from '../readText';

/**
 * Reads files into one buffer it reuses: the initial indexing reads tens of thousands of files, and fresh memory
 * for each costs more than the read on the benchmark machine (every newly touched page is a fault the host
 * serves). A file's bytes are valid until the next read.
 */
export class FileReader {
  private buffer = Buffer.allocUnsafe(256 * 1024);

  /** The first `limit` bytes of a file, whether that is all of it, and its size; or why it could not be read. */
  head(path: string, limit: number): { bytes: Buffer; whole: boolean; size: number } | { error: string } {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      this.room(limit);
      const n = readSync(fd, this.buffer, 0, limit, 0);
      if (n < limit) return { bytes: this.buffer.subarray(0, n), whole: true, size: n };
      const size = fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) return { error: TOO_LARGE };
      return { bytes: this.buffer.subarray(0, n), whole: size <= n, size: Math.max(size, n) };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** A whole file (to the end, not to the size fstat gave: it may be growing); or why it could not be read. */
  all(path: string): { bytes: Buffer } | { error: string } {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) return { error: TOO_LARGE };
      this.room(size + 1);
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) this.room(length * 2);
        const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length > MAX_FILE_BYTES) return { error: TOO_LARGE };
      }
      return { bytes: this.buffer.subarray(0, length) };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** At least `size` bytes of buffer, keeping what is read so far. */
  private room(size: number): void {
    if (size <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
    this.buffer.copy(bigger);
    this.buffer = bigger;
  }
}

/** Bytes an arena keeps at most by default: a larger corpus is read again in phase 2, not held whole in memory. */
export const ARENA_BUDGET = 96 * 1024 * 1024;
const CHUNK = 2 * 1024 * 1024;
/** Room a file is read into without first asking its size: most documents are smaller. */
const SMALL = 64 * 1024;

/**
 * Files read once and kept until the worker's second phase, in 2 MB chunks: reading each file again would cost
 * three system calls more per file (~25 µs here), holding it a page fault per 4 KB (~12 µs) once. Bounded: past
 * the budget, `read` declines and the caller reads the file again later.
 */
export class FileArena {
  private chunk = Buffer.allocUnsafe(0);
  private used = 0;
  private held = 0;

  constructor(private readonly budget = ARENA_BUDGET) {}

  /** The whole file, held until the arena is dropped; an error; or undefined when the budget is spent. */
  read(path: string): { bytes: Buffer } | { error: string } | undefined {
    if (this.held >= this.budget) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      if (this.chunk.length - this.used < SMALL) this.newChunk(CHUNK);
      let buffer = this.chunk;
      const start = this.used;
      let length = readSync(fd, buffer, start, buffer.length - start, null);
      // A short read is the end of a regular file; else ask its size and read on, into a buffer of its own.
      if (start + length === buffer.length) {
        const size = fstatSync(fd).size;
        if (size > MAX_FILE_BYTES) return { error: TOO_LARGE };
        const own = Buffer.allocUnsafe(Math.max(size + 1, 2 * length));
        buffer.copy(own, 0, start, start + length);
        buffer = own;
        for (;;) {
          if (length === buffer.length) {
            const bigger = Buffer.allocUnsafe(2 * buffer.length);
            buffer.copy(bigger);
            buffer = bigger;
          }
          const n = readSync(fd, buffer, length, buffer.length - length, null);
          if (n === 0) break;
          length += n;
          if (length > MAX_FILE_BYTES) return { error: TOO_LARGE };
        }
        this.held += length;
        return { bytes: buffer.subarray(0, length) };
      }
      this.used += length;
      this.held += length;
      return { bytes: buffer.subarray(start, start + length) };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private newChunk(size: number): void {
    this.chunk = Buffer.allocUnsafe(size);
    this.used = 0;
  }
}
