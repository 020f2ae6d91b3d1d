import type { Bilingual, KbRecord, Role } from '../kb/record';
import type { MentionVia } from '../recognition/types';
import { codeSpan, escapeMarkdown, markdownLink, safeUrl } from './escape';
import { fieldDoc } from './fieldDocs';
import { bilingualName, kindLabel } from './labels';

/**
 * Hover cards as markdown strings. Pure: every location arrives as a ready link (a `file:` URI with a `#L` line
 * fragment, built by the server), every name through `nameOf`. All document- and data-derived text is escaped.
 */
export interface CardContext {
  /** Names of another record (parties, role holders' countries, replaced_by). */
  nameOf(id: string): Bilingual | undefined;
  /** Link to where an id is defined, when known. */
  linkTo(id: string): string | undefined;
  /** Language of the document the card is shown in: picks the description language first. */
  language?: 'ko' | 'en';
}

export interface DocumentRef {
  title: string;
  date?: string;
  /** Link to the first mention in that document. */
  link: string;
}

export interface MentionedIn {
  total: number;
  /** Most recent first; the card shows at most five. */
  documents: DocumentRef[];
}

export const MAX_MENTIONED_LINKS = 5;

function heading(record: KbRecord): string {
  const ko = record.name?.ko?.trim();
  const en = record.name?.en?.trim();
  const names = [ko, en !== ko ? en : undefined].filter((n): n is string => !!n).map((n) => `**${escapeMarkdown(n)}**`);
  return names.length ? names.join(' · ') : `**${escapeMarkdown(record.id)}**`;
}

function description(record: KbRecord, language: 'ko' | 'en' | undefined): string | undefined {
  const d = record.description;
  if (!d) return undefined;
  const text = language === 'en' ? d.en ?? d.ko : d.ko ?? d.en;
  return text ? escapeMarkdown(text) : undefined;
}

/** A record referenced by id: its name linked to its definition when we know where that is. */
function refLink(id: string, ctx: CardContext): string {
  const label = bilingualName(ctx.nameOf(id), id);
  const link = ctx.linkTo(id);
  return link ? markdownLink(label, link) : escapeMarkdown(label);
}

function term(from?: string, to?: string): string {
  if (!from && !to) return '';
  return ` (${escapeMarkdown(from ?? '…')} – ${escapeMarkdown(to ?? 'present')})`;
}

function roleLine(role: Role, ctx: CardContext): string {
  const title = bilingualName(role.title, 'role');
  // "President of the Republic of Korea" already names its country: no need to repeat it as a link.
  const ofName = role.of ? ctx.nameOf(role.of) : undefined;
  const named = [ofName?.ko, ofName?.en].some((n) => n && title.includes(n));
  const of = role.of && !named ? `, ${refLink(role.of, ctx)}` : '';
  return `${escapeMarkdown(title)}${of}${term(role.from, role.to)}`;
}

/** The key facts, one bullet each: role and term, parties, dates, succession, membership. */
export function keyFacts(record: KbRecord, ctx: CardContext): string[] {
  const facts: string[] = [];
  for (const role of record.roles ?? []) facts.push(`Role: ${roleLine(role, ctx)}`);
  if (record.country) facts.push(`Country: ${refLink(record.country, ctx)}`);
  if (record.parent) facts.push(`Part of: ${refLink(record.parent, ctx)}`);
  if (record.parties?.length) facts.push(`Parties: ${record.parties.map((p) => refLink(p, ctx)).join(', ')}`);
  if (record.number !== undefined) facts.push(`Number: ${escapeMarkdown(String(record.number))}`);
  const dates: [string, string | undefined][] = [
    ['Signed', record.signed],
    ['In force', record.in_force],
    ['Terminated', record.terminated],
    ['Founded', record.founded],
    ['Dissolved', record.dissolved],
  ];
  const dateParts = dates.filter(([, v]) => v).map(([k, v]) => `${k}: ${escapeMarkdown(String(v))}`);
  if (dateParts.length) facts.push(dateParts.join(' · '));
  if (record.replaced_by) facts.push(`Replaced by: ${refLink(record.replaced_by, ctx)}`);
  if (record.replaces) facts.push(`Replaces: ${refLink(record.replaces, ctx)}`);
  if (record.depositary) facts.push(`Depositary: ${escapeMarkdown(record.depositary)}`);
  if (record.unts) facts.push(`UNTS: ${escapeMarkdown(record.unts)}`);
  for (const [key, value] of Object.entries(record.facts ?? {})) {
    facts.push(`${escapeMarkdown(key)}: ${escapeMarkdown(String(value))}`);
  }
  return facts;
}

function mentionedInSection(mentioned: MentionedIn): string {
  const n = mentioned.total;
  const head = `Mentioned in ${n} document${n === 1 ? '' : 's'}`;
  if (n === 0) return `_${head}._`;
  const lines = mentioned.documents.slice(0, MAX_MENTIONED_LINKS).map((d) => {
    const date = d.date ? ` — ${escapeMarkdown(d.date)}` : '';
    return `- ${markdownLink(d.title, d.link)}${date}`;
  });
  const more = n > lines.length ? [`- _and ${n - lines.length} more_`] : [];
  return [`${head}:`, ...lines, ...more].join('\n');
}

/** The full card of a knowledge-base record. */
export function recordCard(
  record: KbRecord,
  ctx: CardContext,
  extra: { mentionedIn?: MentionedIn; definedAt?: string; builtin?: boolean; foundAs?: { via: MentionVia; text: string } } = {},
): string {
  const parts: string[] = [];
  parts.push(heading(record));
  parts.push(`_${escapeMarkdown(kindLabel(record.kind))}_ · ${codeSpan(record.id)}`);
  const desc = description(record, ctx.language);
  if (desc) parts.push(desc);
  const facts = keyFacts(record, ctx);
  if (facts.length) parts.push(facts.map((f) => `- ${f}`).join('\n'));
  const links: string[] = [];
  if (record.source && safeUrl(record.source)) links.push(`Source: ${markdownLink(shortUrl(record.source), record.source)}`);
  if (extra.definedAt) {
    links.push(`${markdownLink(extra.builtin ? 'Built-in definition' : 'Definition', extra.definedAt)}`);
  }
  if (links.length) parts.push(links.join(' · '));
  if (extra.mentionedIn) parts.push(mentionedInSection(extra.mentionedIn));
  if (extra.foundAs) parts.push(`_${escapeMarkdown(foundAsLabel(extra.foundAs.via, extra.foundAs.text))}_`);
  return parts.join('\n\n');
}

/** How a mention was recognised, in words (the last line of a card). */
export function foundAsLabel(via: MentionVia, text: string): string {
  const quoted = `“${text}”`;
  switch (via) {
    case 'compound':
      return `Recognised as part of the compound ${quoted}`;
    case 'acronym-pair':
      return `Recognised from the name and acronym ${quoted}`;
    case 'qualified':
      return `Recognised from ${quoted}, qualified by the country before it`;
    case 'quoted-title':
      return `Recognised from the quoted title ${quoted}`;
    case 'resolution':
      return `Recognised from the resolution number in ${quoted}`;
    case 'annotation':
      return `Annotated as ${quoted}`;
    default:
      return `Recognised from ${quoted}`;
  }
}

/** A mention several records claim: each candidate with its kind and a link to its definition. */
export function ambiguousCard(text: string, candidates: KbRecord[], ctx: CardContext): string {
  const lines = candidates.map((r) => {
    const label = bilingualName(r.name, r.id);
    const link = ctx.linkTo(r.id);
    const name = link ? markdownLink(label, link) : escapeMarkdown(label);
    return `- ${name} — _${escapeMarkdown(kindLabel(r.kind))}_ ${codeSpan(r.id)}`;
  });
  return [`**${escapeMarkdown(text)}** is ambiguous: it may refer to`, lines.join('\n'), 'Write `[[id]]` to say which one.'].join(
    '\n\n',
  );
}

/** A mention or id the knowledge base does not know. */
export function unknownCard(text: string, what: 'instrument' | 'id' | 'link'): string {
  const label =
    what === 'instrument'
      ? 'Instrument not in the knowledge base'
      : what === 'link'
        ? 'Unresolved link: no record or document has this id'
        : 'Unknown id: no record or document has this id';
  return [`**${escapeMarkdown(text)}**`, `_${label}._ Use the quick fix “Create definition” to add one.`].join('\n\n');
}

/** A corpus document (target of `related:`). */
export function documentCard(doc: { id: string; title?: string; date?: string; link: string }): string {
  const title = doc.title ? markdownLink(doc.title, doc.link) : markdownLink(doc.id, doc.link);
  const date = doc.date ? ` · ${escapeMarkdown(doc.date)}` : '';
  return [`**${title}**`, `_document_ ${codeSpan(doc.id)}${date}`].join('\n\n');
}

/** Explains a front-matter key: what it holds and the expected format. */
export function fieldCard(key: string): string {
  const doc = fieldDoc(key);
  if (!doc) return `${codeSpan(key)} — a front-matter field Policy Lens does not interpret.`;
  return [`${codeSpan(doc.key)} — ${doc.summary}`, `Format: ${doc.format}`, '```yaml\n' + doc.example.replace(/`/g, "'") + '\n```'].join(
    '\n\n',
  );
}

/** `host/path…` for a source link label: short and still recognisable. */
function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    let path = u.pathname;
    try {
      path = decodeURI(path);
    } catch {
      // keep it encoded
    }
    if (path.length > 30) path = `${path.slice(0, 29)}…`;
    return `${u.hostname}${path === '/' ? '' : path}`;
  } catch {
    return url;
  }
}
