import { normalize } from "../language/normalize.ts";
import { safePrefix } from "../text/truncate.ts";
import { type FilterRequest, MAX_QUESTION_LENGTH } from "../types.ts";
import type { Analyzer, QuestionTerms } from "./analyse.ts";
import type { AnswerType } from "./answer-type.ts";
import { cleanQuestion } from "./clean.ts";
import { type MonthDay, type Period, questionMonthDay, questionPeriod } from "./dates.ts";
import { extractFilter } from "./filters.ts";

/** A question as a user wrote it, read: cleaned, its filters taken out, cut to the one limit. */
export interface QuestionText {
  /** What is searched: invisible characters and `source:`/`since:`/`until:` out, whitespace collapsed, cut. */
  text: string;
  /** True when `text` was cut to `MAX_QUESTION_LENGTH` (every door says so in its reply). */
  truncated: boolean;
  /** The filters written in the question; empty when none. */
  filter: FilterRequest;
}

/** The period or day a question names, and its terms without those words (see `answer/decide.ts`). */
export type QuestionDate =
  | { kind: "period"; period: Period; undated: () => QuestionTerms }
  | { kind: "monthDay"; monthDay: MonthDay; undated: () => QuestionTerms };

/** Everything about a question, worked out once, before any search. */
export interface ParsedQuestion extends QuestionText {
  /** The question's terms, analysed: what is looked up in the index and ranked. */
  terms: QuestionTerms;
  /** Mostly Latin letters: asked in English (its own abstention threshold); else Chinese. */
  language: "en" | "zh";
  /** What it asks for (a person for 谁, a duration for 多久). */
  type: AnswerType;
  /** The date it names, if any: where articles carry dates, only those of that time are quoted. */
  date?: QuestionDate;
  /** What it writes in quotation marks, normalised (质 in “质”这个字一般表示什么): words it asks about as words. */
  quoted: string[];
}

/** Cleans a question, takes its filters out and cuts it to `MAX_QUESTION_LENGTH`; no analysis. */
export function readQuestion(raw: string): QuestionText {
  const { question, request } = extractFilter(cleanQuestion(raw));
  return {
    text: safePrefix(question, MAX_QUESTION_LENGTH),
    truncated: question.length > MAX_QUESTION_LENGTH,
    filter: request,
  };
}

/**
 * Reads a question (`readQuestion`) and analyses it: its terms, language, answer type, and the date it names,
 * relative dates (去年10月) counted from `now`. Never throws on user input; an empty question has no terms.
 */
export function parseQuestion(raw: string, now: Date, analyzer: Analyzer): ParsedQuestion {
  const read = readQuestion(raw);
  const terms = analyzer.question(read.text);
  const quoted = quotedIn(normalize(read.text));
  const parsed = { ...read, terms, language: terms.english ? "en" : "zh", type: terms.type, quoted } as const;
  const date = questionDate(read.text, now, analyzer);
  return date ? { ...parsed, date } : parsed;
}

/** The period (2026年5月, 去年) or else the day or month of any year (6月5日) a question names. */
function questionDate(text: string, now: Date, analyzer: Analyzer): QuestionDate | undefined {
  const normal = normalize(text);
  const undatedAt = ([start, end]: readonly [number, number]) => {
    let terms: QuestionTerms | undefined;
    return () => {
      terms ??= analyzer.question(text.slice(0, start) + text.slice(end));
      return terms;
    };
  };
  const period = questionPeriod(normal, now);
  if (period) return { kind: "period", period, undated: undatedAt(period.at) };
  const monthDay = questionMonthDay(normal);
  if (monthDay) return { kind: "monthDay", monthDay, undated: undatedAt(monthDay.at) };
  return undefined;
}

/** The short stretches a text puts in quotation marks (“质”, 「一国两制」, "tariff"). */
function quotedIn(normal: string): string[] {
  return [...normal.matchAll(/[“"「『‘']([^“”"「」『』‘’']{1,12})[”"」』’']/gu)]
    .map((m) => m[1] ?? "")
    .filter(Boolean);
}
