/**
 * Korean word-shape rules: what may follow a name or a compound (particles, nouns that head a compound) and the
 * suffixes that turn a short country name into another word.
 */

/** Particles: what may follow a compound (한미일은) or a one-syllable name (괌에서). */
const PARTICLES = [
  '은', '는', '이', '가', '을', '를', '의', '와', '과', '도', '에', '로', '으로', '만', '및', '까지', '부터', '보다',
  '처럼', '에서', '에게', '이나', '이며', '간', '사이',
];
/** Nouns that head a compound (관계 in 한일관계): also accepted after a space for compounds that need one. */
const COMPOUND_NOUNS = [
  '관계', '동맹', '정상', '조약', '수교', '협력', '공동', '외교', '군사', '국방', '연합', '회담', '대화', '협의',
  '파트너십', '교류', '무역', '경제', '안보', '합의', '협정', '갈등', '대립', '우호', '친선', '외무', '장관', '전략',
  '훈련', '공조', '협상', '선언', '성명', '교역', '통상', '밀착', '연대', '국교', '양자', '삼자', '3자', '관련',
  '간의', '차관', '국장', '실무', '접경', '국경', '해협', '수뇌', '밀월', '공급망', '방위', '핵', '협약', '의정서', '냉전', '전쟁', '통일', '경협',
];

/** What may stand right after a compound of country short forms: a particle or a compound noun (한미동맹). */
const FOLLOWERS = [...PARTICLES, ...COMPOUND_NOUNS];

/**
 * Words by their first code unit: "does one of these words start here" checks only the few words that begin with
 * the character found there (it is asked at most candidate positions; FOLLOWERS alone has ~80 words).
 */
class WordList {
  private readonly byFirst = new Map<number, string[]>();

  constructor(words: readonly string[]) {
    for (const w of words) {
      const list = this.byFirst.get(w.charCodeAt(0));
      if (list) list.push(w);
      else this.byFirst.set(w.charCodeAt(0), [w]);
    }
  }

  /** Some word of the list starts at `at` in `text`. */
  startsAt(text: string, at: number): boolean {
    const list = this.byFirst.get(text.charCodeAt(at));
    if (!list) return false;
    for (let i = 0; i < list.length; i++) if (text.startsWith(list[i], at)) return true;
    return false;
  }
}

const FOLLOWER_WORDS = new WordList(FOLLOWERS);
const PARTICLE_WORDS = new WordList(PARTICLES);
const COMPOUND_NOUN_WORDS = new WordList(COMPOUND_NOUNS);

export function followerAt(text: string, at: number): boolean {
  return FOLLOWER_WORDS.startsAt(text, at);
}

export function particleAt(text: string, at: number): boolean {
  return PARTICLE_WORDS.startsAt(text, at);
}

export function compoundNounAt(text: string, at: number): boolean {
  return COMPOUND_NOUN_WORDS.startsAt(text, at);
}

/**
 * Glued short forms that spell ordinary words: 북미/남미/중미/중남미 (the Americas), 미소 (smile), 불러 (called),
 * 중독 (addiction), 소중한 (precious), 독소 (toxin), 호남/영남/한남 (regions), 베일 (veil), 일한 (worked),
 * 중한 (grave), 미러 (mirror), 한영 (Korean–English, of dictionaries). They count as compounds only before a
 * compound noun (북미 정상회담, 미소 냉전).
 */
export const RISKY_COMPOUNDS = new Set([
  '북미', '남미', '중미', '중남미', '일한', '중한', '미러', '한영', '영한', '일중', '일중독', '불러', '일러', '호미',
  '호남', '영남', '한남', '중독', '소중', '소중한', '영일', '불소', '베일', '독소', '미소',
]);

/**
 * Suffixes after a short (≤ 2-syllable) name that make it another word: 인도적 (humanitarian), 인도양, 인도태평양,
 * 호주머니 (pocket), 대만족 (great satisfaction), 한국적 (Korean-style).
 */
const SHORT_NAME_TRAPS = new WordList(['적', '양', '태평양', '주의', '머니', '족', '감']);

/** `어` after a country name is its language (러시아어, 한국어), not the country. */
const COUNTRY_TRAPS = new WordList(['어']);

export function shortNameTrapAt(text: string, at: number): boolean {
  return SHORT_NAME_TRAPS.startsAt(text, at);
}

export function countryTrapAt(text: string, at: number): boolean {
  return COUNTRY_TRAPS.startsAt(text, at);
}

/** Separators inside a compound: 한-카자흐, 한·카자흐 (ㆍ and ・ fold to ·), 한/미. */
export function isCompoundSeparator(folded: number): boolean {
  return folded === 0x2d || folded === 0xb7 || folded === 0x2f;
}

/**
 * Country names that are also everyday words: 수단 (means), 가나 (the first letters, 가나다), 말리 (말리는: stopping),
 * 오만 (arrogance), 유고 (absence), 가봉 (basting), 부탄 (butane), 피지 (sebum)…. They are mentions only next to
 * country context: a noun such as 정부/대통령 after them (수단 정부) or another country in a list (가나, 토고).
 */
export const WEAK_KOREAN_NAMES = new Set(['수단', '가나', '말리', '오만', '차드', '토고', '통가', '피지', '부탄', '가봉', '기니', '유고', '베냉']);

const COUNTRY_CONTEXT = new WordList([
  '정부', '대통령', '총리', '외교', '외무', '대사', '국민', '정상', '측', '국왕', '당국', '의회', '내전', '공화국', '수도',
  '군', '사태', '난민', '국적', '출신', '대표', '정세', '현지', '국경', '북부', '남부', '동부', '서부',
]);

/** A country-context noun at `at`, optionally after `의` and one space: 수단 정부, 수단의 수도. */
export function countryContextAt(text: string, at: number): boolean {
  let i = at;
  if (text.charCodeAt(i) === 0xc758 /* 의 */) i++;
  if (text.charCodeAt(i) === 32) i++;
  return COUNTRY_CONTEXT.startsAt(text, i);
}
