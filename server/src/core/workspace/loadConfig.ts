import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, type PolicyLensConfig } from '../config/config';
import { parseConfig } from '../config/parseConfig';
import { LineIndex } from '../text/lineIndex';

export interface ConfigProblem {
  message: string;
  /** 1-based, for messages. */
  line: number;
  column: number;
}

/** Reads `.policylens.yaml` at a root; a missing file means the defaults, a broken one the defaults plus problems. */
export function loadWorkspaceConfig(rootDir: string): { config: PolicyLensConfig; problems: ConfigProblem[]; file?: string } {
  const file = path.join(rootDir, CONFIG_FILE_NAME);
  if (!existsSync(file)) return { config: { ...DEFAULT_CONFIG }, problems: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { config: { ...DEFAULT_CONFIG }, problems: [{ message: `cannot read ${CONFIG_FILE_NAME}: ${(e as Error).message}`, line: 1, column: 1 }], file };
  }
  const { config, problems } = parseConfig(text);
  const lines = new LineIndex(text);
  return {
    config,
    file,
    problems: problems.map((p) => {
      const pos = lines.positionAt(p.span.start);
      return { message: p.message, line: pos.line + 1, column: pos.character + 1 };
    }),
  };
}
