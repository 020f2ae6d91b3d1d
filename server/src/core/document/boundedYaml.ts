import { Composer, Document, isMap, isPair, isScalar, isSeq, Parser, YAMLParseError, type CST, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/** Deeper nesting than this is not metadata; composing it would only risk the stack. */
export const MAX_YAML_NESTING = 64;
/** Errors kept per document: enough to fix a file, few enough that mapping them to ranges stays cheap. */
export const MAX_YAML_ERRORS = 100;
/**
 * Longer YAML is not parsed (a default for kb files; front-matter passes a smaller bound). Composing costs a few
 * microseconds per node: a multi-megabyte key list would hold the server for seconds.
 */
export const MAX_YAML_LENGTH = 4 * 1024 * 1024;

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * `yaml.parseDocument`, but nesting is measured on the concrete syntax tree first (the parser is a stack machine;
 * the composer recurses). Past MAX_YAML_NESTING the document is not composed and carries one RESOURCE_EXHAUSTION
 * error at the first too-deep collection instead. Why not just catch the RangeError: yaml does catch it, but after
 * one deep stack overflow V8 can abort the whole process on the next one ("RegExpCompiler Allocation failed"),
 * e.g. on `- - - - …` or `? ? ? …` ten thousand deep typed twice.
 * `uniqueKeys` is checked here with a hash per map: yaml compares each new key with every earlier one, which takes
 * minutes on a front-matter of a few hundred thousand keys.
 */
export function parseYamlBounded(source: string, options: Options, maxLength = MAX_YAML_LENGTH): Document.Parsed {
  // yaml reports each problem as an Error; capturing their stack traces (never read: problems carry a message
  // and offsets) cost more than the parse of a broken front-matter.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseBounded(source, options, maxLength);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parseBounded(source: string, options: Options, maxLength: number): Document.Parsed {
  if (source.length > maxLength) {
    return unparsed(source, 0, `YAML longer than ${Math.round(maxLength / 1024)} KB is not parsed`, options);
  }
  const tokens = [...new Parser().parse(source)];
  const tooDeep = firstTooDeep(tokens, MAX_YAML_NESTING);
  if (tooDeep !== undefined) return unparsed(source, tooDeep, `YAML nested deeper than ${MAX_YAML_NESTING} levels`, options);
  // The rest is what yaml.parseDocument does with the tokens.
  const checkKeys = options.uniqueKeys !== false;
  const composer = new Composer({ ...options, uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  if (checkKeys) reportDuplicateKeys(doc!);
  if (doc!.errors.length > MAX_YAML_ERRORS) doc!.errors.length = MAX_YAML_ERRORS;
  return doc!;
}

/** An empty document carrying one RESOURCE_EXHAUSTION error at `at`. */
function unparsed(source: string, at: number, message: string, options: Options): Document.Parsed {
  const doc = new Document(null, options) as Document.Parsed;
  doc.range = [0, source.length, source.length];
  doc.errors.push(new YAMLParseError([at, Math.min(source.length, at + 1)], 'RESOURCE_EXHAUSTION', message));
  return doc;
}

/** yaml's own DUPLICATE_KEY error (same code and message), placed on the whole repeated key. */
function reportDuplicateKeys(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length && doc.errors.length <= MAX_YAML_ERRORS) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range) {
          if (seen.has(key.value)) doc.errors.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Offset of the first collection nested deeper than `limit`, walking the CST with an explicit stack. */
function firstTooDeep(tokens: CST.Token[], limit: number): number | undefined {
  const stack: { token: CST.Token | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > limit) return token.offset;
      for (const item of token.items as { key?: CST.Token | null; value?: CST.Token }[]) {
        stack.push({ token: item.key ?? undefined, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
