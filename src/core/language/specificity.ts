import { createRequire } from "node:module";
import path from "node:path";

/**
 * How much a word says in general Chinese, whatever the corpus: −ln of its share of the counts in jieba's
 * dictionary (`word count tag` a line, counted on jieba's training text). 计划 (19,799 in 60 million) is 8.0
 * nats, 焊接 (268) 12.3. A small corpus's IDF calls a word rare that is merely absent from its few articles;
 * this does not.
 */
export interface Specificity {
  /** Nats of each word looked up that jieba counts. */
  nats: Map<string, number>;
  /** Nats of a word jieba does not count: as rare as its rarest. */
  rarest: number;
}

/** The specificity of `words`, from the text of jieba's dictionary. */
export function specificityOf(countsText: string, words: ReadonlySet<string>): Specificity {
  const counts = new Map<string, number>();
  let total = 0;
  let least = Number.POSITIVE_INFINITY;
  for (const line of countsText.split("\n")) {
    const [word, count] = line.split(" ");
    const n = Number(count);
    if (!word || !Number.isFinite(n) || n <= 0) continue;
    total += n;
    least = Math.min(least, n);
    if (words.has(word)) counts.set(word, (counts.get(word) ?? 0) + n);
  }
  const natsOf = (n: number) => Math.round(Math.log(total / n) * 100) / 100;
  const nats = new Map([...counts].map(([word, n]) => [word, natsOf(n)]));
  return { nats, rarest: total > 0 ? natsOf(least) : 0 };
}

/** The dictionary nodejieba ships (and loads: the counts are those its segmentation uses). */
export function shippedWordCountsFile(): string {
  const root = path.dirname(createRequire(import.meta.url).resolve("nodejieba/package.json"));
  return path.join(root, "submodules", "cppjieba", "dict", "jieba.dict.utf8");
}
