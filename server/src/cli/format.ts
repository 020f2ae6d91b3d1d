import * as path from 'node:path';
import type { CoreDiagnostic } from '../core/rules/types';
import type { Range } from '../core/text/span';
import { uriToPath } from '../core/workspace/uri';

export interface Finding {
  uri: string;
  range: Range;
  diagnostic: CoreDiagnostic;
}

export function displayPath(uri: string): string {
  const p = uriToPath(uri);
  if (!p) return uri;
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

/** `file:line:col: severity CODE message`, 1-based like compilers print, so terminals and editors can jump to it. */
export function formatText(findings: Finding[]): string {
  return findings
    .map(({ uri, range, diagnostic: d }) => {
      const head = `${displayPath(uri)}:${range.start.line + 1}:${range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`;
      const related = (d.related ?? []).map((r) => `\n    ${displayPath(r.uri)}: ${r.message}`).join('');
      return head + related;
    })
    .join('\n');
}

export function formatJson(findings: Finding[]): string {
  return JSON.stringify(
    findings.map(({ uri, range, diagnostic: d }) => ({
      file: displayPath(uri),
      uri,
      range,
      severity: d.severity,
      code: d.code,
      message: d.message,
      related: d.related?.map((r) => ({ uri: r.uri, message: r.message })),
      data: d.data,
    })),
    null,
    2,
  );
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning tools. Columns are 1-based UTF-16 code units (SARIF's default columnKind). */
export function formatSarif(findings: Finding[], ruleDescriptions: Record<string, string>): string {
  const rules = Object.entries(ruleDescriptions).map(([id, text]) => ({ id, shortDescription: { text } }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'policy-lens', informationUri: 'https://example.invalid/policy-lens', rules } },
          columnKind: 'utf16CodeUnits',
          results: findings.map(({ uri, range, diagnostic: d }) => ({
            ruleId: d.code,
            level: SARIF_LEVEL[d.severity] ?? 'warning',
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: displayPath(uri).split(path.sep).join('/') },
                  region: {
                    startLine: range.start.line + 1,
                    startColumn: range.start.character + 1,
                    endLine: range.end.line + 1,
                    endColumn: range.end.character + 1,
                  },
                },
              },
            ],
          })),
        },
      ],
    },
    null,
    2,
  );
}
