/**
 * Korean word-shape rules: what may follow a name or a compound (particles, nouns that head a compound) and the
 * suffixes that turn a short country name into another word.
 */

/** Particles and nouns that may stand right after a compound of country short forms: 한미일은, 북러간, 한미동맹. */
const COMPOUND_FOLLOWERS = [
  // particles
  '은', '는', '이', '가', '을', '를', '의', '와', '과', '도', '에', '로', '으로', '만', '및', '까지', '부터', '보다',
  '처럼', '에서', '에게', '이나', '이며', '간', '사이',
];
/** Nouns that head a compound (관계 in 한일관계): also accepted after a space for compounds that need one. */
const COMPOUND_NOUNS = [
  '관계', '동맹', '정상', '조약', '수교', '협력', '공동', '외교', '군사', '국방', '연합', '회담', '대화', '협의',
  '파트너십', '교류', '무역', '경제', '안보', '합의', '협정', '갈등', '대립', '우호', '친선', '외무', '장관', '전략',
  '훈련', '공조', '협상', '선언', '성명', '교역', '통상', '밀착', '연대', '국교', '양자', '삼자', '3자', '관련',
  '간의', '차관', '국장', '실무', '접경', '국경', '해협', '수뇌', '밀월', '공급망', '방위', '핵', '협약', '의정서',
];

/** Longest follower/noun first so `정상회담` wins over a shorter prefix. */
const FOLLOWERS = [...COMPOUND_FOLLOWERS, ...COMPOUND_NOUNS].sort((a, b) => b.length - a.length);
const NOUNS = [...COMPOUND_NOUNS].sort((a, b) => b.length - a.length);

function startsWithAny(text: string, at: number, list: readonly string[]): boolean {
  for (const w of list) if (text.startsWith(w, at)) return true;
  return false;
}

export function followerAt(text: string, at: number): boolean {
  return startsWithAny(text, at, FOLLOWERS);
}

export function compoundNounAt(text: string, at: number): boolean {
  return startsWithAny(text, at, NOUNS);
}

/**
 * Compounds of short forms that are also ordinary words: 북미/남미/중미 (the Americas), 일한 (worked), 중한 (grave),
 * 미러 (mirror), 한영 (Korean–English, of dictionaries). They count only before a compound noun (북미 정상회담).
 */
export const RISKY_COMPOUNDS = new Set(['북미', '남미', '중미', '일한', '중한', '미러', '한영', '영한', '일중', '미일러']);

/**
 * Suffixes after a short (≤ 2-syllable) name that make it another word: 인도적 (humanitarian), 인도양, 인도태평양,
 * 호주머니 (pocket), 대만족 (great satisfaction), 한국적 (Korean-style).
 */
const SHORT_NAME_TRAPS = ['적', '양', '태평양', '주의', '머니', '족'];

/** `어` after a country name is its language (러시아어, 한국어), not the country. */
const COUNTRY_TRAPS = ['어'];

export function shortNameTrapAt(text: string, at: number): boolean {
  return startsWithAny(text, at, SHORT_NAME_TRAPS);
}

export function countryTrapAt(text: string, at: number): boolean {
  return startsWithAny(text, at, COUNTRY_TRAPS);
}

/** Separators inside a compound: 한-카자흐, 한·카자흐 (ㆍ and ・ fold to ·), 한/미. */
export function isCompoundSeparator(folded: number): boolean {
  return folded === 0x2d || folded === 0xb7 || folded === 0x2f;
}
