import type { Article } from "../types.ts";

/**
 * The longest metadata each field keeps, in UTF-16 units. Every answer and the saved index carry them; a title
 * is a line, a publisher or author a name, a link a link (browsers and search engines stop near 2,000).
 */
export const FIELD_LIMITS = { title: 200, publisher: 100, author: 100, url: 2048 } as const;

/** Told of metadata an article states but that cannot be used (a `url` that is not a web link, a bad `date`). */
export type MetadataWarning = (problem: string) => void;

/**
 * A metadata value as text: a string trimmed, a number or true/false written out, nothing for empty values.
 * A list or a mapping (YAML can hold either where a title belongs) is ignored with a warning.
 */
export function fieldText(key: string, value: unknown, warn: MetadataWarning): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  warn(`${key}: ${Array.isArray(value) ? "a list" : "a mapping"}, not a text; ignored`);
  return undefined;
}

/**
 * The article with each field within `FIELD_LIMITS`: a title, publisher or author is cut (marked `…`), a link
 * left out (a cut link leads nowhere), each with a warning.
 */
export function boundedFields(article: Article, warn: MetadataWarning): Article {
  const bounded = { ...article };
  for (const key of ["title", "publisher", "author"] as const) {
    const value = article[key];
    const limit = FIELD_LIMITS[key];
    if (value && value.length > limit) {
      warn(`${key}: longer than ${limit.toLocaleString("en")} characters; cut`);
      bounded[key] = `${cut(value, limit - 1)}…`;
    }
  }
  if (article.url && article.url.length > FIELD_LIMITS.url) {
    warn(
      `url: longer than ${FIELD_LIMITS.url.toLocaleString("en")} characters; the article is shown without one`,
    );
    bounded.url = null;
  }
  return bounded;
}

/** The first `length` UTF-16 units, one fewer when the last would be half of a surrogate pair. */
function cut(text: string, length: number): string {
  const head = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}
