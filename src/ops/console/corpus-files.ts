import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, lstat, mkdir, open, realpath, rename, unlink } from "node:fs/promises";
import path from "node:path";
import {
  ARTICLE_EXTENSIONS,
  isArticleName,
  listArticleFiles,
  parseArticleSource,
  readArticle,
  readArticleSource,
} from "../../core/corpus/read-corpus.ts";
import type { ArticleInfo } from "../../core/types.ts";

/** An article file as the console lists it. */
export interface ArticleEntry {
  file: string;
  /** `indexed`; `skipped` (with the reason); `waiting`: readable, not indexed yet (the watcher has not run). */
  state: "indexed" | "skipped" | "waiting";
  reason?: string;
  /** The indexed article's metadata. */
  info?: ArticleInfo;
}

/** An operator's mistake with a file: said on the page, never a crash. */
export class FileProblem extends Error {
  override name = "FileProblem";
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * Every article file of the corpus directory with its state: indexed (as the index has it), or why not, read
 * the way the index reads it (too large, not a regular file, not UTF-8…).
 */
export async function listArticles(
  corpusDir: string,
  indexed: readonly ArticleInfo[],
  maxArticleBytes: number,
): Promise<ArticleEntry[]> {
  const byFile = new Map(indexed.map((a) => [a.file, a]));
  const files = await listArticleFiles(corpusDir);
  return Promise.all(
    files.map(async (file): Promise<ArticleEntry> => {
      const info = byFile.get(file);
      if (info) return { file, state: "indexed", info };
      try {
        parseArticleSource(await readArticleSource(corpusDir, file, { maxArticleBytes }), new Map());
        return { file, state: "waiting" };
      } catch (error) {
        return { file, state: "skipped", reason: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/**
 * An article as the index reads it: its metadata and paragraphs (what its passages are cut from). `file` is a
 * name as the list gives it (`x.md`, or `publisher/x.md` for an article added by link); the reader follows it
 * only to a regular file whose real path is inside the corpus directory.
 */
export async function readArticleFile(corpusDir: string, file: string, maxArticleBytes: number) {
  checkArticlePath(file);
  return readArticle(corpusDir, file, new Map(), { maxArticleBytes });
}

/**
 * Writes an uploaded article into the corpus directory under `name`, where the watcher picks it up as a dropped
 * file. The name must be a plain file name with an article extension (no `..`, no directory, not hidden); the
 * file is written beside under a hidden name (which the index ignores) and linked into place only if nothing of
 * that name exists, so neither a symlink planted in the directory nor a race can make it land elsewhere.
 */
export async function saveArticle(corpusDir: string, name: string, content: Buffer, maxBytes: number) {
  checkName(name);
  if (content.length > maxBytes)
    throw new FileProblem(
      `${name} is larger than ${maxBytes.toLocaleString("en")} bytes (MAX_ARTICLE_BYTES).`,
      413,
    );
  const dir = await realpath(corpusDir);
  const temporary = path.join(dir, `.upload-${randomBytes(8).toString("hex")}`);
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path.join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new FileProblem(`${name} exists already: remove it first to replace it.`, 409);
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Moves an article (and its `.meta.json` override) out of the corpus directory into `removedDir` (into the same
 * publisher's folder there), named with the time, rather than deleting it: the index drops it as it would a file
 * taken away. A publisher's folder must be a real folder inside the corpus directory, not a link out of it; the
 * file itself is moved, never what it may link to.
 */
export async function removeArticle(corpusDir: string, removedDir: string, name: string): Promise<string> {
  checkArticlePath(name);
  const dir = await realpath(corpusDir);
  const folder = path.dirname(name);
  if (folder !== ".") {
    const real = await realpath(path.join(dir, folder)).catch(() => undefined);
    const stats = await lstat(path.join(dir, folder)).catch(() => undefined);
    if (real !== path.join(dir, folder) || !stats?.isDirectory())
      throw new FileProblem(`${name} is not in the article directory.`, 404);
  }
  const source = path.join(dir, name);
  const stats = await lstat(source).catch(() => undefined);
  if (!stats) throw new FileProblem(`${name} is not in the article directory.`, 404);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  await mkdir(path.join(removedDir, folder), { recursive: true });
  const target = path.join(removedDir, folder, `${stamp}-${path.basename(name)}`);
  await move(source, target);
  await move(`${source}.meta.json`, `${target}.meta.json`).catch(() => undefined);
  return target;
}

/** A rename, or a copy and delete across file systems. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await copyFile(from, to, constants.COPYFILE_EXCL);
    await unlink(from);
  }
}

/** The longest name an upload may have: well within any file system's limit, Chinese characters included. */
const MAX_UPLOAD_NAME_LENGTH = 200;

/** Refuses any name that is not a new article file's: a plain file name (no folder), not absurdly long. */
function checkName(name: string): void {
  checkExtension(name);
  if (name.includes("/") || name.length > MAX_UPLOAD_NAME_LENGTH || !isArticleName(name))
    throw new FileProblem("Give a plain file name, without a directory.");
}

/** Refuses any name that is not an article's as the list gives it (the one check the list makes). */
function checkArticlePath(name: string): void {
  if (!isArticleName(name))
    throw new FileProblem("Give an article's name as the list shows it (file.md or publisher/file.md).");
}

function checkExtension(name: string): void {
  if (!ARTICLE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    throw new FileProblem(`Articles are ${ARTICLE_EXTENSIONS.join(", ")} files.`);
}
