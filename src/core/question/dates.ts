/** A span of days a question's date names, ISO `YYYY-MM-DD`, both inclusive. */
export interface Period {
  from: string;
  to: string;
  /** Where the date stands in the question, `[start, end)`. */
  at: readonly [number, number];
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** Articles may report an event a little after it: this many days past the period still fit. */
export const REPORTING_LAG_DAYS = 31;

const DAY_MS = 86_400_000;

/**
 * The period a question's date names, if it names one with a year: 2026年5月, 2025年, 2024年4月2日, June 2025,
 * May of 2012, in 2025, 2025-06, and 去年10月 / 今年 / 前年 / 上个月 / 本月 (last month, this month) counted from
 * `now`. A month and day, or a month, without a year (6月5日, 6月) names no period: it fits any year (see
 * `questionMonthDay`). Only the first date is read.
 */
export function questionPeriod(normal: string, now: Date = new Date()): Period | undefined {
  const year = now.getUTCFullYear();
  const relative = /(前年|去年|今年)(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?/u.exec(normal);
  const absolute = /(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?/u.exec(normal);
  const iso = /\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b/u.exec(normal);
  const english = new RegExp(`\\b(${MONTHS.join("|")})\\s+(?:(\\d{1,2}),?\\s+|of\\s+)?(\\d{4})\\b`, "u").exec(
    normal,
  );
  // A year alone only after a word that makes it a time (in 2025, not "2025 people"), as 2025年 is one.
  const englishYear = /\b(?:in|during|throughout)\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)/u.exec(normal);
  const at = (match: RegExpExecArray) => [match.index, match.index + match[0].length] as const;
  const span = (match: RegExpExecArray, found: Omit<Period, "at"> | undefined) =>
    found && { ...found, at: at(match) };
  if (absolute) return span(absolute, period(Number(absolute[1]), absolute[2], absolute[3]));
  if (iso) return span(iso, period(Number(iso[1]), iso[2], iso[3]));
  if (english) {
    const month = String(MONTHS.indexOf(english[1] ?? "") + 1);
    return span(english, period(Number(english[3]), month, english[2]));
  }
  if (englishYear) return span(englishYear, period(Number(englishYear[1])));
  if (relative) {
    const back = { 前年: 2, 去年: 1, 今年: 0 }[relative[1] as "前年" | "去年" | "今年"];
    return span(relative, period(year - back, relative[2], relative[3]));
  }
  const month = /上个?月|本月|这个月|last month|this month/u.exec(normal);
  if (month) {
    const back = /上|last/u.test(month[0]) ? 1 : 0;
    const first = new Date(Date.UTC(year, now.getUTCMonth() - back, 1));
    return span(month, period(first.getUTCFullYear(), String(first.getUTCMonth() + 1)));
  }
  return undefined;
}

/** A day or a month a question names without a year (6月5日, June 5; 6月, in June): that day or month of any year. */
export interface MonthDay {
  month: number;
  /** Undefined for a month alone. */
  day?: number;
  /** Where it stands in the question, `[start, end)`. */
  at: readonly [number, number];
}

/**
 * English months that are also common words (the march, you may): months only after a preposition that introduces
 * a time (in May, since March, mid-May), not after words that also introduce the common word (this may mean, the
 * last march).
 */
const AMBIGUOUS_MONTHS = ["march", "may"];
const TIME_WORDS = "(?:in|since|early|late|until|by|from|before|after)\\s+|mid-";

const CHINESE_DAY = /(?<![\d年]\s*)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/u;
const ENGLISH_DAY = new RegExp(
  `\\b(${MONTHS.join("|")})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!,?\\s*\\d{4})`,
  "u",
);
/** 6月, not 2026年6月, 6个月 or 6月5日. */
const CHINESE_MONTH = /(?<![\d年]\s*)(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])/u;
/** June or in May, not June 5, June 2025 or May of 2012 (but "in June, 12 people…"). */
const ENGLISH_MONTH = new RegExp(
  `(?:\\b(${MONTHS.filter((m) => !AMBIGUOUS_MONTHS.includes(m)).join("|")})|(?<=\\b(?:${TIME_WORDS}))(${AMBIGUOUS_MONTHS.join("|")}))\\b(?!\\s*(?:of\\s+)?\\d)`,
  "u",
);

const monthNamed = (name: string | undefined) => MONTHS.indexOf(name ?? "") + 1;

/** How each way of writing a day or month is read, in the order tried: a day before a month alone. */
const READINGS: Array<[RegExp, (match: RegExpExecArray) => { month: number; day?: number }]> = [
  [CHINESE_DAY, (m) => ({ month: Number(m[1]), day: Number(m[2]) })],
  [ENGLISH_DAY, (m) => ({ month: monthNamed(m[1]), day: Number(m[2]) })],
  [CHINESE_MONTH, (m) => ({ month: Number(m[1]) })],
  [ENGLISH_MONTH, (m) => ({ month: monthNamed(m[1] ?? m[2]) })],
];

/**
 * The month and day, or the month alone, a question names without a year: 6月5日, 6月5号, June 5, 6月, in June.
 * Undefined when its date has a year (see `questionPeriod`, which is read first) or it names none.
 */
export function questionMonthDay(normal: string): MonthDay | undefined {
  for (const [pattern, read] of READINGS) {
    const match = pattern.exec(normal);
    if (!match) continue;
    const { month, day } = read(match);
    if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) return undefined;
    return { month, day, at: [match.index, match.index + match[0].length] };
  }
  return undefined;
}

/**
 * Whether a normalised text names the day (6月5日, 6月5号, 06月05日), or the month of a month alone (6月), so that a
 * later article's look back counts.
 */
export function namesMonthDay(normal: string, { month, day }: Pick<MonthDay, "month" | "day">): boolean {
  const named = day === undefined ? "" : `\\s*0?${day}\\s*[日号]`;
  return new RegExp(`(?<!\\d)0?${month}\\s*月${named}`, "u").test(normal);
}

/**
 * Whether an article dated `date` may report on that day, or that month, of its own year or the year before (see
 * `fitsPeriod`).
 */
export function fitsMonthDay(date: string, { month, day }: Pick<MonthDay, "month" | "day">): boolean {
  const year = Number(date.slice(0, 4));
  return [year, year - 1].some((y) => {
    const last = day ?? new Date(Date.UTC(y, month, 0)).getUTCDate();
    return fitsPeriod(date, { from: iso(y, month, day ?? 1), to: iso(y, month, last) });
  });
}

/** Whether an article dated `date` may report on `period` (on it, or up to REPORTING_LAG_DAYS after). */
export function fitsPeriod(date: string, { from, to }: Pick<Period, "from" | "to">): boolean {
  const day = Date.parse(date);
  return Date.parse(from) <= day && day <= Date.parse(to) + REPORTING_LAG_DAYS * DAY_MS;
}

function period(year: number, month?: string, day?: string): Omit<Period, "at"> | undefined {
  const m = month === undefined ? undefined : Number(month);
  const d = day === undefined ? undefined : Number(day);
  if (m !== undefined && (m < 1 || m > 12)) return undefined;
  if (m === undefined) return { from: iso(year, 1, 1), to: iso(year, 12, 31) };
  if (d !== undefined) return { from: iso(year, m, d), to: iso(year, m, d) };
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: iso(year, m, 1), to: iso(year, m, last) };
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
