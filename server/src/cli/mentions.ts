import { openProject } from './project';
import { displayPath } from './format';

export async function runMentions(file: string, format: 'text' | 'json'): Promise<number> {
  const project = await openProject([file], true);
  const uri = project.targets[0];
  const doc = uri ? project.index.document(uri) : undefined;
  if (!doc) {
    process.stderr.write(`policy-lens: could not read ${file}\n`);
    return 2;
  }
  const kb = project.index.kb;
  const rows = doc.mentions.map((m) => ({
    text: m.text,
    range: doc.parsed.lines.rangeOf(m.span),
    ids: m.ids,
    kind: m.kind,
    via: m.via,
    ambiguous: m.ambiguous ?? false,
    names: m.ids.map((id) => kb.record(id)?.name ?? {}),
  }));
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ file: displayPath(uri), language: doc.parsed.language, mentions: rows }, null, 2)}\n`);
    return 0;
  }
  for (const r of rows) {
    const where = `${r.range.start.line + 1}:${r.range.start.character + 1}`;
    const ids = r.ids.length ? r.ids.join(', ') : '(unknown)';
    process.stdout.write(`${displayPath(uri)}:${where}\t${r.text}\t→ ${ids}\t${r.kind} via ${r.via}${r.ambiguous ? ' (ambiguous)' : ''}\n`);
  }
  process.stderr.write(`policy-lens: ${rows.length} mentions\n`);
  return 0;
}
