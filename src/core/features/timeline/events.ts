import { sentenceSpans } from "../../corpus/sentences.ts";
import { normalize } from "../../language/normalize.ts";
import type { Article, Highlight, QuoteLocation } from "../../types.ts";
import { MAX_QUOTE_LENGTH } from "../../types.ts";

/** The kinds of event a timeline lists. */
export type EventKind = "call" | "meeting" | "talks" | "visit";

/** One dated sentence that reports an event. */
export interface EventMention {
  /** `YYYY-MM-DD`, or `YYYY-MM` when the sentence names only the month. */
  date: string;
  kind: EventKind;
  /** The sentence, verbatim (its clauses around the date when the sentence is long). */
  text: string;
  /** The date and the event's word in `text`. */
  highlights: Highlight[];
  at: QuoteLocation;
  /** The sentence's whole paragraph, normalised: what a timeline's topic is looked for in, beside the title. */
  paragraph: string;
}

/**
 * The words that name each kind of event, in normalised (Simplified, lower-case) text; checked in this order,
 * so that 电话会谈 is a call, not a meeting (at equal distance from the date). General news vocabulary, not the seeds' wording.
 */
const EVENT_WORDS: ReadonlyArray<[EventKind, RegExp]> = [
  ["call", /通电话|通话|电话会谈|视频通话|phone call|called|call\b/gu],
  ["meeting", /会晤|会谈|会面|会见|峰会|见面|举行会议|\bmet\b|meeting|summit/gu],
  ["talks", /谈判|磋商|\btalks\b|negotiat\w*/gu],
  ["visit", /国事访问|访问|访华|访美|出访|到访|来访|\bvisit/gu],
];

/**
 * Words that make what follows them in a clause a plan, not an event that happened: modal and intent verbs
 * (将, 计划, 拟, 同意在…举行), words of time to come (明年, 下一轮, 未来), and English will/would/plan to. Only
 * before the event's word and in its clause (between commas): 在会晤中同意 reports a meeting that took place.
 */
const PLAN_WORDS =
  /(?<![虚模])拟|将(?![军领士近])|计划|准备|打算|预计|预定|定于|有望|同意|明年|后年|下个?月|下周|下星期|下一轮|下次|未来|\b(?:will|would|plans?\s+to|planned\s+to|expected\s+to|scheduled\s+to|set\s+to)\b/u;

/** What ends a clause: the comma, semicolon and colon of both scripts. */
const CLAUSE_BREAK = /[，,；;：:]/gu;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Dates in normalised text, most specific first: `2024年4月2日`, `2024-04-02`, `(去年|明年)?4月2日`,
 * `2024年4月`, `明年4月`, `April 2, 2024`. Groups: y, rel, m, d, or en (month name).
 */
const DATE_PATTERNS: readonly RegExp[] = [
  /(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]/u,
  /(?<![\d-])(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?![\d-])/u,
  /(?<rel>去年|今年|明年)?(?<!\d)(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]/u,
  /(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月/u,
  /(?<rel>去年|今年|明年)(?<m>\d{1,2})\s*月/u,
  /\b(?<en>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y>\d{4}))?\b/u,
  /(?<wk>(?:本|上)?(?:周|星期|礼拜)[一二三四五六日天])/u,
];

/** Weekdays as `Date.getUTCDay` numbers them. */
const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** Days after an article's date that a year-less date may still lie (a visit "on 4 May" announced in April). */
const FUTURE_DAYS = 45;

/**
 * The events an article reports: each sentence that names a call, a meeting, talks or a visit together with a
 * date, and reports it as done. A plan is not an event: a date after the article's own, or a plan word before
 * the event's word in its clause (他将在明年4月访华, 双方同意在2月前举行下一轮会谈), leaves the sentence out.
 * Dates without a year take the article's, a year earlier when that would put them well after the article
 * (`去年`/`明年` move them too); an article of unknown date yields only sentences with a full date.
 */
export function eventsOf(article: Article): EventMention[] {
  const events: EventMention[] = [];
  for (const [paragraph, text] of article.paragraphs.entries()) {
    const normal = normalize(text);
    for (const [start, end] of sentenceSpans(normal)) {
      const sentence = normal.slice(start, end);
      const date = findDate(sentence, article.date);
      const word = date && nearestEventWord(sentence, date);
      if (!date || !word || planned(sentence, date.value, word.start, article.date)) continue;
      const marks: Highlight[] = [
        [date.start, date.end],
        [word.start, word.end],
      ];
      const quote = cut(text, start, end, marks);
      const at = { file: article.file, paragraph, start: quote.start, end: quote.end };
      const { highlights } = quote;
      events.push({ date: date.value, kind: word.kind, text: quote.text, highlights, at, paragraph: normal });
    }
  }
  return events;
}

/**
 * True when a sentence names a plan rather than an event that took place: its date lies after the article's
 * own (at the precision it has: a month-only date after the article's month), or a plan word stands before
 * the event's word in the event's clause.
 */
function planned(sentence: string, date: string, wordStart: number, articleDate: string | null): boolean {
  if (articleDate && date > articleDate.slice(0, date.length)) return true;
  let clauseStart = 0;
  for (const match of sentence.slice(0, wordStart).matchAll(CLAUSE_BREAK)) clauseStart = match.index + 1;
  return PLAN_WORDS.test(sentence.slice(clauseStart, wordStart));
}

/**
 * The event word nearest to a date in a sentence (one may name a meeting and, later, a visit's date). Chinese
 * puts the date before the verb (4月3日耶伦将访华), so a word before the date counts as three times as far. The
 * word must stand in the date's clause, or anywhere after it when the date opens the sentence (5月15日上午，…会晤):
 * in 经过一年半的磋商后，双方在2020年1月签署协议 the date is the signing's, not the talks'.
 */
function nearestEventWord(
  sentence: string,
  date: { start: number; end: number },
): { kind: EventKind; start: number; end: number } | undefined {
  const clauseOf = (at: number) => [...sentence.slice(0, at).matchAll(CLAUSE_BREAK)].length;
  const dateClause = clauseOf(date.start);
  let best: { kind: EventKind; start: number; end: number; distance: number } | undefined;
  for (const [kind, words] of EVENT_WORDS) {
    for (const match of sentence.matchAll(words)) {
      const start = match.index;
      const end = start + match[0].length;
      const clause = clauseOf(start);
      if (clause !== dateClause && !(dateClause === 0 && start >= date.end)) continue;
      const distance = start >= date.end ? start - date.end : 3 * Math.max(0, date.start - end) + 1;
      if (!best || distance < best.distance) best = { kind, start, end, distance };
    }
  }
  return best && { kind: best.kind, start: best.start, end: best.end };
}

/** The first date in a sentence, resolved against the article's date: ISO text and where it stands. */
function findDate(
  sentence: string,
  articleDate: string | null,
): { value: string; start: number; end: number } | undefined {
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(sentence);
    const groups = match?.groups;
    if (!match || !groups) continue;
    const span = { start: match.index, end: match.index + match[0].length };
    if (groups.wk) {
      const value = weekdayDate(groups.wk, articleDate);
      if (value) return { value, ...span };
      continue;
    }
    const month = groups.en ? MONTHS.indexOf(groups.en) + 1 : Number(groups.m);
    const day = groups.d === undefined ? undefined : Number(groups.d);
    const year = resolveYear(groups.y, groups.rel, month, day, articleDate);
    if (year === undefined || month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31)))
      continue;
    const value = [year, month, day]
      .filter((n) => n !== undefined)
      .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, "0"))
      .join("-");
    return { value, ...span };
  }
  return undefined;
}

/**
 * The day a weekday names in a news report: the latest such day on or before the article's date (周二 in
 * Wednesday's paper is yesterday), a week earlier for 上周.
 */
function weekdayDate(word: string, articleDate: string | null): string | undefined {
  const weekday = WEEKDAYS[word.slice(-1)];
  if (!articleDate || weekday === undefined) return undefined;
  const day = new Date(`${articleDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return undefined;
  const back = ((day.getUTCDay() - weekday + 7) % 7) + (word.startsWith("上") ? 7 : 0);
  day.setUTCDate(day.getUTCDate() - back);
  return day.toISOString().slice(0, 10);
}

function resolveYear(
  written: string | undefined,
  relative: string | undefined,
  month: number,
  day: number | undefined,
  articleDate: string | null,
): number | undefined {
  if (written) return Number(written);
  if (!articleDate) return undefined;
  const base = Number(articleDate.slice(0, 4));
  if (relative === "去年") return base - 1;
  if (relative === "明年") return base + 1;
  if (relative === "今年") return base;
  const candidate = Date.UTC(base, month - 1, day ?? 1);
  const limit = Date.parse(articleDate) + FUTURE_DAYS * 86_400_000;
  return candidate > limit ? base - 1 : base;
}

/**
 * The sentence as a quote: whole when it fits in `MAX_QUOTE_LENGTH`, else the clauses from the one holding the
 * first mark, as many as fit. Marks are moved to the quote's offsets; those that fall outside are dropped.
 */
function cut(
  paragraph: string,
  start: number,
  end: number,
  marks: Highlight[],
): { text: string; highlights: Highlight[]; start: number; end: number } {
  let from = start + (paragraph.slice(start, end).length - paragraph.slice(start, end).trimStart().length);
  let to = from + paragraph.slice(from, end).trimEnd().length;
  if (to - from > MAX_QUOTE_LENGTH) {
    const first = start + (marks[0]?.[0] ?? 0);
    const clauseStart = Math.max(
      from,
      paragraph.lastIndexOf("，", first) + 1,
      paragraph.lastIndexOf(",", first) + 1,
    );
    from = clauseStart;
    const limit = from + MAX_QUOTE_LENGTH;
    const lastBreak = Math.max(paragraph.lastIndexOf("，", limit - 1), paragraph.lastIndexOf(",", limit - 1));
    to = lastBreak > first ? lastBreak + 1 : limit;
  }
  const highlights = marks
    .map(([a, b]): Highlight => [start + a - from, start + b - from])
    .filter(([a, b]) => a >= 0 && b <= to - from)
    .sort((x, y) => x[0] - y[0])
    .filter((mark, i, all) => i === 0 || mark[0] >= (all[i - 1]?.[1] ?? 0));
  return { text: paragraph.slice(from, to), highlights, start: from, end: to };
}
