/**
 * Front-matter in the shares a scraped archive has: mostly valid, some absent, some broken in the ways real
 * files break (a YAML syntax error, an impossible or free-text date, an id nothing defines, a missing fence or field).
 */
import { stringify } from 'yaml';
import type { Random } from '../lib/random';

export type FrontMatterKind = 'valid' | 'absent' | 'broken';
export type BrokenKind = 'bad-yaml' | 'bad-date' | 'unknown-id' | 'unterminated' | 'missing-field';

export interface FrontMatterInput {
  index: number;
  title: string;
  url: string;
  lang: 'ko' | 'en';
  /** Knowledge-base ids of the actors the document is about (empty when the KB is not available). */
  ids: string[];
  /** Ids of the instruments it is about. */
  treaties: string[];
}

const TAGS = ['외교', '안보', '경제', '통상', 'diplomacy', 'security', 'trade', 'non-proliferation'];

function isoDate(rnd: Random): string {
  const y = rnd.int(2015, 2025);
  const m = String(rnd.int(1, 12)).padStart(2, '0');
  const d = String(rnd.int(1, 28)).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function docId(index: number): string {
  return `doc-${String(index).padStart(6, '0')}`;
}

export function frontMatterBlock(kind: FrontMatterKind, rnd: Random, input: FrontMatterInput, brokenAs?: BrokenKind): { text: string; kind: string } {
  if (kind === 'absent') return { text: '', kind };
  const data: Record<string, unknown> = {
    title: input.title,
    date: isoDate(rnd),
    source: input.url,
    lang: input.lang,
  };
  if (rnd.chance(0.3)) data.id = docId(input.index);
  if (input.ids.length && rnd.chance(0.6)) {
    data.entities = input.ids;
    if (input.treaties.length) data.treaties = input.treaties;
  }
  if (input.index > 0 && rnd.chance(0.15)) data.related = [docId(rnd.int(0, input.index - 1))];
  if (rnd.chance(0.5)) data.tags = [rnd.pick(TAGS), rnd.pick(TAGS)].filter((t, i, a) => a.indexOf(t) === i);

  let broken: BrokenKind | undefined;
  if (kind === 'broken') {
    broken = brokenAs ?? rnd.pick<BrokenKind>(['bad-yaml', 'bad-date', 'unknown-id', 'unterminated', 'missing-field']);
    if (broken === 'bad-date') data.date = rnd.pick(['2023-02-30', '2021/13/05', '지난주 화요일', '15th of Marhc 2022', '2019-7-4']);
    if (broken === 'unknown-id') data.entities = [...input.ids.slice(0, 2), `no-such-entity-${input.index}`];
    if (broken === 'missing-field') delete data[rnd.pick(['title', 'date', 'source'])];
  }
  let yaml = stringify(data, { lineWidth: 0 });
  if (broken === 'bad-yaml') {
    yaml = rnd.pick([
      // an unclosed quote, an unclosed flow sequence, a key indented under a scalar
      yaml.replace(/^title: .*$/m, (line) => `title: "${line.slice(7).replace(/"/g, '')}`),
      `${yaml}tags: [${rnd.pick(TAGS)}, ${rnd.pick(TAGS)}\n`,
      yaml.replace(/^source: /m, '  source: '),
    ]);
  }
  const close = broken === 'unterminated' ? '' : '---\n';
  return { text: `---\n${yaml}${close}`, kind: broken ? `broken:${broken}` : kind };
}
