import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ArticleError, CorpusError } from "../errors.ts";
import type { Article } from "../types.ts";
import { type PublisherTable, parseArticle } from "./parse-article.ts";

/** Files in the corpus directory that hold articles. */
export const ARTICLE_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm"];

/** A metadata override beside an article (`NAME.meta.json`), for what the article text does not say. */
const OverrideSchema = z
  .object({
    title: z.string().min(1),
    publisher: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
    url: z.url(),
    author: z.string().min(1),
  })
  .partial()
  .strict();

/** An article file that was skipped, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** A corpus directory's contents: the articles, in file-name order, and the files that could not be read. */
export interface Corpus {
  articles: Article[];
  skipped: SkippedFile[];
}

/** The article files of a directory, sorted by name (hidden files and `.meta.json` overrides excluded). */
export async function listArticleFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CorpusError(
      `Cannot read the article directory ${dir} (${code}). Set CORPUS_DIR to a directory of articles.`,
    );
  }
  return names
    .filter((n) => !n.startsWith(".") && ARTICLE_EXTENSIONS.includes(path.extname(n).toLowerCase()))
    .sort();
}

/** Reads and parses one article file with its override, if any. Throws `ArticleError` saying what is wrong. */
export async function readArticle(dir: string, file: string, publishers: PublisherTable): Promise<Article> {
  const content = await readFile(path.join(dir, file), "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ArticleError(`${file}: cannot read it (${error.code ?? error.message})`);
  });
  if (content.includes("\u0000") || content.includes("\ufffd")) {
    throw new ArticleError(`${file}: not UTF-8 text`);
  }
  const article = parseArticle(file, content, publishers);
  return { ...article, ...(await readOverride(dir, file)) };
}

/** Reads every article of a directory; files that fail are listed in `skipped`, the rest are returned. */
export async function readCorpus(dir: string, publishers: PublisherTable): Promise<Corpus> {
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of await listArticleFiles(dir)) {
    try {
      articles.push(await readArticle(dir, file, publishers));
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { articles, skipped };
}

async function readOverride(dir: string, file: string): Promise<z.infer<typeof OverrideSchema>> {
  const overrideFile = `${file}.meta.json`;
  let text: string;
  try {
    text = await readFile(path.join(dir, overrideFile), "utf8");
  } catch {
    return {};
  }
  let parsed: ReturnType<typeof OverrideSchema.safeParse>;
  try {
    parsed = OverrideSchema.safeParse(JSON.parse(text));
  } catch (error) {
    throw new ArticleError(`${overrideFile}: not JSON (${(error as Error).message})`);
  }
  if (!parsed.success) {
    throw new ArticleError(
      `${overrideFile}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
