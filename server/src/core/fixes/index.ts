export { fixesFor, sourceActions } from './fixesFor';
export { inferMetadata, type InferredMetadata } from './infer';
export { insertFrontMatterFix } from './insertFrontMatter';
