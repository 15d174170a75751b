import { normalize } from "../language/normalize.ts";
import type { AppliedFilter, ArticleInfo, FilterProblem, FilterRequest } from "../types.ts";

/** The words that introduce each filter in a question, in English and both Chinese scripts. */
const KEYS: Record<keyof FilterRequest, readonly string[]> = {
  source: ["source", "publisher", "来源", "來源", "出处", "出處", "媒体", "媒體"],
  since: ["since", "从", "從", "起"],
  until: ["until", "到", "至"],
};

const KEY_OF = new Map(Object.entries(KEYS).flatMap(([key, words]) => words.map((w) => [w, key])));

/**
 * Keys that are only ever a filter: `since:yesterday` after them is an unreadable date, refused, never searched as
 * text. The one-character Chinese keys (从, 到, 至, 起) also occur in ordinary text, so after them only a date counts.
 */
const ALWAYS_FILTER = new Set(["since", "until", ...KEYS.source]);

/**
 * `key:value` in a question, with an ASCII or full-width colon. A value runs to the next space or sentence mark;
 * one in quotes may hold spaces (`source:"Voice of America"`). Not after a letter, so `resource:x` is no filter.
 */
const FILTER = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...KEY_OF.keys()].join("|")})\\s*[:：]\\s*("[^"]+"|“[^”]+”|「[^」]+」|[^\\s，。？！?!,;；]+)`,
  "giu",
);

/** `2025`, `2025-01`, `2025-01-15`, also with `/` or `.`, or as `2025年1月15日`. */
const DATE = /^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?)?\s*年?$/u;

/** The question with its `source:`/`since:`/`until:` parts taken out, and what they asked for. */
export function extractFilter(question: string): { question: string; request: FilterRequest } {
  const request: FilterRequest = {};
  const rest = question.replace(FILTER, (whole, word: string, raw: string) => {
    const key = KEY_OF.get(word.toLowerCase()) as keyof FilterRequest;
    const value = raw.replace(/^["“「]|["”」]$/g, "").trim();
    // A one-character Chinese date key whose value is no date is ordinary text ("从:" in a quoted title).
    const always = ALWAYS_FILTER.has(word.toLowerCase());
    if (!always && parseDate(value, "start") === undefined) return whole;
    request[key] = value;
    return " ";
  });
  return { question: rest.replace(/\s+/g, " ").trim(), request };
}

/**
 * Resolves a filter against the indexed publishers: `source` matches every publisher whose name contains it or
 * is contained in it, in either script and any case (`bbc` → `BBC中文`); dates become whole days, `since` the
 * first and `until` the last of the month or year given. Undefined filter when the request is empty.
 */
export function resolveFilter(
  request: FilterRequest,
  publishers: readonly string[],
): { filter?: AppliedFilter; problem?: FilterProblem } {
  const filter: AppliedFilter = {};
  const source = request.source?.trim();
  if (source) {
    const matched = matchPublishers(source, publishers);
    if (matched.length === 0) {
      return { problem: { kind: "unknownSource", asked: source, known: [...new Set(publishers)].sort() } };
    }
    filter.publishers = matched;
  }
  for (const key of ["since", "until"] as const) {
    const asked = request[key]?.trim();
    if (!asked) continue;
    const date = parseDate(asked, key === "since" ? "start" : "end");
    if (date === undefined) return { problem: { kind: "badDate", asked } };
    filter[key] = date;
  }
  if (filter.since && filter.until && filter.since > filter.until) {
    return { problem: { kind: "sinceAfterUntil", since: filter.since, until: filter.until } };
  }
  return Object.keys(filter).length > 0 ? { filter } : {};
}

/** The publishers a user's `source` names, by containment either way after normalisation. */
function matchPublishers(source: string, publishers: readonly string[]): string[] {
  const asked = compact(source);
  if (asked === "") return [];
  return [...new Set(publishers)].filter((name) => {
    const known = compact(name);
    return known.includes(asked) || asked.includes(known);
  });
}

/**
 * The publishers to offer while a user types a `source` (Discord's autocomplete): those whose name contains what
 * was typed, in either script and any case, those starting with it first; all of them, sorted, when nothing was
 * typed; at most `max`.
 */
export function suggestPublishers(typed: string, publishers: readonly string[], max: number): string[] {
  const asked = compact(typed);
  const known = [...new Set(publishers)].sort();
  if (asked === "") return known.slice(0, max);
  const matching = known.filter((name) => compact(name).includes(asked));
  const starts = matching.filter((name) => compact(name).startsWith(asked));
  return [...starts, ...matching.filter((name) => !starts.includes(name))].slice(0, max);
}

/** Normalised, without spaces or dots: `BBC 中文` and `bbc中文` are one name. */
function compact(text: string): string {
  return normalize(text).replace(/[\s.·・]/g, "");
}

/** An ISO date from `2025`, `2025-01` or `2025-01-15`: the first or last day of the period it names. */
export function parseDate(text: string, side: "start" | "end"): string | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  const lastMonth = month ?? (side === "start" ? 1 : 12);
  const daysIn = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  if (day !== undefined && (day < 1 || day > daysIn)) return undefined;
  const d = day ?? (side === "start" ? 1 : daysIn);
  return `${year}-${pad(lastMonth)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** True when an article passes the filter. An unknown date fails any date bound; an unknown publisher, any source. */
export function matchesFilter(filter: AppliedFilter | undefined, article: ArticleInfo): boolean {
  if (!filter) return true;
  if (filter.publishers && (article.publisher === null || !filter.publishers.includes(article.publisher)))
    return false;
  if ((filter.since || filter.until) && article.date === null) return false;
  if (filter.since && (article.date ?? "") < filter.since) return false;
  if (filter.until && (article.date ?? "") > filter.until) return false;
  return true;
}

/** Fields set in `override` win over those in `base`. */
export function mergeRequests(base: FilterRequest, override: FilterRequest = {}): FilterRequest {
  const merged: FilterRequest = { ...base };
  for (const key of ["source", "since", "until"] as const) {
    const value = override[key]?.trim();
    if (value) merged[key] = value;
  }
  return merged;
}
