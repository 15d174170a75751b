import type { Article } from "../types.ts";

/**
 * Secrets shorter than this are not looked for: a four-letter password would leave out every paragraph that
 * happens to hold those letters. The logger scrubs from the same length.
 */
export const MIN_SECRET_LENGTH = 6;

/** What `withoutSecrets` left out of an article: never the secret, only where it was. */
export interface SecretsLeftOut {
  /** How many paragraphs held a secret. */
  paragraphs: number;
  /** The metadata fields that held one. */
  fields: string[];
}

/**
 * The article without the text that holds a configured secret (a bot token, an API key, a database password),
 * whatever the corpus holds: a paragraph holding one is left out whole, so no passage cut from it can quote
 * it; a field holding one is left out too (the title falls back to the file's name). `leftOut` says what went.
 */
export function withoutSecrets(
  article: Article,
  secrets: readonly string[],
): { article: Article; leftOut?: SecretsLeftOut } {
  const looked = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  if (looked.length === 0) return { article };
  const holds = (text: string | null) => text !== null && looked.some((secret) => text.includes(secret));
  const paragraphs = article.paragraphs.filter((p) => !holds(p));
  const fields = (["title", "publisher", "author", "url", "date"] as const).filter((key) =>
    holds(article[key]),
  );
  if (fields.length === 0 && paragraphs.length === article.paragraphs.length) return { article };
  const kept: Article = { ...article, paragraphs };
  for (const key of fields) {
    if (key === "title") kept.title = article.file;
    else kept[key] = null;
  }
  return { article: kept, leftOut: { paragraphs: article.paragraphs.length - paragraphs.length, fields } };
}
