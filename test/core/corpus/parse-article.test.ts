import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../../src/core/corpus/parse-article.ts";
import { readArticle, readCorpus } from "../../../src/core/corpus/read-corpus.ts";
import { CONFIG_DIR, SEEDS_DIR } from "../../support/seed-qa.ts";

const publishers = new Map(
  Object.entries(
    JSON.parse(readFileSync(path.join(CONFIG_DIR, "publishers.json"), "utf8")).hosts as Record<
      string,
      string
    >,
  ),
);
const read = (file: string) => readArticle(SEEDS_DIR, file, publishers);
const first = (paragraphs: string[]) => paragraphs[0];
const last = (paragraphs: string[]) => paragraphs[paragraphs.length - 1];

describe("parseArticle on the seed articles", () => {
  it("reads the Epoch Times plain text: title line, 更新 date, dateline publisher and reporter", async () => {
    const article = await read("000_6243659989082342.txt");
    expect(article).toMatchObject({
      title: "美国总统川普与中共党魁习近平通话",
      publisher: "大纪元",
      date: "2025-06-05",
      url: null,
      author: "林燕",
    });
    expect(first(article.paragraphs)).toBe(
      "周四（6月5日），美国总统川普（特朗普）与中共国家主席习近平通电话。",
    );
    expect(last(article.paragraphs)).toMatch(/^美中2020年1月达成“第一阶段贸易协议”.*投诉未减反增。$/);
  });

  it("drops the Epoch Times boilerplate: caption, tags, editor, 推荐阅读 list, copyright, headings", async () => {
    const text = (await read("000_6243659989082342.txt")).paragraphs.join("\n");
    for (const boilerplate of [
      "图为",
      "人气",
      "标签",
      "责任编辑",
      "推荐阅读",
      "相关专题",
      "Copyright",
      "自定义设置",
    ]) {
      expect(text).not.toContain(boilerplate);
    }
    expect(text).not.toContain("美媒消息：中方恐慌川普的不可预测性\n"); // a sub-heading, not a sentence
  });

  it("reads the BBC HTML: link header, <time> date, byline, no captions or related links", async () => {
    const article = await read("001_a3cf32f92385dae4.txt");
    expect(article).toMatchObject({
      title: "习近平拜登：再次“会谈”，中美之间的分歧减少了吗",
      publisher: "BBC中文",
      date: "2024-04-03",
      url: "https://www.bbc.com/zhongwen/simp/world-68723580",
      author: "陈岩",
    });
    expect(first(article.paragraphs)).toBe("陈岩 BBC中文记者");
    expect(article.paragraphs[1]).toBe(
      "北京时间本周二晚，美国总统拜登和中国国家主席习近平通电话，努力缓和两国之间的紧张局势。",
    );
    expect(last(article.paragraphs)).toBe(
      "不过，美国在特朗普时代对中国汽车施加的高关税延续至今，中国电动车的主要出产地为欧洲，而非美国。",
    );
    const text = article.paragraphs.join("\n");
    for (const boilerplate of ["图像来源", "资料图片", "美中峰会取得多方面进展", "2024年4月3日\n"]) {
      expect(text).not.toContain(boilerplate);
    }
  });

  it("reads the RFI HTML: DD/MM/YYYY date, publisher from the link's host, no share links", async () => {
    const article = await read("002_206a002612bb7ab9.txt");
    expect(article).toMatchObject({
      title: "拜登习近平通话 在台湾和高技术出口问题上针锋相对",
      publisher: "法广 RFI",
      date: "2024-04-02",
    });
    expect(first(article.paragraphs)).toMatch(/^美国总统拜登与中国国家主席习近平周二通话，.*“分歧”。$/);
    expect(last(article.paragraphs)).toBe(
      "另外，一位白宫高级官员宣布，美国财政部长耶伦将 “在未来几天内 ”前往中国，美国国务卿布林肯将 “在未来几周内 ”前往中国继续对话。",
    );
    expect(article.paragraphs.join("")).not.toMatch(/分享|facebook|rfi\.my/);
  });

  it("reads the Traditional commentary: date prefix, captions with credits dropped, author from its override", async () => {
    const article = await read("003_4ca2d0f49d5d1fb0.txt");
    expect(article).toMatchObject({ date: "2025-10-31", publisher: null, url: null, author: "趙明昊" });
    expect(article.title).toBe("當地時間10月30日，中國國家主席習近平在韓國釜山與美國總統…");
    expect(first(article.paragraphs)).toMatch(
      /^當地時間10月30日，中國國家主席習近平在韓國釜山與美國總統特朗普舉行會晤，/,
    );
    expect(last(article.paragraphs)).toBe("本文作者是復旦大學美國研究中心副主任、教授趙明昊。");
    expect(article.paragraphs.join("\n")).not.toMatch(/（新華社）$|\(X\)|（Reuters）|\(Reuters\)/m);
  });

  it("reads the Xinhua text: ## title, sentences rejoined across line breaks, sign-off as publisher", async () => {
    const article = await read("004_9a9258d2aa011657.txt");
    expect(article).toMatchObject({
      title: "习近平同美国总统特朗普在中南海小范围会晤",
      publisher: "新华社",
      date: "2026-05-15",
    });
    expect(first(article.paragraphs)).toBe(
      "5月15日上午，国家主席习近平在中南海同美国总统特朗普举行小范围会晤。",
    );
    expect(article.paragraphs).toContain(
      "访问期间，两国元首共同参观了天坛，领略中华文明和谐万物、顺天应时的理念。这一特殊安排说明中美两个伟大的国家，理应深化相互理解，促进人民友好。",
    );
    expect(last(article.paragraphs)).toMatch(
      /^王毅最后强调，正如习近平主席指出，中美关系承载着两国17亿多人民的福祉.*作出更大贡献。$/,
    );
    expect(article.paragraphs).not.toContain("据新华社电");
  });
});

describe("parseArticle on users' files", () => {
  it("reads Markdown with YAML front matter, the documented format", () => {
    const article = parseArticle(
      "mine.md",
      "---\ntitle: 我的文章\nurl: https://example.com/a\ndate: 2025-01-02\nsource: 示例报\nauthor: 张三\n---\n# 我的文章\n\n第一句话在这里，\n跨了一行。\n\n![图](x.png)\n\n第二段。\n",
      new Map(),
    );
    expect(article).toEqual({
      file: "mine.md",
      title: "我的文章",
      url: "https://example.com/a",
      date: "2025-01-02",
      publisher: "示例报",
      author: "张三",
      paragraphs: ["第一句话在这里，跨了一行。", "第二段。"],
    });
  });

  it("refuses a file with no article text, naming it", () => {
    expect(() => parseArticle("empty.md", "---\ntitle: x\n---\n\n", new Map())).toThrow(
      "empty.md: no article text found",
    );
  });
});

describe("readCorpus", () => {
  it("reads all five seeds and skips nothing", async () => {
    const corpus = await readCorpus(SEEDS_DIR, publishers);
    expect(corpus.articles.map((a) => a.file)).toEqual([
      "000_6243659989082342.txt",
      "001_a3cf32f92385dae4.txt",
      "002_206a002612bb7ab9.txt",
      "003_4ca2d0f49d5d1fb0.txt",
      "004_9a9258d2aa011657.txt",
    ]);
    expect(corpus.skipped).toEqual([]);
  });

  it("says clearly when the directory cannot be read", async () => {
    await expect(readCorpus("/nonexistent/articles", publishers)).rejects.toThrow(
      "Cannot read the article directory /nonexistent/articles (ENOENT). Set CORPUS_DIR to a directory of articles.",
    );
  });
});

describe("front-matter metadata that cannot be used", () => {
  const withHeader = (header: string) => `---\ntitle: 标题\n${header}\n---\n正文第一句话说了一件事。\n`;
  it.each([
    ["url: javascript:alert(1)", "url", 'url: "javascript:alert(1)" is not an http(s) link'],
    ["url: file:///etc/passwd", "url", 'url: "file:///etc/passwd" is not an http(s) link'],
    ["date: 2024-02-30", "date", 'date: "2024-02-30" is not a date (YYYY-MM-DD)'],
    ["date: last Tuesday", "date", 'date: "last Tuesday" is not a date (YYYY-MM-DD)'],
  ])("leaves out %s with a warning", (header, field, warning) => {
    const warnings: string[] = [];
    const article = parseArticle("a.md", withHeader(header), publishers, (w) => void warnings.push(w));
    expect(article[field as "url" | "date"]).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(warning);
  });

  it("keeps an http(s) link and a real date without a word", () => {
    const warnings: string[] = [];
    const article = parseArticle(
      "a.md",
      withHeader("url: https://example.com/a\ndate: 2024-02-29"),
      publishers,
      (w) => void warnings.push(w),
    );
    expect(article).toMatchObject({ url: "https://example.com/a", date: "2024-02-29" });
    expect(warnings).toEqual([]);
  });
});
