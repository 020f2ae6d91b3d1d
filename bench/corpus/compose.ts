/** Composes one synthetic policy document (front-matter + Markdown or HTML body) and records where names stand. */
import type { Lexicon, LexName } from './lexicon';
import type { Random } from '../lib/random';
import * as T from './templates';
import { frontMatterBlock, type BrokenKind, type FrontMatterKind } from './frontMatter';

export type Lang = 'ko' | 'en' | 'mixed';

export interface MentionRecord {
  start: number;
  end: number;
  text: string;
  /** Which slot produced it: a name ('alias'), a compound part, an acronym pair, a resolution, a quoted title. */
  via: 'alias' | 'compound' | 'acronym-pair' | 'resolution' | 'quoted-title' | 'annotation';
  id?: string;
}

export interface GeneratedDoc {
  text: string;
  mentions: MentionRecord[];
  lang: Lang;
  /** valid, absent, or broken:<how> */
  frontMatter: string;
  html: boolean;
}

interface Piece {
  text: string;
  mention?: Omit<MentionRecord, 'start' | 'end'>;
  /** Extra mentions inside the piece (compound parts), relative to the piece. */
  parts?: MentionRecord[];
}

/** Accumulates text and byte size; mention offsets are UTF-16, as LSP positions are. */
class Writer {
  text = '';
  bytes = 0;
  mentions: MentionRecord[] = [];

  add(s: string): void {
    this.text += s;
    this.bytes += Buffer.byteLength(s);
  }

  piece(p: Piece): void {
    const start = this.text.length;
    if (p.mention) this.mentions.push({ ...p.mention, start, end: start + p.text.length });
    for (const part of p.parts ?? []) this.mentions.push({ ...part, start: start + part.start, end: start + part.end });
    this.add(p.text);
  }
}

const COMPOUND_ORDER = ['북', '한', '미', '일', '중', '러'];

const PAIRS: Record<string, [string, string]> = {
  은: ['은', '는'],
  이: ['이', '가'],
  을: ['을', '를'],
  과: ['과', '와'],
  와: ['과', '와'],
};

/** The Korean particle that fits the word: 은/는 by the final consonant, 으로/로 (ㄹ takes 로). */
export function particle(word: string, p: string): string {
  const c = word.charCodeAt(word.length - 1);
  const hangul = c >= 0xac00 && c <= 0xd7a3;
  const final = hangul ? (c - 0xac00) % 28 : 0; // Latin endings read as vowel-final: NATO는
  if (p === '으로') return final === 0 || final === 8 ? '로' : '으로';
  const pair = PAIRS[p];
  if (!pair) return p;
  return final ? pair[0] : pair[1];
}

export class Composer {
  private readonly majorCountries: LexName[];
  private readonly majorOrgs: LexName[];

  constructor(
    private readonly lex: Lexicon,
    private readonly rnd: Random,
  ) {
    this.majorCountries = lex.countries.filter((c) => c.short.length > 0);
    this.majorOrgs = lex.orgs.filter((o) => o.acronym);
  }

  private name(entry: LexName, lang: 'ko' | 'en'): string {
    const list = lang === 'ko' && entry.ko.length ? entry.ko : entry.en.length ? entry.en : entry.ko;
    // The canonical name most of the time, an alias sometimes: that is how texts name things.
    return this.rnd.chance(0.65) ? list[0] : this.rnd.pick(list);
  }

  /**
   * A country, organisation or ministry, skewed as real texts are: the few major actors (the countries with
   * compound shorts, the organisations with acronyms) take most mentions, the long tail the rest.
   */
  private anyEntity(): LexName {
    const rnd = this.rnd;
    const { countries, orgs, ministries } = this.lex;
    const kind = rnd.weighted<LexName[]>([[countries, 65], [orgs, orgs.length ? 27 : 0], [ministries, ministries.length ? 8 : 0]]);
    const major = kind === countries ? this.majorCountries : kind === orgs ? this.majorOrgs : [];
    return major.length && rnd.chance(0.75) ? rnd.pick(major) : rnd.pick(kind);
  }

  /** Mostly the document's own cast (a text is about a few actors), sometimes anyone. */
  private entity(_lang: 'ko' | 'en'): LexName {
    return this.cast.entities.length && this.rnd.chance(0.85) ? this.rnd.pick(this.cast.entities) : this.anyEntity();
  }

  /** The few actors, instruments and people one document is about. */
  private cast: { entities: LexName[]; instruments: LexName[]; people: LexName[] } = { entities: [], instruments: [], people: [] };

  private chooseCast(): void {
    const rnd = this.rnd;
    const entities: LexName[] = [];
    for (let n = rnd.int(3, 6); entities.length < n; ) {
      const e = this.anyEntity();
      if (!entities.includes(e)) entities.push(e);
    }
    const instruments = [rnd.pick(this.lex.instruments), rnd.pick(this.lex.instruments)];
    const people = [rnd.pick(this.lex.people)];
    this.cast = { entities, instruments, people };
  }



  private date(lang: 'ko' | 'en'): string {
    const y = this.rnd.int(2015, 2025);
    const m = this.rnd.int(1, 12);
    const d = this.rnd.int(1, 28);
    if (lang === 'ko') return `${y}년 ${m}월 ${d}일`;
    const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1];
    return this.rnd.chance(0.5) ? `${d} ${month} ${y}` : `${month} ${d}, ${y}`;
  }

  private slot(kind: string, lang: 'ko' | 'en'): Piece {
    const rnd = this.rnd;
    const named = (entry: LexName): Piece => {
      const text = this.name(entry, lang);
      return { text, mention: { text, via: 'alias', id: entry.id } };
    };
    switch (kind) {
      case 'E':
      case 'E2':
        return named(this.entity(lang));
      case 'P':
        return named(rnd.chance(0.8) ? rnd.pick(this.cast.people) : rnd.pick(this.lex.people));
      case 'T':
        return named(rnd.chance(0.8) ? rnd.pick(this.cast.instruments) : rnd.pick(this.lex.instruments));
      case 'R': {
        const num = rnd.pick(this.lex.resolutions);
        const year = 2006 + Math.min(18, Math.max(0, Math.floor((num - 1700) / 40)));
        const text =
          lang === 'ko'
            ? rnd.pick([`유엔 안보리 결의 ${num}호`, `안보리 결의 제${num}호`, `결의 ${num}호`])
            : rnd.pick([`UN Security Council resolution ${num} (${year})`, `resolution ${num}`, `Resolution ${num} (${year})`]);
        return { text, mention: { text, via: 'resolution' } };
      }
      case 'Q': {
        const country = rnd.pick(this.lex.countries);
        const topic = rnd.int(0, T.AGREEMENT_TOPICS_KO.length - 1);
        const text =
          lang === 'ko'
            ? `‘대한민국 정부와 ${country.ko[0] ?? country.en[0]} 정부 간의 ${T.AGREEMENT_TOPICS_KO[topic]}에 관한 협정’`
            : `“Agreement between the Government of the Republic of Korea and the Government of ${country.en[0] ?? country.ko[0]} on ${T.AGREEMENT_TOPICS_EN[topic]}”`;
        return { text, mention: { text, via: 'quoted-title' } };
      }
      case 'C': {
        const withShort = this.majorCountries;
        if (withShort.length < 2 || lang === 'en') return named(this.entity(lang));
        const count = rnd.chance(0.4) ? 3 : 2;
        const chosen: LexName[] = [];
        const common = withShort.filter((c) => COMPOUND_ORDER.includes(c.short[0]));
        while (chosen.length < count) {
          const c = rnd.pick(common.length >= 3 && rnd.chance(0.8) ? common : withShort);
          // 북+한 would spell 북한 (the country itself), not a compound.
          const clash = (c.short[0] === '북' && chosen.some((x) => x.short[0] === '한')) || (c.short[0] === '한' && chosen.some((x) => x.short[0] === '북'));
          if (!chosen.includes(c) && !clash) chosen.push(c);
        }
        // Compounds list Korea first, then the allies, as 한미일 and 한중 do; 북러 keeps 북 first only without 한.
        const order = (c: LexName) => {
          const i = COMPOUND_ORDER.indexOf(c.short[0]);
          return i < 0 ? COMPOUND_ORDER.length + withShort.indexOf(c) : i;
        };
        chosen.sort((a, b) => order(a) - order(b));
        const sep = chosen.some((c) => c.short[0].length > 1) || rnd.chance(0.15) ? '-' : '';
        let text = '';
        const parts: MentionRecord[] = [];
        for (const c of chosen) {
          if (text) text += sep;
          parts.push({ start: text.length, end: text.length + c.short[0].length, text: c.short[0], via: 'compound', id: c.id });
          text += c.short[0];
        }
        return { text, parts };
      }
      case 'A': {
        const withAcronym = this.majorOrgs.filter((o) => o.ko.length);
        if (withAcronym.length === 0) return named(this.entity(lang));
        const org = rnd.pick(withAcronym);
        const text = lang === 'ko' ? `${org.ko[0]}(${org.acronym})` : (org.acronym as string);
        return { text, mention: { text, via: lang === 'ko' ? 'acronym-pair' : 'alias', id: org.id } };
      }
      case 'L': {
        const withId = this.lex.countries.filter((c) => c.id);
        if (withId.length === 0) return { text: '' };
        const c = rnd.pick(withId);
        const text = `[[${c.id}]]`;
        return { text, mention: { text, via: 'annotation', id: c.id } };
      }
      case 'D':
        return { text: this.date(lang) };
      default:
        return { text: kind };
    }
  }

  /** Fills a template into the writer (or, without one, returns the plain text for titles). */
  fill(template: string, lang: 'ko' | 'en', out?: Writer): string {
    let plain = '';
    let last = 0;
    for (const m of template.matchAll(/\{(\w+)(?::([^}]+))?\}/g)) {
      const before = template.slice(last, m.index);
      const p = this.slot(m[1], lang);
      const after = m[2] ? particle(p.text, m[2]) : '';
      out?.add(before);
      if (out) out.piece(p);
      out?.add(after);
      plain += before + p.text + after;
      last = (m.index as number) + m[0].length;
    }
    out?.add(template.slice(last));
    return plain + template.slice(last);
  }

  private paragraph(lang: 'ko' | 'en', w: Writer, html: boolean): void {
    const sentences = lang === 'ko' ? T.KO_SENTENCES : T.EN_SENTENCES;
    const count = this.rnd.int(3, 6);
    if (html) w.add('<p>');
    let previous = '';
    for (let i = 0; i < count; i++) {
      if (i) w.add(' ');
      let s = this.rnd.pick(sentences);
      if (s === previous) s = this.rnd.pick(sentences);
      if (this.lex.ids.length && this.rnd.chance(0.04)) s = lang === 'ko' ? T.KO_ANNOTATED : T.EN_ANNOTATED;
      this.fill(s, lang, w);
      previous = s;
    }
    w.add(html ? '</p>\n' : '\n\n');
  }

  private bullets(lang: 'ko' | 'en', w: Writer, html: boolean): void {
    const sentences = lang === 'ko' ? T.KO_SENTENCES : T.EN_SENTENCES;
    if (html) w.add('<ul>\n');
    for (let i = this.rnd.int(2, 4); i > 0; i--) {
      w.add(html ? '<li>' : '- ');
      this.fill(this.rnd.pick(sentences), lang, w);
      w.add(html ? '</li>\n' : '\n');
    }
    w.add(html ? '</ul>\n' : '\n');
  }

  /** One document of about `targetBytes` UTF-8 bytes. */
  document(index: number, targetBytes: number, forced?: { lang?: Lang; frontMatter?: FrontMatterKind; broken?: BrokenKind; html?: boolean }): GeneratedDoc {
    const rnd = this.rnd;
    const lang: Lang = forced?.lang ?? rnd.weighted<Lang>([['ko', 55], ['en', 35], ['mixed', 10]]);
    const fmKind: FrontMatterKind = forced?.frontMatter ?? rnd.weighted<FrontMatterKind>([['valid', 70], ['absent', 20], ['broken', 10]]);
    const html = forced?.html ?? rnd.chance(0.12);
    const main = lang === 'en' ? 'en' : 'ko';
    this.chooseCast();
    const title = this.fill(rnd.pick(main === 'ko' ? T.KO_TITLE : T.EN_TITLE), main);
    const url = `https://example.org/${main === 'ko' ? 'press' : 'news'}/${String(index).padStart(6, '0')}`;

    const body = new Writer();
    body.add(html ? `<article class="press-release">\n<h1>${title}</h1>\n` : `# ${title}\n\n`);
    const headings = main === 'ko' ? T.KO_HEADINGS : T.EN_HEADINGS;
    let section = 0;
    while (body.bytes < targetBytes - 400) {
      const paraLang = lang === 'mixed' && rnd.chance(0.35) ? 'en' : main;
      if (section > 0 && rnd.chance(0.3)) {
        const h = headings[section % headings.length];
        body.add(html ? `<h2>${h}</h2>\n` : `## ${h}\n\n`);
      }
      if (rnd.chance(0.2)) this.bullets(paraLang, body, html);
      else this.paragraph(paraLang, body, html);
      section++;
    }
    const label = main === 'ko' ? '원문 보기' : 'Original';
    body.add(html ? `<p><a href="${url}" class="source">${label}</a></p>\n</article>\n` : `[${label}](${url})\n`);

    // Front-matter lists the cast, as an editor who tagged the document would (not every passing mention).
    const ids = this.cast.entities.map((e) => e.id).filter((id): id is string => !!id);
    const treaties = [...new Set(this.cast.instruments.map((e) => e.id).filter((id): id is string => !!id))];
    const fm = frontMatterBlock(fmKind, rnd, { index, title, url, lang: main, ids, treaties }, forced?.broken);
    const shift = fm.text.length;
    return {
      text: fm.text + body.text,
      mentions: body.mentions.map((m) => ({ ...m, start: m.start + shift, end: m.end + shift })),
      lang,
      frontMatter: fm.kind,
      html,
    };
  }
}
