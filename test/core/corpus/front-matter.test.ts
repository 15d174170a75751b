import { writeFile } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../../../src/core/corpus/parse-article.ts";
import { readArticle } from "../../../src/core/corpus/read-corpus.ts";
import { temporaryDirectory } from "../../support/seed-qa.ts";

let dir: Awaited<ReturnType<typeof temporaryDirectory>>;
beforeAll(async () => {
  dir = await temporaryDirectory();
});
afterAll(() => dir.remove());

const BODY = "企鹅研究员宣布，南极洲的帝企鹅数量今年增加了三成。\n";

/** The 380-byte file of the report: nine aliases of nine aliases, eight levels deep, 9⁸ x's in the title. */
function aliasBomb(levels = 8): string {
  const names = "abcdefghij".slice(0, levels);
  const lines = [`a: &a [${Array(9).fill("x").join(",")}]`];
  for (let i = 1; i < levels; i++) {
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(",")}]`,
    );
  }
  return `---\n${lines.join("\n")}\ntitle: *${names[levels - 1]}\n---\n${BODY}`;
}

describe("front matter with YAML aliases", () => {
  it("refuses an alias bomb at once, naming the file, instead of expanding it", async () => {
    await writeFile(path.join(dir.dir, "bomb.md"), aliasBomb());
    const read = await readArticle(dir.dir, "bomb.md", new Map()).then(
      (article) => article,
      (error: Error) => error,
    );
    // Either refused, or read with a bounded title: never a title of 9⁸ x's.
    if (read instanceof Error) {
      expect(read.message).toMatch(/^bomb\.md: front matter is not valid YAML \(.*alias/i);
    } else {
      expect(read.title.length).toBeLessThanOrEqual(200);
    }
  }, 10_000);

  it("still reads a front matter with an alias or two", () => {
    const article = parseArticle(
      "a.md",
      `---\npublisher: &p 示例报\nsource: *p\ntitle: 标题\n---\n${BODY}`,
      new Map(),
    );
    expect(article).toMatchObject({ title: "标题", publisher: "示例报" });
  });
});

describe("front-matter fields", () => {
  const warnings: string[] = [];
  const parse = (header: string) =>
    parseArticle("a.md", `---\n${header}\n---\n${BODY}`, new Map(), (w) => void warnings.push(w));

  it("cuts a title, publisher or author longer than its bound, with a warning", () => {
    warnings.length = 0;
    const long = "长".repeat(10_000);
    const article = parse(`title: ${long}\npublisher: ${long}\nauthor: ${long}`);
    expect(article.title.length).toBeLessThanOrEqual(200);
    expect(article.title.endsWith("…")).toBe(true);
    expect(article.publisher?.length).toBeLessThanOrEqual(100);
    expect(article.author?.length).toBeLessThanOrEqual(100);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^title: longer than 200 characters; cut/);
  });

  it("leaves out a link longer than 2,048 characters rather than cut it", () => {
    warnings.length = 0;
    const article = parse(`title: 标题\nurl: https://example.com/${"a".repeat(3000)}`);
    expect(article.url).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/^url: longer than 2,048 characters/)]);
  });

  it("ignores a list or a mapping where a text is expected, with a warning", () => {
    warnings.length = 0;
    const article = parse("title: [x, x, x]\npublisher: {name: 示例报}\nauthor: 张三");
    expect(article.title).not.toContain("x,x");
    expect(article.publisher).toBeNull();
    expect(article.author).toBe("张三");
    expect(warnings).toEqual([
      "title: a list, not a text; ignored",
      "publisher: a mapping, not a text; ignored",
    ]);
  });

  it("bounds a NAME.meta.json override's fields as the front matter's", async () => {
    await writeFile(path.join(dir.dir, "m.md"), `---\ntitle: 标题\n---\n${BODY}`);
    await writeFile(path.join(dir.dir, "m.md.meta.json"), JSON.stringify({ title: "长".repeat(5_000) }));
    const article = await readArticle(dir.dir, "m.md", new Map());
    expect(article.title.length).toBeLessThanOrEqual(200);
  });
});

describe("parsing many versions of an article", () => {
  it("keeps nothing of them afterwards (gray-matter cached every text it parsed)", () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const body = `${"南极洲的帝企鹅数量今年增加了三成，研究员说。".repeat(25_000)}\n`; // ~1 MB in UTF-16
    const parseEdit = (i: number) =>
      parseArticle("big.md", `---\ntitle: 第${i}版\n---\n${i}${body}`, new Map());
    parseEdit(-1);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 30; i++) parseEdit(i);
    gc();
    const grownMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    expect(grownMb).toBeLessThan(10); // gray-matter kept ~30 MB here
  }, 60_000);
});
