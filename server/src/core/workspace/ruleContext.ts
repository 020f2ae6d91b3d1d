import type { PolicyLensConfig } from '../config/config';
import type { KnowledgeBase } from '../kb/knowledgeBase';
import type { RuleContext } from '../rules/types';
import type { Span } from '../text/span';

/** A document declaring an id as its own (`id:` in its front-matter, no `kind`). */
export interface DeclaringDocument {
  uri: string;
  span: Span;
  title: string | undefined;
}

/** What the rules may ask of a workspace, answered by the index (main thread) or by a worker's copy of it. */
export interface WorkspaceIdentity {
  config(): PolicyLensConfig;
  kb(): KnowledgeBase;
  /** Documents declaring the id, in the index's order (the first one is the `related:` target). */
  declaring(id: string): Iterable<DeclaringDocument>;
  /** Ids documents declare. */
  declaredIds(): Iterable<string>;
}

/** The rule context over a workspace identity; the id list for suggestions is one array per knowledge base. */
export function createRuleContext(w: WorkspaceIdentity): RuleContext & { invalidateIds(): void } {
  let idList: { kb: KnowledgeBase; ids: string[] } | undefined;
  return {
    get config() {
      return w.config();
    },
    get kb() {
      return w.kb();
    },
    documentWithId(id) {
      // The title straight from the front-matter: analysing the other document here would recurse forever when
      // documents relate to each other (or one lists its own id under `related`).
      for (const d of w.declaring(id)) return { uri: d.uri, title: d.title };
      return undefined;
    },
    otherDefinitions(id, exceptUri) {
      const out: { uri: string; span: Span }[] = [];
      for (const def of w.kb().definitions(id)) {
        if (!def.origin.builtin && def.origin.uri !== exceptUri) out.push({ uri: def.origin.uri, span: def.origin.idSpan });
      }
      for (const d of w.declaring(id)) if (d.uri !== exceptUri) out.push({ uri: d.uri, span: d.span });
      return out;
    },
    allIds() {
      const kb = w.kb();
      if (idList?.kb !== kb) {
        const ids: string[] = [];
        for (const { record } of kb.records()) ids.push(record.id);
        for (const id of w.declaredIds()) ids.push(id);
        idList = { kb, ids };
      }
      return idList.ids;
    },
    invalidateIds() {
      idList = undefined;
    },
  };
}
