// Long because reading an article safely (real path inside the corpus, regular file, size, secrets) is one path.
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ArticleError, CorpusError } from "../errors.ts";
import type { Article } from "../types.ts";
import { boundedFields, FIELD_LIMITS } from "./fields.ts";
import { type MetadataWarning, type PublisherTable, parseArticle } from "./parse-article.ts";
import { type SecretsLeftOut, withoutSecrets } from "./secrets.ts";

/** Files in the corpus directory that hold articles. */
export const ARTICLE_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm"];

/** Default of `ReadLimits.maxArticleBytes`: 2 MiB, some 700,000 Chinese characters, far beyond any news article. */
export const DEFAULT_MAX_ARTICLE_BYTES = 2 * 2 ** 20;

/** A `NAME.meta.json` override is a few fields; anything larger is not one. */
const MAX_OVERRIDE_BYTES = 64 * 2 ** 10;

/** How much of the corpus reading may take in, and what it must never. */
export interface ReadLimits {
  /** Article files larger than this many bytes are skipped with a warning. Default `DEFAULT_MAX_ARTICLE_BYTES`. */
  maxArticleBytes?: number;
  /**
   * Values that must never be quoted (tokens, keys, passwords): text holding one is left out (see
   * `withoutSecrets`). Default none.
   */
  secrets?: readonly string[];
}

/** What parsing an article reports besides the article; every report is optional. */
export interface ParseReports {
  /** Metadata the article states but that cannot be used, or that was cut. */
  warn?: MetadataWarning;
  /** Text left out because it holds one of `ReadLimits.secrets` (never the secret itself). */
  secretsLeftOut?: (leftOut: SecretsLeftOut) => void;
}

/** A metadata override beside an article (`NAME.meta.json`), for what the article text does not say. */
const OverrideSchema = z
  .object({
    title: z.string().min(1),
    publisher: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
    url: z.url({ protocol: /^https?$/, error: "an http(s) link" }).max(FIELD_LIMITS.url),
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

/** The bytes of an article file and of its override (if any), read under the limits, with their hash. */
export interface ArticleSource {
  file: string;
  content: Buffer;
  override: Buffer | undefined;
  /** SHA-256 of both: what tells whether an article changed. */
  hash: string;
}

/**
 * The article files of a directory and of its sub-folders one level down (articles added by link go in one
 * folder per publisher), as paths relative to it (`bbc/2025-06-05-x.md`), sorted (hidden files and folders and
 * `.meta.json` overrides excluded).
 */
export async function listArticleFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((e) => !e.isDirectory()).map((e) => e.name);
    for (const folder of entries.filter((e) => e.isDirectory() && !e.name.startsWith("."))) {
      const inside = await readdir(path.join(dir, folder.name)).catch(() => []);
      names.push(...inside.map((name) => `${folder.name}/${name}`));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CorpusError(
      `Cannot read the article directory ${dir} (${code}). Set CORPUS_DIR to a directory of articles.`,
    );
  }
  return names.filter(isArticleName).sort();
}

/**
 * An article file's name, as the list gives it and the console's pages take it back: a file, or one publisher
 * folder and a file, separated by `/` (a `\` is refused, as Windows reads it as a separator); no part empty or
 * hidden (so no `..` and no absolute path); one of `ARTICLE_EXTENSIONS`.
 */
export function isArticleName(name: string): boolean {
  const parts = name.split("/");
  return (
    parts.length <= 2 &&
    parts.every(
      (part) => part !== "" && part === path.basename(part) && !part.startsWith(".") && !/[\\\0]/.test(part),
    ) &&
    ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase())
  );
}

/**
 * Reads an article file and its override as bytes, without parsing them. Only regular files inside `dir` are
 * read: a symlink counts when its real path is inside `dir`'s (a link to /etc/passwd or ../.env does not), a
 * FIFO would block for ever, `/dev/zero` never ends. `file` must be an article file's name (`../x` is not one).
 * Throws `ArticleError`.
 */
export async function readArticleSource(
  dir: string,
  file: string,
  { maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES }: ReadLimits = {},
): Promise<ArticleSource> {
  if (!isArticleName(file)) throw new ArticleError(`${file}: not an article file's name`);
  const content = await readRegularFile(dir, file, maxArticleBytes, "maxArticleBytes");
  const overrideFile = `${file}.meta.json`;
  const override = await readRegularFile(dir, overrideFile, MAX_OVERRIDE_BYTES, "an override's limit").catch(
    (error: unknown) => {
      if (error instanceof ArticleError && error.message.endsWith("(ENOENT)")) return undefined;
      throw error;
    },
  );
  const hash = createHash("sha256")
    .update(content)
    .update(override === undefined ? "\0none" : "\0override\0")
    .update(override ?? "")
    .digest("hex");
  return { file, content, override, hash };
}

/**
 * Parses what `readArticleSource` read: the article, its override's fields over its own (bounded as its own
 * are), without any text that holds one of `secrets`. Throws `ArticleError` saying what is wrong.
 */
export function parseArticleSource(
  source: ArticleSource,
  publishers: PublisherTable,
  { secrets = [] }: ReadLimits = {},
  { warn = () => undefined, secretsLeftOut }: ParseReports = {},
): Article {
  const { file, content, override } = source;
  const text = content.toString("utf8");
  if (text.includes("\u0000") || text.includes("\ufffd")) throw new ArticleError(`${file}: not UTF-8 text`);
  const article = parseArticle(file, text, publishers, warn);
  const stated = override ? parseOverride(`${file}.meta.json`, override) : {};
  const overridden = override
    ? boundedFields({ ...article, ...stated, ...(stated.title ? { untitled: false } : {}) }, warn)
    : article;
  const kept = withoutSecrets(overridden, secrets);
  if (kept.leftOut) secretsLeftOut?.(kept.leftOut);
  if (kept.article.paragraphs.length === 0) throw new ArticleError(`${file}: no article text found`);
  return kept.article;
}

/** Reads and parses one article file with its override, if any. Throws `ArticleError` saying what is wrong. */
export async function readArticle(
  dir: string,
  file: string,
  publishers: PublisherTable,
  limits?: ReadLimits,
): Promise<Article> {
  return parseArticleSource(await readArticleSource(dir, file, limits), publishers, limits);
}

/** Reads every article of a directory; files that fail are listed in `skipped`, the rest are returned. */
export async function readCorpus(
  dir: string,
  publishers: PublisherTable,
  limits?: ReadLimits,
): Promise<Corpus> {
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of await listArticleFiles(dir)) {
    try {
      articles.push(await readArticle(dir, file, publishers, limits));
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { articles, skipped };
}

/**
 * The bytes of the regular file `name` in `dir`, at most `maxBytes`. Opened without blocking (a FIFO opens at
 * once instead of waiting for a writer) and checked on the open handle, so a file swapped for a special one
 * after a stat is still caught; and read only if it is inside `dir` (see `checkInside`).
 */
async function readRegularFile(
  dir: string,
  name: string,
  maxBytes: number,
  limitName: string,
): Promise<Buffer> {
  const filePath = path.join(dir, name);
  const handle = await open(filePath, constants.O_RDONLY | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      throw new ArticleError(`${name}: cannot read it (${error.code ?? error.message})`);
    },
  );
  try {
    const stats = await handle.stat();
    await checkInside(dir, name, stats);
    if (!stats.isFile()) throw new ArticleError(`${name}: not a regular file (${kindOf(stats)})`);
    const tooLarge = () =>
      new ArticleError(`${name}: larger than ${maxBytes.toLocaleString("en")} bytes (${limitName})`);
    if (stats.size > maxBytes) throw tooLarge();
    // One byte more than allowed tells a file that grew since the stat.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      ({ bytesRead: read } = await handle.read(buffer, length, buffer.length - length, length));
    }
    if (length > maxBytes) throw tooLarge();
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * Throws unless the file opened as `name` (its `stats`) is inside `dir`: its real path (symlinks followed) is
 * under `dir`'s real path, and that path still names the very file opened, so a link re-pointed between the
 * open and the check is caught too.
 */
async function checkInside(dir: string, name: string, opened: import("node:fs").Stats): Promise<void> {
  const outside = () => new ArticleError(`${name}: leads outside the article directory`);
  const [realDir, realFile] = await Promise.all([realpath(dir), realpath(path.join(dir, name))]).catch(() => {
    throw outside(); // the link changed or vanished since the open
  });
  const relative = path.relative(realDir, realFile);
  if (relative === "" || relative.split(path.sep)[0] === ".." || path.isAbsolute(relative)) throw outside();
  const named = await stat(realFile).catch(() => undefined);
  if (named?.dev !== opened.dev || named?.ino !== opened.ino) throw outside();
}

function kindOf(stats: import("node:fs").Stats): string {
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  if (stats.isDirectory()) return "a directory";
  return "not a file";
}

function parseOverride(overrideFile: string, bytes: Buffer): z.infer<typeof OverrideSchema> {
  let parsed: ReturnType<typeof OverrideSchema.safeParse>;
  try {
    parsed = OverrideSchema.safeParse(JSON.parse(bytes.toString("utf8")));
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
