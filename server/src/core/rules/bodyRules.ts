import type { ParsedDocument } from '../document/types';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import { isInstrumentKind } from '../kb/record';
import type { Mention } from '../recognition/types';
import { diag, isDefinitionNote, yamlUnreliable } from './frontMatterRules';
import { closestId } from './suggest';
import { CODES, type CoreDiagnostic, type RuleContext } from './types';

/** `[[id]]` must name a record or a document. */
export function linkRules(doc: ParsedDocument, ctx: RuleContext, out: CoreDiagnostic[]): void {
  for (const link of doc.links) {
    const id = link.target;
    if (ctx.kb.has(id) || ctx.documentWithId(id)) continue;
    const suggestion = closestId(id, ctx.allIds(), ctx.kb);
    const data: Record<string, unknown> = { id };
    if (suggestion) data.suggestion = suggestion;
    out.push(diag(CODES.unresolvedLink, `Unresolved link [[${id}]]: no record or document has this id${suggestion ? `. Did you mean '${suggestion}'?` : '.'}`, link.targetSpan, data));
  }
}

/**
 * Recognised entities and instruments that the front-matter does not list (one diagnostic per id, at its first
 * mention), and quoted titles or resolutions that match no known instrument. Runs over every mention of every
 * document: the per-document questions are answered once, before the loop, and nothing is allocated per document
 * but the diagnostics (the ids already reported are marked on their shared PL009 entry, not kept in a Set).
 */
export function mentionRules(doc: ParsedDocument, mentions: readonly Mention[], ctx: RuleContext, out: CoreDiagnostic[]): void {
  const fm = doc.frontMatter;
  // Front-matter lists are checked only where there is front-matter (without it, PL001 says it all). A definition
  // note's prose describes its record: it has no entity list to keep in sync.
  const data = fm && !yamlUnreliable(fm) && !isDefinitionNote(fm) ? fm.data : undefined;
  const entities = listed(data?.entities);
  const treaties = listed(data?.treaties);
  const stamp = ++checkedDocuments;
  // Ids reported with no shared entry to mark yet (an id's first mention ever, an id without a record): rare, so
  // the Set is made only when one turns up.
  let reportedUnshared: Set<string> | undefined;
  const unlistedById = data ? unlistedOf(ctx.kb) : undefined;
  // An indexed loop: this one runs over every mention of every document, most of it before V8 has optimised it
  // (once per document), and a for-of costs an iterator step per mention until then.
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (fm && m.span.start < fm.span.end && m.span.end > fm.span.start) continue;
    if (m.ids.length === 0 || m.kind === 'unknown') {
      if (m.via === 'quoted-title' || m.via === 'resolution') {
        out.push(diag(CODES.unknownInstrument, `Unknown instrument '${m.text}': no record in the knowledge base matches it.`, m.span, { text: m.text }));
      }
      continue;
    }
    if (!unlistedById || m.ids.length !== 1 || m.ambiguous) continue;
    const id = m.ids[0];
    let u = unlistedById.get(id);
    if (u) {
      if (u.reportedIn === stamp) continue;
    } else {
      if (reportedUnshared?.has(id)) continue;
      (reportedUnshared ??= new Set()).add(id);
      u = unlisted(ctx.kb, id, m, unlistedById);
    }
    u.reportedIn = stamp;
    if (has(u.field === 'treaties' ? treaties : entities, id)) continue;
    out.push(diag(CODES.unlistedEntity, u.message, m.span, u.data));
  }
}

/** Calls of mentionRules so far: the stamp marking the ids one call has reported (see Unlisted.reportedIn). */
let checkedDocuments = 0;

interface Unlisted {
  field: 'entities' | 'treaties';
  message: string;
  /** Shared by every PL009 of the id (a corpus has 100,000s), hence frozen: diagnostics are values. */
  data: Readonly<Record<string, unknown>>;
  /** The mentionRules call that last reported (or skipped as listed) this id: each id once per document. */
  reportedIn: number;
}

/** The list a mentioned id belongs in, the PL009 message and data: made once per record, not once per document. */
const unlistedByKb = new WeakMap<KnowledgeBase, Map<string, Unlisted>>();
function unlistedOf(kb: KnowledgeBase): Map<string, Unlisted> {
  let byId = unlistedByKb.get(kb);
  if (!byId) unlistedByKb.set(kb, (byId = new Map()));
  return byId;
}

function unlisted(kb: KnowledgeBase, id: string, m: Mention, byId: Map<string, Unlisted>): Unlisted {
  const record = kb.record(id);
  const field = isInstrumentKind(record?.kind ?? m.kind) ? 'treaties' : 'entities';
  const label = record?.name?.ko ?? record?.name?.en ?? m.text;
  const u: Unlisted = { field, message: `'${label}' (${id}) is mentioned but not listed in '${field}'.`, data: Object.freeze({ id, field }), reportedIn: 0 };
  // Without a record the mention itself says the kind and the label: nothing to share.
  if (record) byId.set(id, u);
  return u;
}

/** Lists longer than this are looked up through a Set (built once per document); shorter ones are scanned. */
const MAX_SCANNED_LIST = 16;
const NOTHING_LISTED: readonly unknown[] = [];

/** The values of a front-matter list (anything but a list lists nothing; non-string items never equal an id). */
function listed(value: unknown): readonly unknown[] | ReadonlySet<unknown> {
  if (!Array.isArray(value)) return NOTHING_LISTED;
  return value.length > MAX_SCANNED_LIST ? new Set(value) : value;
}

/** The id is among the values (SameValueZero, as a Set compares). */
function has(values: readonly unknown[] | ReadonlySet<unknown>, id: string): boolean {
  return Array.isArray(values) ? values.includes(id) : (values as ReadonlySet<unknown>).has(id);
}
