// markdown-it ships no types and @types/markdown-it is not a dependency; the bench only calls parse().
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: Record<string, unknown>);
    parse(src: string, env: Record<string, unknown>): unknown[];
  }
}
