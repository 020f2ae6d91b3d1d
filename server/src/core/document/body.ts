import type { Span } from '../text/span';
import type { Heading, UrlRef, WikiLink } from './types';
import { isHtmlElementName } from './htmlElements';
import { SCRIPT as SCRIPT_IMPORT, SCRIPT_COMBINING } from './language';
import { ALNUM, CHAR_CLASS, DOMAIN, isAsciiAlnum, isBareDomainOrEmail, isDomainChar, LETTER, LETTER_SHIFT, urlEnd, urlPrefixAt } from './urls';

/** A module-local reference: imported bindings can compile to property getters (tsx/CJS), too slow per character. */
const SCRIPT = SCRIPT_IMPORT;

/*
 * Body scanner for Markdown, plain text and HTML-ish scraped pages, hand-written because we need the exact
 * UTF-16 spans of the prose runs between tags, URLs, code and wiki-links. HTML parsers (parse5) and Markdown
 * parsers (markdown-it) give positions per node or per line at best, allocate a tree for the whole document and
 * do not know about bare domains or wiki-links; we would still have to re-scan their text nodes.
 *
 * Linear time: each construct is recognised by looking ahead a bounded distance or by `indexOf` jumps whose
 * result is consumed; searches that fail are remembered so a run of unmatched openers is not re-scanned.
 */

/** A tag longer than this (no `>` within reach) is not a tag: the `<` is prose (`<통일부 홈페이지>` is prose too). */
const MAX_TAG = 2000;
const MAX_WIKILINK = 500;
/** Element whose content is not prose and is skipped whole. */
const RAW_TEXT = new Set(['script', 'style', 'code', 'textarea', 'template']);

/** ASCII characters that may open a construct: line breaks, `<`, backtick, `[`, `]` (OPENS), and words (WORD). */
const OPENS = new Uint8Array(128);
const WORD = 2;
for (const c of [10, 13, 60, 96, 91, 93]) OPENS[c] = 1;
for (let c = 0; c < 128; c++) if (CHAR_CLASS[c] & ALNUM) OPENS[c] = WORD;

export interface BodyScan {
  textSegments: Span[];
  links: WikiLink[];
  headings: Heading[];
  urls: UrlRef[];
  /**
   * Hangul and Latin letters in `textSegments`, as detectLanguage counts them: counted while scanning, so the
   * document's language costs no second pass over its prose.
   */
  hangul: number;
  latin: number;
  /** Some prose composes under NFC (decomposed Hangul, combining marks): see ParsedDocument.decomposed. */
  decomposed: boolean;
}

export function scanBody(text: string, body: Span): BodyScan {
  return new Scanner(text, body).run();
}

class Scanner {
  private readonly out: BodyScan = { textSegments: [], links: [], headings: [], urls: [], hangul: 0, latin: 0, decomposed: false };
  /** ASCII letters of the words that stayed prose (the main loop counts the other letters). */
  private asciiLetters = 0;
  /** Start of the prose run in progress. */
  private runStart: number;
  /** Cached position of the next `>` at or after some point (-1: none left). */
  private nextGt = -2;
  /** Backtick run lengths known to have no closing run before the end of the given line. */
  private noCloseTick: Map<number, number> | undefined;
  private openHtmlHeading: { level: number; start: number; contentStart: number } | undefined;

  constructor(
    private readonly text: string,
    private readonly body: Span,
  ) {
    this.runStart = body.start;
  }

  run(): BodyScan {
    const { text } = this;
    const script = SCRIPT;
    const end = this.body.end;
    // Letters of the language count. Every character this loop steps over one by one is prose (constructs are
    // excluded from where they start, never behind the loop); the characters a construct skips are not, except
    // the ASCII words that word() reads, which it counts.
    let hangul = 0;
    let latin = 0;
    let bits = 0;
    let i = this.lineStart(this.body.start);
    while (i < end) {
      const c = text.charCodeAt(i);
      // Fast path: most characters (Hangul, spaces, punctuation) start nothing.
      if (c >= 128) {
        const k = script[c];
        hangul += k & 1;
        latin += (k >> 1) & 1;
        bits |= k;
        i++;
        continue;
      }
      const opens = OPENS[c];
      if (opens === 0) {
        i++;
        continue;
      }
      let next = i;
      if (opens === WORD) {
        if (!isDomainChar(text.charCodeAt(i - 1))) next = this.word(i);
        else latin += (CHAR_CLASS[c] & LETTER) >> LETTER_SHIFT; // inside a token: a prose character of its own
      } else if (c === 10 || c === 13) next = this.lineStart(i + 1);
      else if (c === 60 /* < */) next = this.tag(i);
      else if (c === 96 /* ` */) next = this.inlineCode(i);
      else if (c === 91 /* [ */ && text.charCodeAt(i + 1) === 91) next = this.wikiLink(i);
      else if (c === 93 /* ] */ && text.charCodeAt(i + 1) === 40 /* ( */) next = this.markdownLinkTarget(i + 1);
      i = next === i ? i + 1 : next;
    }
    this.flush(end);
    this.out.hangul = hangul;
    this.out.decomposed = (bits & SCRIPT_COMBINING) !== 0;
    this.out.latin = latin + this.asciiLetters;
    return this.out;
  }

  /** Excludes [from, to) from prose. */
  private exclude(from: number, to: number): number {
    this.flush(from);
    this.runStart = Math.max(this.runStart, to);
    return to;
  }

  private flush(upTo: number): void {
    if (upTo <= this.runStart) return;
    // Whitespace-only runs carry nothing for recognition.
    const { text } = this;
    for (let k = this.runStart; k < upTo; k++) {
      const c = text.charCodeAt(k);
      if (c > 32 && c !== 0xa0 && c !== 0x3000) {
        this.out.textSegments.push({ start: this.runStart, end: upTo });
        return;
      }
    }
  }

  /** The last line end found: any offset between its start and end shares it (keeps long lines linear). */
  private lineFrom = -1;
  private lineTo = -1;

  private lineEnd(i: number): number {
    if (i >= this.lineFrom && i <= this.lineTo) return this.lineTo;
    const end = this.body.end;
    const { text } = this;
    let j = i;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) break;
      j++;
    }
    this.lineFrom = i;
    this.lineTo = j;
    return j;
  }

  private nextLine(i: number): number {
    const { text } = this;
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
    return i < this.body.end ? i + 1 : i;
  }

  /** Past the line-start constructs (possibly several in a row) at `i`, the start of a line. */
  private lineStart(i: number): number {
    const end = this.body.end;
    for (;;) {
      if (i >= end) return i;
      const next = this.lineConstruct(i);
      if (next === i) return i;
      i = next;
    }
  }

  /** Markdown constructs that only exist at the start of a line: code fences and `#` headings. */
  private lineConstruct(i: number): number {
    const { text } = this;
    let j = i;
    while (j < i + 3 && text.charCodeAt(j) === 32) j++;
    const c = text.charCodeAt(j);
    if (c === 96 || c === 126 /* ~ */) {
      let k = j;
      while (text.charCodeAt(k) === c) k++;
      const fenceLen = k - j;
      if (fenceLen >= 3) return this.fencedCode(i, c, fenceLen);
    } else if (c === 35 /* # */) {
      let k = j;
      while (text.charCodeAt(k) === 35 && k - j < 7) k++;
      const level = k - j;
      const after = text.charCodeAt(k);
      if (level <= 6 && (after === 32 || after === 9 || after === 10 || after === 13 || k >= this.body.end)) {
        const lineEnd = this.lineEnd(k);
        const raw = text.slice(k, lineEnd);
        const headingText = raw.replace(/[ \t]+#+[ \t]*$/, '').trim();
        this.out.headings.push({ level, text: headingText, span: { start: j, end: lineEnd }, source: 'markdown' });
        // The `#` marks are not prose; the heading text is.
        this.exclude(j, k);
        return k;
      }
    } else if (c === 61 /* = */) {
      return this.setextUnderline(i, j);
    }
    return i;
  }

  /** `Title` over a `===` line is a level-1 heading (a `---` underline is left alone: it is also a rule). */
  private setextUnderline(i: number, j: number): number {
    const { text } = this;
    let k = j;
    while (text.charCodeAt(k) === 61) k++;
    const lineEnd = this.lineEnd(k);
    if (k - j < 3 || text.slice(k, lineEnd).trim() !== '' || i === this.body.start) return i;
    // The previous line, whole and still prose (not the end of a code block or a `#` heading).
    let prevEnd = i - 1;
    if (text.charCodeAt(prevEnd) === 10 && text.charCodeAt(prevEnd - 1) === 13) prevEnd--;
    let prevStart = prevEnd;
    while (prevStart > this.body.start && text.charCodeAt(prevStart - 1) !== 10 && text.charCodeAt(prevStart - 1) !== 13) prevStart--;
    const title = text.slice(prevStart, prevEnd).trim();
    if (!title || prevStart < this.runStart) return i;
    this.out.headings.push({ level: 1, text: title, span: { start: prevStart, end: lineEnd }, source: 'markdown' });
    return this.exclude(j, lineEnd);
  }

  private fencedCode(i: number, fenceChar: number, fenceLen: number): number {
    const { text } = this;
    let line = this.nextLine(this.lineEnd(i));
    while (line < this.body.end) {
      const lineEnd = this.lineEnd(line);
      let j = line;
      while (j < line + 3 && text.charCodeAt(j) === 32) j++;
      let k = j;
      while (text.charCodeAt(k) === fenceChar) k++;
      if (k - j >= fenceLen && text.slice(k, lineEnd).trim() === '') {
        return this.exclude(i, this.nextLine(lineEnd));
      }
      line = this.nextLine(lineEnd);
    }
    // An unclosed fence runs to the end of the document, as in CommonMark.
    return this.exclude(i, this.body.end);
  }

  private inlineCode(i: number): number {
    const { text } = this;
    let k = i;
    while (text.charCodeAt(k) === 96) k++;
    const n = k - i;
    const lineEnd = this.lineEnd(k);
    const known = this.noCloseTick?.get(n);
    if (known !== undefined && known === lineEnd) return k;
    let j = k;
    while (j < lineEnd) {
      const close = boundedIndexOf(text, 96, j, lineEnd);
      if (close < 0) break;
      let m = close;
      while (text.charCodeAt(m) === 96) m++;
      if (m - close === n) return this.exclude(i, m);
      j = m;
    }
    (this.noCloseTick ??= new Map()).set(n, lineEnd);
    return k;
  }

  private wikiLink(i: number): number {
    const { text } = this;
    const limit = Math.min(this.body.end, i + MAX_WIKILINK);
    let j = i + 2;
    while (j < limit) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13 || (c === 91 && text.charCodeAt(j + 1) === 91)) return i + 1;
      if (c === 93 && text.charCodeAt(j + 1) === 93) break;
      j++;
    }
    if (j >= limit) return i + 1;
    const inner = text.slice(i + 2, j);
    const bar = inner.indexOf('|');
    const rawTarget = bar >= 0 ? inner.slice(0, bar) : inner;
    const target = rawTarget.trim();
    if (target === '') return i + 1;
    const targetStart = i + 2 + rawTarget.indexOf(target);
    const link: WikiLink = {
      span: { start: i, end: j + 2 },
      targetSpan: { start: targetStart, end: targetStart + target.length },
      target,
    };
    if (bar >= 0) link.label = inner.slice(bar + 1).trim();
    this.out.links.push(link);
    return this.exclude(i, j + 2);
  }

  /** `](target)` of a Markdown link: the target is not prose. */
  private markdownLinkTarget(paren: number): number {
    const { text } = this;
    const lineEnd = this.lineEnd(paren);
    const j = this.nextParen(paren + 1);
    if (j < 0 || j >= Math.min(lineEnd, paren + MAX_TAG)) return paren;
    // The target is its first word (`](url "title")`); found in place, since most targets are not http URLs.
    let start = paren + 1;
    while (start < j && isJsWhitespace(text.charCodeAt(start))) start++;
    let end = start;
    while (end < j && !isJsWhitespace(text.charCodeAt(end))) end++;
    HTTP_AT.lastIndex = start;
    if (HTTP_AT.test(text) && HTTP_AT.lastIndex <= end) {
      this.out.urls.push({ url: text.slice(start, end), span: { start, end }, where: 'text' });
    }
    return this.exclude(paren, j + 1);
  }

  /** A word starting with an ASCII letter or digit: a URL, a bare domain, an email, or just prose. */
  private word(i: number): number {
    const { text } = this;
    const prefix = urlPrefixAt(text, i);
    if (prefix) {
      const end = urlEnd(text, i + prefix, this.body.end);
      if (end > i + prefix) {
        this.out.urls.push({ url: text.slice(i, end), span: { start: i, end }, where: 'text' });
        return this.exclude(i, end);
      }
    }
    let j = i;
    let innerDot = false;
    let letters = 0;
    const end = this.body.end;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c >= 128) break;
      const k = CHAR_CLASS[c];
      if ((k & DOMAIN) === 0) break;
      if (c === 46 && isAsciiAlnum(text.charCodeAt(j + 1))) innerDot = true;
      letters += (k & LETTER) >> LETTER_SHIFT;
      j++;
    }
    // Only a token with a dot between letters can be a domain or an email; plain words cost no allocation.
    if (!innerDot) {
      this.asciiLetters += letters;
      return j;
    }
    let tokenEnd = j;
    while (tokenEnd > i && text.charCodeAt(tokenEnd - 1) === 46) tokenEnd--;
    const token = text.slice(i, tokenEnd);
    if (isBareDomainOrEmail(token)) {
      // A bare domain may carry a path (`example.com/page`).
      let end = tokenEnd;
      if (tokenEnd === j && text.charCodeAt(j) === 47 /* / */) end = urlEnd(text, j, this.body.end);
      if (!token.includes('@')) this.out.urls.push({ url: text.slice(i, end), span: { start: i, end }, where: 'text' });
      return this.exclude(i, end);
    }
    this.asciiLetters += letters;
    return j;
  }

  private parenAt = -2;

  /** Next `)` at or after `from`, cached like `findGt` so runs of `](` without one stay linear. */
  private nextParen(from: number): number {
    if (this.parenAt === -1) return -1;
    if (this.parenAt < from) this.parenAt = this.text.indexOf(')', from);
    return this.parenAt;
  }

  private findGt(from: number): number {
    if (this.nextGt === -1) return -1;
    if (this.nextGt < from) this.nextGt = this.text.indexOf('>', from);
    if (this.nextGt >= this.body.end) this.nextGt = -1;
    return this.nextGt;
  }

  /** `<…>`: a comment, an autolink, an HTML tag (with attributes), or prose when it is none of these. */
  private tag(i: number): number {
    const { text } = this;
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const end = close < 0 || close + 3 > this.body.end ? this.body.end : close + 3;
      return this.exclude(i, end);
    }
    const c1 = text.charCodeAt(i + 1);
    const isClose = c1 === 47; /* / */
    const nameStart = isClose ? i + 2 : i + 1;
    const first = text.charCodeAt(nameStart);
    const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
    if (!letter && c1 !== 33 /* ! */ && c1 !== 63 /* ? */) return i + 1;
    const gt = this.findGt(i);
    if (gt < 0 || gt - i > MAX_TAG) return i + 1;

    // Autolink `<https://…>`.
    const prefix = urlPrefixAt(text, i + 1);
    if (prefix && !isClose) {
      const url = text.slice(i + 1, gt);
      if (!/\s/.test(url)) {
        this.out.urls.push({ url, span: { start: i + 1, end: gt }, where: 'text' });
        return this.exclude(i, gt + 1);
      }
    }

    let k = nameStart;
    while (k < gt && (isAsciiAlnum(text.charCodeAt(k)) || text.charCodeAt(k) === 45 || text.charCodeAt(k) === 58)) k++;
    const name = text.slice(nameStart, k).toLowerCase();
    const after = text.charCodeAt(k);
    const delimited = after === 62 || after === 47 || after === 32 || after === 9 || after === 10 || after === 13;
    if (c1 !== 33 && c1 !== 63 && (!delimited || !isHtmlElementName(name))) return i + 1;
    const end = this.attributes(k, gt);
    this.exclude(i, end);

    const headingLevel = /^h[1-6]$/.test(name) ? Number(name[1]) : 0;
    if (headingLevel) {
      if (!isClose) this.openHtmlHeading = { level: headingLevel, start: i, contentStart: end };
      else if (this.openHtmlHeading?.level === headingLevel) {
        const h = this.openHtmlHeading;
        const headingText = decodeBasicEntities(text.slice(h.contentStart, i).replace(/<[^>]*>/g, ' '))
          .replace(/\s+/g, ' ')
          .trim();
        this.out.headings.push({ level: h.level, text: headingText, span: { start: h.start, end }, source: 'html' });
        this.openHtmlHeading = undefined;
      }
    }
    if (!isClose && RAW_TEXT.has(name) && text.charCodeAt(end - 2) !== 47 /* not self-closing */) {
      const closeAt = indexOfCaseInsensitive(text, `</${name}`, end, this.body.end);
      if (closeAt < 0) return this.exclude(end, this.body.end);
      const closeGt = text.indexOf('>', closeAt);
      return this.exclude(end, closeGt < 0 || closeGt >= this.body.end ? this.body.end : closeGt + 1);
    }
    return end;
  }

  /**
   * Attributes from `from` up to the tag's end. A quoted value may contain `>`; then the tag ends at the first `>`
   * after the closing quote. Records href/src URLs.
   */
  private attributes(from: number, gt: number): number {
    const { text } = this;
    let k = from;
    let end = gt + 1;
    while (k < end - 1) {
      const c = text.charCodeAt(k);
      if (c === 34 || c === 39) {
        const close = boundedIndexOf(text, c, k + 1, Math.min(this.body.end, from + MAX_TAG));
        if (close < 0) break;
        const nameMatch = /([A-Za-z_:][-\w:.]*)\s*=\s*$/.exec(text.slice(Math.max(from, k - 40), k));
        if (nameMatch) this.attributeValue(nameMatch[1].toLowerCase(), k + 1, close);
        if (close >= end - 1) {
          const gt2 = text.indexOf('>', close);
          if (gt2 < 0 || gt2 >= this.body.end) return Math.min(this.body.end, close + 1);
          end = gt2 + 1;
        }
        k = close + 1;
        continue;
      }
      if (c === 61 /* = */) {
        // Unquoted value: up to whitespace or `>`.
        let v = k + 1;
        while (v < end - 1 && text.charCodeAt(v) <= 32) v++;
        const q = text.charCodeAt(v);
        if (q !== 34 && q !== 39) {
          let e = v;
          while (e < end - 1 && text.charCodeAt(e) > 32) e++;
          const nameMatch = /([A-Za-z_:][-\w:.]*)\s*$/.exec(text.slice(Math.max(from, k - 40), k));
          if (nameMatch && e > v) this.attributeValue(nameMatch[1].toLowerCase(), v, e);
          k = e;
          continue;
        }
      }
      k++;
    }
    return end;
  }

  private attributeValue(name: string, start: number, end: number): void {
    if (name !== 'href' && name !== 'src') return;
    const raw = this.text.slice(start, end);
    const url = raw.trim();
    if (url === '' || /^(?:javascript|data|vbscript):/i.test(url)) return;
    const s = start + raw.indexOf(url);
    this.out.urls.push({ url, span: { start: s, end: s + url.length }, where: 'attribute', attribute: name });
  }
}

const HTTP_AT = /https?:\/\//iy;

/** What `\s` and `String.prototype.trim` treat as whitespace. */
export function isJsWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function boundedIndexOf(text: string, code: number, from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

function indexOfCaseInsensitive(text: string, needle: string, from: number, limit: number): number {
  // Needles are ASCII tag names; scan for `<` and compare, so we never lower-case the whole text.
  let i = text.indexOf('<', from);
  while (i >= 0 && i < limit) {
    if (text.slice(i, i + needle.length).toLowerCase() === needle) return i;
    i = text.indexOf('<', i + 1);
  }
  return -1;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeBasicEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
