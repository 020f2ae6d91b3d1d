/**
 * Escaping for hover and completion markdown. Everything that comes from a document or a kb file passes through
 * here before it is shown, so no document can inject links (`[x](command:…)`), raw HTML (`<img onerror=…>`) or
 * markdown structure into a card. Hand-written because it is a few lines and the rules are editor-specific:
 * VS Code renders hovers with `marked` and no HTML sanitiser we can rely on when `supportHtml` is on elsewhere.
 */

/** Characters with a markdown meaning anywhere in a line (CommonMark's ASCII punctuation that can start syntax). */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|~:"'=$^@]/g;

/** Escapes text for inline markdown: collapses line breaks, neutralises HTML and markdown syntax. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** Text for a markdown code span: backticks inside are made harmless by choosing a longer fence. */
export function codeSpan(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'file:']);

/** The URL when it is an http(s) or file link, else undefined: no `command:`, `javascript:`, `data:` links, ever. */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!SAFE_SCHEMES.has(parsed.protocol)) return undefined;
  if (parsed.protocol !== 'file:' && !parsed.hostname) return undefined;
  // `href` is normalised and percent-encodes spaces; parentheses and angle brackets are encoded too so the
  // destination cannot end the markdown link early.
  return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A markdown link with an escaped label, or just the escaped label when the URL is not a safe link. */
export function markdownLink(label: string, url: string): string {
  const safe = safeUrl(url);
  const text = escapeMarkdown(label) || escapeMarkdown(url);
  return safe ? `[${text}](${safe})` : text;
}
