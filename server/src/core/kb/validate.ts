import { isRecordKind, type Bilingual, type BilingualList, type KbRecord, type Role } from './record';

/**
 * Validation of one knowledge-base record, mirroring schemas/kb-record.schema.json.
 *
 * Hand-written rather than a JSON-Schema validator at runtime because every error must carry the path of the
 * offending value (mapped back to an exact YAML node range by the loader), unknown keys must be reported without
 * losing the record, the lenient forms (a plain `name` string, a plain alias list split by script) need
 * normalising, and the output must be a fresh object built only from known keys — which is what keeps
 * `__proto__` / `constructor` keys in user files from ever reaching a consumer. The schema file stays the
 * published contract; test/unit/kb/schema.test.ts checks both agree on the built-in data.
 */

export type PathSegment = string | number;

export interface RecordError {
  /** Dotted path of the offending value: `roles[0].from`, `aliases.ko[2]`; '' for the record itself. */
  path: string;
  /** The same path as segments, for locating the YAML node. */
  at: PathSegment[];
  message: string;
  /** Errors drop the record; warnings (unknown keys, out-of-order dates) keep it. */
  severity: 'error' | 'warning';
}

export interface ValidateOptions {
  /** What to do with keys the schema does not know: YAML files warn, Markdown front-matter ignores them. */
  unknownKeys?: 'warning' | 'ignore';
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_ID = 120;
const MAX_TEXT = 2000;
/** Keys that must never become object properties, whatever the context. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const TOP_KEYS = new Set([
  'id', 'kind', 'name', 'aliases', 'qualified_aliases', 'short', 'default_for', 'domains', 'ambiguous_aliases', 'description',
  'country', 'parent', 'iso', 'roles', 'parties', 'signed', 'adopted', 'in_force', 'terminated', 'founded', 'dissolved',
  'replaced_by', 'replaces', 'unts', 'depositary', 'number', 'source', 'facts', 'extends',
]);
const DATE_KEYS = ['signed', 'adopted', 'in_force', 'terminated', 'founded', 'dissolved'] as const;
const REF_KEYS = ['country', 'parent', 'replaced_by', 'replaces'] as const;
const LIST_KEYS = ['aliases', 'qualified_aliases', 'ambiguous_aliases'] as const;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date. Partial dates exist because a known year beats a guessed day. */
export function isKbDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/** Compares two kb dates on their common precision: `2000` and `2000-02-09` compare equal. */
export function compareKbDates(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function pathToString(at: PathSegment[]): string {
  let out = '';
  for (const seg of at) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
function languageOf(text: string): 'ko' | 'en' {
  return HANGUL.test(text) ? 'ko' : 'en';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Map);
}

class Checker {
  readonly errors: RecordError[] = [];
  constructor(private readonly unknownKeys: 'warning' | 'ignore') {}

  error(at: PathSegment[], message: string, severity: 'error' | 'warning' = 'error'): void {
    this.errors.push({ path: pathToString(at), at, message, severity });
  }

  /** Reports keys outside `known`; hostile keys are always errors. */
  keys(obj: Record<string, unknown>, known: Set<string>, at: PathSegment[]): void {
    for (const key of Object.keys(obj)) {
      if (HOSTILE_KEYS.has(key)) this.error([...at, key], `'${key}' is not allowed as a key`);
      else if (!known.has(key) && this.unknownKeys === 'warning')
        this.error([...at, key], `unknown field '${key}' (ignored)`, 'warning');
    }
  }

  text(v: unknown, at: PathSegment[]): string | undefined {
    if (typeof v !== 'string') {
      this.error(at, `expected a string, got ${describe(v)}`);
      return undefined;
    }
    const s = v.trim();
    if (!s) {
      this.error(at, 'must not be empty');
      return undefined;
    }
    if (s.length > MAX_TEXT) {
      this.error(at, `longer than ${MAX_TEXT} characters`);
      return undefined;
    }
    return s;
  }

  id(v: unknown, at: PathSegment[]): string | undefined {
    if (typeof v !== 'string') {
      this.error(at, `an id must be a string, got ${describe(v)}${typeof v === 'number' ? ' (quote it)' : ''}`);
      return undefined;
    }
    if (v.length > MAX_ID || !ID_PATTERN.test(v)) {
      this.error(at, `invalid id '${v.slice(0, 60)}': use letters, digits, '.', '_' and '-' (e.g. 'russia-dprk-treaty-2000')`);
      return undefined;
    }
    return v;
  }

  date(v: unknown, at: PathSegment[]): string | undefined {
    // A bare year is read by YAML as a number, and a YAML 1.1 parser makes timestamps of dates: accept both.
    const s =
      typeof v === 'number' && Number.isInteger(v)
        ? String(v)
        : v instanceof Date && !Number.isNaN(v.getTime())
          ? v.toISOString().slice(0, 10)
          : v;
    if (typeof s !== 'string' || !isKbDate(s)) {
      this.error(at, `invalid date ${JSON.stringify(s)}: use YYYY-MM-DD (or YYYY-MM, YYYY when the day is unknown)`);
      return undefined;
    }
    return s;
  }

  bilingual(v: unknown, at: PathSegment[]): Bilingual | undefined {
    if (typeof v === 'string') {
      const s = this.text(v, at);
      return s === undefined ? undefined : { [languageOf(s)]: s };
    }
    if (!isPlainObject(v)) {
      this.error(at, `expected { ko: …, en: … }, got ${describe(v)}`);
      return undefined;
    }
    this.keys(v, new Set(['ko', 'en']), at);
    const out: Bilingual = {};
    if (v.ko !== undefined) out.ko = this.text(v.ko, [...at, 'ko']);
    if (v.en !== undefined) out.en = this.text(v.en, [...at, 'en']);
    if (out.ko === undefined) delete out.ko;
    if (out.en === undefined) delete out.en;
    return out;
  }

  /** A list whose items each pass `item`; bad items are reported and left out. */
  list<T>(v: unknown, at: PathSegment[], what: string, item: (x: unknown, at: PathSegment[]) => T | undefined): T[] | undefined {
    if (!Array.isArray(v)) {
      this.error(at, `expected a list${what}, got ${describe(v)}`);
      return undefined;
    }
    const out: T[] = [];
    v.forEach((x, i) => {
      const ok = item(x, [...at, i]);
      if (ok !== undefined) out.push(ok);
    });
    return out;
  }

  strings(v: unknown, at: PathSegment[]): string[] | undefined {
    return this.list(v, at, '', (x, p) => this.text(x, p));
  }

  /** `{ ko: [...], en: [...] }`, or a plain list split by script (the form Markdown notes tend to use). */
  bilingualList(v: unknown, at: PathSegment[]): BilingualList | undefined {
    if (Array.isArray(v)) {
      const list = this.strings(v, at) ?? [];
      const out: BilingualList = {};
      for (const s of list) (out[languageOf(s)] ??= []).push(s);
      return out;
    }
    if (!isPlainObject(v)) {
      this.error(at, `expected { ko: [...], en: [...] } or a list, got ${describe(v)}`);
      return undefined;
    }
    this.keys(v, new Set(['ko', 'en']), at);
    const out: BilingualList = {};
    for (const lang of ['ko', 'en'] as const) {
      if (v[lang] === undefined) continue;
      const list = this.strings(v[lang], [...at, lang]);
      if (list) out[lang] = list;
    }
    return out;
  }

  ids(v: unknown, at: PathSegment[]): string[] | undefined {
    return this.list(v, at, ' of ids', (x, p) => this.id(x, p));
  }

  role(v: unknown, at: PathSegment[]): Role | undefined {
    if (!isPlainObject(v)) {
      this.error(at, `expected a role { title, of, from, to }, got ${describe(v)}`);
      return undefined;
    }
    this.keys(v, new Set(['title', 'of', 'from', 'to']), at);
    if (v.title === undefined) {
      this.error(at, "a role needs a 'title'");
      return undefined;
    }
    const title = this.bilingual(v.title, [...at, 'title']);
    if (!title) return undefined;
    const role: Role = { title };
    if (v.of !== undefined) role.of = this.id(v.of, [...at, 'of']);
    if (v.from !== undefined) role.from = this.date(v.from, [...at, 'from']);
    if (v.to !== undefined) role.to = this.date(v.to, [...at, 'to']);
    for (const k of ['of', 'from', 'to'] as const) if (role[k] === undefined) delete role[k];
    if (role.from && role.to && compareKbDates(role.from, role.to) > 0)
      this.error([...at, 'to'], `role ends (${role.to}) before it starts (${role.from})`, 'warning');
    return role;
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a timestamp';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}

/**
 * Checks one record (a plain object from YAML or front-matter) and returns a fresh, normalised copy built only
 * from known fields. `record` is absent when any error (not warning) was found.
 */
export function validateRecord(obj: unknown, options: ValidateOptions = {}): { record?: KbRecord; errors: RecordError[] } {
  const c = new Checker(options.unknownKeys ?? 'warning');
  if (!isPlainObject(obj)) {
    c.error([], `a record must be a mapping with 'id', 'kind' and 'name', got ${describe(obj)}`);
    return { errors: c.errors };
  }
  c.keys(obj, TOP_KEYS, []);
  const out: Partial<KbRecord> & Record<string, unknown> = {};

  if (obj.extends !== undefined) {
    if (typeof obj.extends !== 'boolean') c.error(['extends'], 'expected true or false');
    else if (obj.extends) out.extends = true;
  }
  const extension = out.extends === true;

  if (obj.id === undefined) c.error([], "a record needs an 'id'");
  else out.id = c.id(obj.id, ['id']);

  if (obj.kind === undefined) {
    if (!extension) c.error([], "a record needs a 'kind' (country, person, organization, treaty, …)");
  } else if (typeof obj.kind !== 'string' || !isRecordKind(obj.kind)) {
    c.error(['kind'], `unknown kind ${JSON.stringify(obj.kind)}: one of country, territory, historical-state, organization, body, ministry, person, treaty, agreement, declaration, statement, resolution, programme`);
  } else out.kind = obj.kind;

  if (obj.name === undefined) {
    if (!extension) c.error([], "a record needs a 'name' ({ ko: …, en: … })");
  } else {
    const name = c.bilingual(obj.name, ['name']);
    if (name && !name.ko && !name.en) c.error(['name'], 'a name needs ko or en');
    else if (name) out.name = name;
  }
  if (obj.description !== undefined) out.description = c.bilingual(obj.description, ['description']);

  for (const key of LIST_KEYS) if (obj[key] !== undefined) out[key] = c.bilingualList(obj[key], [key]);
  if (obj.short !== undefined) out.short = c.strings(obj.short, ['short']);
  if (obj.default_for !== undefined) {
    const langs = c.strings(obj.default_for, ['default_for']);
    langs?.forEach((l, i) => {
      if (l !== 'ko' && l !== 'en') c.error(['default_for', i], `expected 'ko' or 'en', got '${l}'`);
    });
    if (langs) out.default_for = langs.filter((l): l is 'ko' | 'en' => l === 'ko' || l === 'en');
  }

  if (obj.domains !== undefined) {
    const domains = c.strings(obj.domains, ['domains']);
    domains?.forEach((d, i) => {
      if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(d)) c.error(['domains', i], `'${d}' is not a domain name (e.g. mofa.go.kr)`);
    });
    if (domains) out.domains = domains.map((d) => d.toLowerCase());
  }

  for (const key of REF_KEYS) if (obj[key] !== undefined) out[key] = c.id(obj[key], [key]);
  if (obj.parties !== undefined) out.parties = c.ids(obj.parties, ['parties']);
  for (const key of DATE_KEYS) if (obj[key] !== undefined) out[key] = c.date(obj[key], [key]);

  if (obj.iso !== undefined) {
    if (!isPlainObject(obj.iso)) c.error(['iso'], `expected { alpha2, alpha3, numeric }, got ${describe(obj.iso)}`);
    else {
      c.keys(obj.iso, new Set(['alpha2', 'alpha3', 'numeric']), ['iso']);
      const iso: NonNullable<KbRecord['iso']> = {};
      const patterns = { alpha2: /^[A-Z]{2}$/, alpha3: /^[A-Z]{3}$/, numeric: /^\d{3}$/ } as const;
      for (const k of ['alpha2', 'alpha3', 'numeric'] as const) {
        const v = obj.iso[k];
        if (v === undefined) continue;
        if (typeof v === 'string' && patterns[k].test(v)) iso[k] = v;
        else c.error(['iso', k], `invalid ISO 3166 ${k} ${JSON.stringify(v)}`);
      }
      out.iso = iso;
    }
  }

  if (obj.roles !== undefined) out.roles = c.list(obj.roles, ['roles'], ' of roles', (r, p) => c.role(r, p));
  for (const key of ['unts', 'depositary'] as const) {
    const v = obj[key];
    if (v === undefined) continue;
    out[key] = c.text(typeof v === 'number' ? String(v) : v, [key]);
  }
  if (obj.number !== undefined) {
    if (typeof obj.number === 'number' && Number.isInteger(obj.number) && obj.number > 0) out.number = obj.number;
    else c.error(['number'], `expected a positive whole number, got ${describe(obj.number)}`);
  }
  if (obj.source !== undefined) {
    const s = c.text(obj.source, ['source']);
    if (s !== undefined && !/^https?:\/\/\S+$/.test(s)) c.error(['source'], 'source must be an http(s) URL');
    else if (s !== undefined) out.source = s;
  }
  if (obj.facts !== undefined) {
    if (!isPlainObject(obj.facts)) c.error(['facts'], `expected a mapping of label: text, got ${describe(obj.facts)}`);
    else {
      const facts: Record<string, string> = {};
      for (const [k, v] of Object.entries(obj.facts)) {
        if (HOSTILE_KEYS.has(k)) {
          c.error(['facts', k], `'${k}' is not allowed as a key`);
          continue;
        }
        const text = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
        const s = c.text(text, ['facts', k]);
        if (s !== undefined) facts[k] = s;
      }
      out.facts = facts;
    }
  }

  checkDateOrder(out, c);
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  const failed = c.errors.some((e) => e.severity === 'error');
  return failed ? { errors: c.errors } : { record: out as KbRecord, errors: c.errors };
}

function checkDateOrder(r: Partial<KbRecord>, c: Checker): void {
  const chain: ['signed' | 'in_force' | 'terminated', string | undefined][] = [
    ['signed', r.signed],
    ['in_force', r.in_force],
    ['terminated', r.terminated],
  ];
  const present = chain.filter((e): e is ['signed' | 'in_force' | 'terminated', string] => e[1] !== undefined);
  for (let i = 1; i < present.length; i++) {
    const [prevKey, prev] = present[i - 1];
    const [key, value] = present[i];
    if (compareKbDates(prev, value) > 0) c.error([key], `${key} (${value}) is before ${prevKey} (${prev})`, 'warning');
  }
  if (r.founded && r.dissolved && compareKbDates(r.founded, r.dissolved) > 0)
    c.error(['dissolved'], `dissolved (${r.dissolved}) is before founded (${r.founded})`, 'warning');
}
