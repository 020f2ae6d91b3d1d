import type { KnowledgeBase } from '../kb/knowledgeBase';

/**
 * A fingerprint of everything recognition depends on (names, aliases, kinds, countries, numbers). When a kb edit
 * leaves it unchanged, no document's mentions can change, and only documents referring to touched ids are redone.
 */
export function aliasSignature(kb: KnowledgeBase): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0xff, 0x01000193);
  };
  for (const { record: r } of kb.records()) {
    feed(r.id);
    feed(r.kind);
    feed(JSON.stringify([r.name, r.aliases, r.qualified_aliases, r.ambiguous_aliases, r.short, r.default_for, r.country, r.number]));
  }
  return `${kb.size}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}
