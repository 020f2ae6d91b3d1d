/**
 * A fingerprint of everything the analysis produces for a corpus: each document's parse (front-matter fields and
 * problems, prose segments, links, headings, URLs, language), mentions, diagnostics and references, through the
 * workspace index as the server builds it (on one thread, or with the analysis workers). An optimisation must not
 * change it: compare the total, or diff the per-document lines to find what moved.
 *   node bench/tools/bundled.mjs bench/tools/snapshot.ts <folder> [out.txt] [--workers N]
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config/config';
import { loadBuiltinKb } from '../../server/src/core/kb/builtin';
import { loadWorkspace } from '../../server/src/core/workspace/loadWorkspace';
import { referencedIds } from '../../server/src/core/workspace/references';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const w = args.indexOf('--workers');
  const workers = w >= 0 ? Number(args.splice(w, 2)[1]) : 0;
  const [folder, out] = args;
  if (!folder) throw new Error('usage: snapshot.ts <folder> [out.txt] [--workers N]');
  const root = resolve(folder);
  const { index } = await loadWorkspace([root], { ...DEFAULT_CONFIG, severity: {} }, loadBuiltinKb(), undefined, undefined, { workers, keepInformation: true });
  const lines: string[] = [];
  const total = createHash('sha256');
  const uris = index.uris().sort();
  // Every analysis first: analysing a summarised file invalidates the reference lists of its ids.
  const docs = new Map(uris.map((uri) => [uri, index.document(uri)!]));
  for (const uri of uris) {
    const doc = docs.get(uri)!;
    const p = doc.parsed;
    const fields = p.frontMatter ? [...p.frontMatter.fields.values()] : null;
    const ids = [...referencedIds(doc)].sort();
    const canonical = JSON.stringify({
      info: [doc.id, doc.title, doc.date, doc.isDefinitionNote, doc.isKbFile],
      frontMatter: p.frontMatter && { span: p.frontMatter.span, data: p.frontMatter.data, fields, problems: p.frontMatter.problems, unterminated: p.frontMatter.unterminated },
      body: [p.body, p.textSegments, p.links, p.headings, p.urls, p.language, p.binary],
      mentions: doc.mentions,
      diagnostics: doc.diagnostics,
      references: ids.map((id) => [id, index.references(id, false).filter((r) => r.uri === uri)]),
      mentionedIn: ids.map((id) => index.documentsMentioning(id).length),
    });
    const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
    total.update(`${uri} ${hash}\n`);
    lines.push(`${uri.slice(uri.indexOf(root) + root.length)} ${hash}`);
  }
  if (out) writeFileSync(out, `${lines.join('\n')}\n`);
  console.log(`${lines.length} files, fingerprint ${total.digest('hex').slice(0, 32)}`);
}

void main();
