import { parse } from "yaml";
import { ArticleError } from "../errors.ts";

/**
 * Most aliases one front matter may resolve (`yaml`'s `maxAliasCount`). A front matter names a value twice, not
 * thousands of times: nine aliases of nine aliases, eight deep, is 43 million values in 380 bytes.
 */
const MAX_ALIAS_COUNT = 20;

/** A front matter is a few fields; one larger than this is not one (and would take long to parse). */
const MAX_FRONT_MATTER_CHARACTERS = 64 * 2 ** 10;

/** `---` at the very start, the YAML, and a closing `---` line (an empty block has none in between). */
const BLOCK = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** An article's front matter: its fields, the YAML as written, and the text after it. */
export interface FrontMatter {
  data: Record<string, unknown>;
  /** The YAML between the `---` lines, as written. */
  matter: string;
  body: string;
}

/**
 * Splits off and parses the YAML front matter of a Markdown file that starts with `---`; undefined when it does
 * not. Aliases are limited (see `MAX_ALIAS_COUNT`) and nothing is cached: a parser that kept every text it read
 * (gray-matter did) grows with every edit of every article. Throws `ArticleError` for YAML that cannot be read.
 */
export function readFrontMatter(content: string): FrontMatter | undefined {
  if (!/^---[ \t]*\r?\n/.test(content)) return undefined;
  const block = BLOCK.exec(content);
  if (!block) throw new ArticleError("front matter has no closing --- line");
  const matter = block[1] ?? "";
  if (matter.length > MAX_FRONT_MATTER_CHARACTERS) {
    throw new ArticleError(
      `front matter is longer than ${MAX_FRONT_MATTER_CHARACTERS.toLocaleString("en")} characters`,
    );
  }
  let data: unknown;
  try {
    // `logLevel: "error"`: errors throw, warnings (an unknown tag) are not printed on the console.
    data = parse(matter, { maxAliasCount: MAX_ALIAS_COUNT, logLevel: "error" });
  } catch (error) {
    throw new ArticleError(`front matter is not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const fields = typeof data === "object" && data !== null && !Array.isArray(data) ? data : {};
  return { data: fields as Record<string, unknown>, matter, body: content.slice(block[0].length) };
}
