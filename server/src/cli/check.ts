import { CODES } from '../core/rules/types';
import { formatJson, formatSarif, formatText, type Finding } from './format';
import { openProject } from './project';

const RULES: Record<string, string> = {
  [CODES.noFrontMatter]: 'Document has no front-matter',
  [CODES.missingField]: 'Required front-matter field is missing',
  [CODES.invalidDate]: 'Date is not a valid calendar date',
  [CODES.wrongType]: 'Front-matter field has the wrong type',
  [CODES.yamlError]: 'Front-matter YAML is malformed',
  [CODES.unknownId]: 'Unknown id in entities, treaties or related',
  [CODES.unresolvedLink]: 'Unresolved [[wiki-link]]',
  [CODES.duplicateId]: 'The same id is defined twice in the workspace',
  [CODES.unlistedEntity]: 'Entity mentioned in the body but not listed in front-matter',
  [CODES.unterminatedFrontMatter]: 'Front-matter has no closing ---',
  [CODES.nonNormalDate]: 'Date is not in YYYY-MM-DD form',
  [CODES.kbRecordInvalid]: 'Knowledge-base record is invalid',
  [CODES.unknownInstrument]: 'Treaty or resolution not in the knowledge base',
  [CODES.binaryFile]: 'File is binary, not text',
};

const ORDER = { error: 0, warning: 1, information: 2, hint: 3 } as const;

export async function runCheck(paths: string[], format: 'text' | 'json' | 'sarif', builtin: boolean): Promise<number> {
  const tty = process.stderr.isTTY;
  const progress = tty
    ? (done: number, total: number) => {
        if (total >= 200) process.stderr.write(`\rpolicy-lens: reading ${done}/${total} files`);
      }
    : undefined;
  const project = await openProject(paths, builtin, progress);
  if (progress) process.stderr.write('\r\x1b[K');
  for (const p of project.configProblems) process.stderr.write(`policy-lens: .policylens.yaml:${p.line}:${p.column}: ${p.message}\n`);
  for (const g of project.refusedGlobs) process.stderr.write(`policy-lens: kb glob '${g}' points outside the workspace and was ignored\n`);
  for (const u of project.unreadable) process.stderr.write(`policy-lens: could not read ${u.uri}: ${u.reason}\n`);

  const findings: Finding[] = [];
  let analysed = 0;
  for (const uri of project.targets.sort()) {
    // The workers' summaries carry every diagnostic for the CLI (keepInformation); no second analysis here.
    const found = project.index.diagnosticsOf(uri, true);
    if (!found) continue;
    const { lines } = found;
    analysed++;
    if (tty && project.targets.length >= 200 && analysed % 100 === 0) process.stderr.write(`\rpolicy-lens: checking ${analysed}/${project.targets.length}`);
    const sorted = [...found.diagnostics].sort((a, b) => a.span.start - b.span.start || ORDER[a.severity] - ORDER[b.severity]);
    for (const d of sorted) findings.push({ uri, range: lines.rangeOf(d.span), diagnostic: d });
  }
  if (tty && project.targets.length >= 200) process.stderr.write('\r\x1b[K');

  const out = format === 'json' ? formatJson(findings) : format === 'sarif' ? formatSarif(findings, RULES) : formatText(findings);
  if (out) process.stdout.write(`${out}\n`);
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.diagnostic.severity]++;
  if (format === 'text') {
    process.stderr.write(
      `policy-lens: ${analysed} files checked: ${counts.error} errors, ${counts.warning} warnings, ${counts.information + counts.hint} notes\n`,
    );
  }
  return counts.error > 0 ? 1 : 0;
}
