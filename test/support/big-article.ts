import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { SEEDS_DIR } from "./seed-qa.ts";

/** The title `bigArticle` gives its article. */
export const BIG_TITLE = "一篇很长的文章";

/**
 * A Markdown article of about `bytes` bytes, made of the seeds' paragraphs, each numbered so that the passages
 * differ; its last paragraph is one no seed has, to tell when the whole article is searchable.
 */
export async function bigArticle(
  bytes: number,
  last = "南极洲的帝企鹅数量今年增加了三成，研究员宣布。",
): Promise<string> {
  const files = (await readdir(SEEDS_DIR)).filter((f) => f.endsWith(".txt"));
  const paragraphs = (await Promise.all(files.map((f) => readFile(path.join(SEEDS_DIR, f), "utf8"))))
    .flatMap((text) => text.split(/\n+/))
    .filter((p) => p.length > 40);
  const out = ["---", `title: ${BIG_TITLE}`, "source: 测试报", "date: 2024-01-01", "---", ""];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const paragraph = `第${i}段：${paragraphs[i % paragraphs.length]}`;
    out.push(paragraph, "");
    size += Buffer.byteLength(paragraph) + 2;
  }
  out.push(last, "");
  return out.join("\n");
}
