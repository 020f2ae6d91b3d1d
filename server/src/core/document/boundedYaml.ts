import { Composer, Document, Parser, YAMLParseError, type CST, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/** Deeper nesting than this is not metadata; composing it would only risk the stack. */
export const MAX_YAML_NESTING = 64;

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * `yaml.parseDocument`, but nesting is measured on the concrete syntax tree first (the parser is a stack machine;
 * the composer recurses). Past MAX_YAML_NESTING the document is not composed and carries one RESOURCE_EXHAUSTION
 * error at the first too-deep collection instead. Why not just catch the RangeError: yaml does catch it, but after
 * one deep stack overflow V8 can abort the whole process on the next one ("RegExpCompiler Allocation failed"),
 * e.g. on `- - - - …` or `? ? ? …` ten thousand deep typed twice.
 */
export function parseYamlBounded(source: string, options: Options): Document.Parsed {
  const tokens = [...new Parser().parse(source)];
  const tooDeep = firstTooDeep(tokens, MAX_YAML_NESTING);
  if (tooDeep !== undefined) {
    const doc = new Document(null, options) as Document.Parsed;
    doc.range = [0, source.length, source.length];
    const end = Math.min(source.length, tooDeep + 1);
    doc.errors.push(new YAMLParseError([tooDeep, end], 'RESOURCE_EXHAUSTION', `YAML nested deeper than ${MAX_YAML_NESTING} levels`));
    return doc;
  }
  // The rest is what yaml.parseDocument does with the tokens.
  const composer = new Composer(options);
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc!;
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
