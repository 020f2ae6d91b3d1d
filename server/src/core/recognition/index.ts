export { recognize, RecognitionJob, type RecognitionInput } from './recognize';
export { createAliasMatcher, CompiledTrie, type AliasMatch, type AliasMatcher } from './trie';
export { lexiconFor } from './lexicon';
export { titleKey } from './titles';
export type { Mention, MentionVia } from './types';
