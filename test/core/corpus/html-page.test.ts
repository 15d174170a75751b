import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../../src/core/corpus/parse-article.ts";
import { readCorpus } from "../../../src/core/corpus/read-corpus.ts";

const page = (name: string) => readFile(path.join(import.meta.dirname, "../../ingest/pages", name), "utf8");

describe("parseArticle on a page saved from a browser", () => {
  it("reads the article and its metadata from JSON-LD, not the <title> glued to the body", async () => {
    const article = parseArticle("saved.html", await page("jsonld.html"), new Map());
    expect(article).toMatchObject({
      title: "美国宣布对中国稀土加征关税",
      publisher: "环球新闻网",
      date: "2025-07-02",
      url: "https://news.example.com/2025/07/rare-earth-tariff",
      author: "王小明",
    });
    expect(article.paragraphs[0]).toBe(
      "美国商务部周三宣布，将对从中国进口的稀土产品加征百分之二十五的关税，新措施将于八月一日生效。",
    );
    expect(article.paragraphs.join("")).not.toMatch(/首页|相关文章|版权所有/);
  });

  it("reads a page with only OpenGraph tags", async () => {
    const article = parseArticle("og.html", await page("opengraph.html"), new Map());
    expect(article).toMatchObject({
      title: "欧盟与中国举行气候对话",
      publisher: "世界日报",
      date: "2025-07-03",
    });
    expect(article.paragraphs).toHaveLength(3);
  });

  it("says why a page holds no article", async () => {
    expect(() =>
      parseArticle(
        "home.html",
        "<!DOCTYPE html><html><body><ul><li><a href=/a>一</a></li></ul></body></html>",
        new Map(),
      ),
    ).toThrow("home.html: not an article (no article text on the page)");
  });
});

describe("readCorpus", () => {
  it("reads articles one folder down (added by link, one folder per publisher), not hidden ones", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "citebot-folders-"));
    await mkdir(path.join(dir, "环球新闻网"));
    await writeFile(path.join(dir, "环球新闻网", "2025-07-02-a.md"), "---\ntitle: 甲\n---\n\n正文第一段。\n");
    await writeFile(
      path.join(dir, "环球新闻网", ".adding-2025-07-02-b.md"),
      "---\ntitle: 乙\n---\n\n半截。\n",
    );
    const { articles } = await readCorpus(dir, new Map());
    expect(articles.map((a) => a.file)).toEqual(["环球新闻网/2025-07-02-a.md"]);
  });
});
