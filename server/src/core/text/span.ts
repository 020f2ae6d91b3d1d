/** Offsets are UTF-16 code units into the document text (what JS strings index), so LSP characters map 1:1. */
export interface Span {
  start: number;
  end: number;
}

/** LSP-shaped position: 0-based line, UTF-16 character. Defined here so the core needs no LSP import. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanContains(outer: Span, offset: number): boolean {
  return offset >= outer.start && offset <= outer.end;
}
