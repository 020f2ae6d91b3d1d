import type { ParsedDocument } from '../document/types';
import { findDates } from './inferDate';

/**
 * The title a document's text suggests. Markdown or HTML headings win. Scraped pages have none: their headline
 * is a line standing just before the article's metadata block (`부서명`/`작성일`, `2021.08.17 13:08 입력`,
 * `by … 2023. 8. 31.`), after navigation boilerplate (menus, `외교부`, `보도자료`). So we find the first such
 * marker and take the earliest headline-looking line of the block right above it; without a marker, the first
 * headline-looking line that is not boilerplate.
 */
export function inferTitle(doc: ParsedDocument): string | undefined {
  const headings = doc.headings.filter((h) => h.text.trim() !== '');
  const top = headings.find((h) => h.level <= 2) ?? headings[0];
  if (top) return clean(top.text);

  const lines = proseLines(doc);
  const marker = lines.findIndex((l) => isMetadataMarker(l.text));
  if (marker > 0) {
    let earliest: string | undefined;
    for (let i = marker - 1; i >= 0 && i >= marker - 6; i--) {
      const line = lines[i].text;
      if (BYLINE.test(line)) continue;
      if (isBoilerplate(line) || line.length < 6) break;
      if (looksLikeHeadline(line)) earliest = line;
    }
    if (earliest) return clean(earliest);
  }
  const first = lines.find((l) => looksLikeHeadline(l.text) && !isBoilerplate(l.text) && !isMetadataMarker(l.text));
  return first ? clean(first.text) : undefined;
}

interface ProseLine {
  text: string;
}

/** Non-empty trimmed lines of the prose, in order (bounded: a title is near the top). */
function proseLines(doc: ParsedDocument, max = 400): ProseLine[] {
  const out: ProseLine[] = [];
  for (const s of doc.textSegments) {
    for (const raw of doc.text.slice(s.start, s.end).split(/\r\n|\r|\n/)) {
      const text = raw.trim();
      if (text) out.push({ text });
      if (out.length >= max) return out;
    }
  }
  return out;
}

const MARKER_LABEL = /^(?:부서명|담당부서|작성일|작성자|등록일|게시일|발행일|수정일|기사입력|입력|담당자|Posted|Published|Date)\s*[:：]?(?:\s|$)/i;

function isMetadataMarker(line: string): boolean {
  if (MARKER_LABEL.test(line)) return true;
  // A short line carrying a full date (`2021.08.17 13:08 입력`, `by gino's 2023. 8. 31. 14:47`).
  return line.length <= 60 && findDates(line, 1).length > 0;
}

const BOILERPLATE = /바로가기|누리집|주메뉴|로그인|회원가입|검색|메뉴|사이트맵|skip to|navigation|menu|copyright|ⓒ|©|all rights reserved|구독|공유|보내기|RSS|ENGLISH|상세 ?컨텐츠|본문 ?제목|보도자료$/i;

/** `By Jane Doe`, `홍길동 기자`: between a headline and its date, neither headline nor boilerplate. */
const BYLINE = /^(?:by|written by)\s|기자(?:\s|$)|^\(?[가-힣]{2,4}\s?=\s?[^)]*\)?$/i;

function isBoilerplate(line: string): boolean {
  // Menus (`1. 화면크기`), bullets, breadcrumbs (`홈 > 정치`, `Home › News`).
  return BOILERPLATE.test(line) || /^\d+\.\s/.test(line) || /^[•·*\-–>]/.test(line) || /\s[>›»]\s/.test(line);
}

/** A headline: a few words, not a sentence of the article, not a URL or a number. */
function looksLikeHeadline(line: string): boolean {
  if (line.length < 6 || line.length > 160) return false;
  if (/(?:다|요|니다|습니다)\.$|[.。]$/.test(line)) return false;
  if (/^(?:https?:|www\.)/i.test(line)) return false;
  return /[\p{L}]/u.test(line);
}

function clean(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}
