import type { Position, Range, Span } from './span';

/** Offsets → positions: all that converting ranges for the editor needs (LineIndex, or LineStarts without text). */
export interface Positions {
  positionAt(offset: number): Position;
  rangeOf(s: Span): Range;
  /** The line and character of an offset into `out[at]`, `out[at + 1]`: no object per position, for bulk answers. */
  writePosition(offset: number, out: Int32Array, at: number): void;
}

/** Line of `offset` (clamped to [0, length]) by binary search over line starts. */
function lineIn(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function positionIn(starts: ArrayLike<number>, length: number, offset: number): Position {
  offset = Math.max(0, Math.min(offset, length));
  const line = lineIn(starts, offset);
  return { line, character: offset - starts[line] };
}

function writePositionIn(starts: ArrayLike<number>, length: number, offset: number, out: Int32Array, at: number): void {
  offset = Math.max(0, Math.min(offset, length));
  const line = lineIn(starts, offset);
  out[at] = line;
  out[at + 1] = offset - starts[line];
}

/** Positions from a text's line starts alone: what a document summary keeps instead of the text. */
export class LineStarts implements Positions {
  constructor(
    private readonly starts: ArrayLike<number>,
    private readonly length: number,
  ) {}

  positionAt(offset: number): Position {
    return positionIn(this.starts, this.length, offset);
  }

  writePosition(offset: number, out: Int32Array, at: number): void {
    writePositionIn(this.starts, this.length, offset, out, at);
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }
}

/**
 * Line starts of a text without \r: a `\n` search by `indexOf`, which V8 runs as a vectorised scan, several times
 * faster than a loop over every code unit (most documents have no \r).
 */
function newlineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line starts with every break LSP knows: \n, \r\n and a lone \r. */
function lineBreakStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Maps UTF-16 offsets to LSP positions and back. Line breaks are \n, \r\n and a lone \r, as LSP defines them.
 * Built once per text; lookups are a binary search.
 */
export class LineIndex implements Positions {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = text.indexOf('\r') < 0 ? newlineStarts(text) : lineBreakStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    return positionIn(this.starts, this.text.length, offset);
  }

  writePosition(offset: number, out: Int32Array, at: number): void {
    writePositionIn(this.starts, this.text.length, offset, out, at);
  }

  /** The start offset of every line (for LineStarts). */
  lineStarts(): readonly number[] {
    return this.starts;
  }

  get textLength(): number {
    return this.text.length;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  spanOf(r: Range): Span {
    return { start: this.offsetAt(r.start), end: this.offsetAt(r.end) };
  }
}
