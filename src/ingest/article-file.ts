import { createHash } from "node:crypto";
import { mkdir, open, rename } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import type { ArticleInfo } from "../core/types.ts";
import { ADDING_PREFIX } from "./ledger.ts";

/** An article as it is written into the corpus: its metadata and paragraphs, verbatim. */
export interface ArticleToWrite extends Omit<ArticleInfo, "file"> {
  paragraphs: string[];
}

/** A folder name from a publisher's name (or the link's host): letters of any script, digits, `-`. */
export function folderName(publisher: string | null, url: string | null): string {
  const host = url ? new URL(url).hostname.replace(/^www\./, "") : "";
  const name = (publisher ?? host ?? "")
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return name || "web";
}

/**
 * Writes an article as Markdown with YAML front matter into `corpusDir/<publisher>/<date>-<hash>.md`: first to a
 * hidden file, flushed to disk, then renamed, so the index sees the whole file or none of it. Resolves to the
 * file's path relative to `corpusDir`, as articles are named.
 */
export async function writeArticleFile(corpusDir: string, article: ArticleToWrite): Promise<string> {
  const folder = folderName(article.publisher, article.url);
  const id = createHash("sha256")
    .update(article.url ?? article.paragraphs.join("\n"))
    .digest("hex")
    .slice(0, 12);
  const name = `${article.date ?? "undated"}-${id}.md`;
  const dir = path.join(corpusDir, folder);
  await mkdir(dir, { recursive: true });
  const front = Object.fromEntries(
    Object.entries({
      title: article.title,
      publisher: article.publisher,
      date: article.date,
      url: article.url,
      author: article.author,
    }).filter(([, v]) => v !== null && v !== undefined),
  );
  // Dates are written as text: YAML would read an unquoted 2025-07-02 as a timestamp in UTC.
  const yaml = stringify(front, { defaultStringType: "QUOTE_DOUBLE", lineWidth: 0 });
  const body = article.paragraphs.map((p) => p.replace(/\s*\n\s*/g, " ")).join("\n\n");
  const temporary = path.join(dir, `${ADDING_PREFIX}${name}`);
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(`---\n${yaml}---\n\n${body}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path.join(dir, name));
  return `${folder}/${name}`;
}
