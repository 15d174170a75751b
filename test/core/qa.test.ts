import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Qa } from "../../src/core/types.ts";
import { postgresUnavailable } from "../support/postgres.ts";
import { type Engine, seedQa } from "../support/seed-qa.ts";

// One answer suite, run over each index engine: they must answer alike.
const noPostgres = await postgresUnavailable();
const ENGINES: Engine[] = ["minisearch", "postgres"];

for (const engine of ENGINES) {
  describe.skipIf(engine === "postgres" && noPostgres !== undefined)(`over ${engine}`, () => {
    let qa: Qa;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ qa, close } = await seedQa({ engine }));
    });
    afterAll(() => close());

    const first = async (question: string) => (await qa.ask(question)).quotes[0];

    describe("ask", () => {
      it("answers with the verbatim sentence and its source", async () => {
        const quote = await first("耶伦哪天访华？");
        expect(quote?.text).toContain("包括4月3日美国财长耶伦将访华");
        expect(quote?.article).toMatchObject({
          publisher: "BBC中文",
          title: "习近平拜登：再次“会谈”，中美之间的分歧减少了吗",
          date: "2024-04-03",
          url: "https://www.bbc.com/zhongwen/simp/world-68723580",
          file: "001_a3cf32f92385dae4.txt",
        });
      });

      it("lists the articles within a filter, newest first, when the question is only the filter", async () => {
        const answer = await qa.ask("source:BBC");
        expect(answer.quotes).toEqual([]);
        expect(answer.abstained).toBeUndefined();
        expect(answer.filter).toEqual({ publishers: ["BBC中文"] });
        const listed = answer.articles ?? [];
        expect(listed.length).toBeGreaterThan(0);
        expect(listed.every((a) => a.publisher === "BBC中文")).toBe(true);
        const dates = listed.map((a) => a.date ?? "");
        expect(dates).toEqual([...dates].sort().reverse());
      });

      it("finds a Traditional article from a Simplified question and quotes it in its own script", async () => {
        const quote = await first("习近平和特朗普在釜山谈了多久？");
        expect(quote?.article.file).toBe("003_4ca2d0f49d5d1fb0.txt");
        expect(quote?.text).toContain("這場持續1小時40分鐘的高層溝通");
      });

      it("finds a Simplified article from a Traditional question", async () => {
        const quote = await first("兩國元首在北京相處了多長時間？");
        expect(quote?.article.file).toBe("004_9a9258d2aa011657.txt");
        expect(quote?.text).toContain("近9个小时");
      });

      it("finds 特朗普 when asked about 川普", async () => {
        const quote = await first("川普访华时李强会见了谁？");
        expect(quote?.text).toContain("李强总理集体会见了美国企业家");
      });

      it("finds 魯比奧 when asked about him as Taiwan writes him, 盧比歐, which no list names", async () => {
        const quote = await first("盧比歐如何形容中美關係的新階段？");
        expect(quote?.text).toContain("戰略穩定");
        expect(quote?.highlights.map(([start, end]) => quote.text.slice(start, end))).toContain("魯比奧");
      });

      it("finds a Chinese name an English question writes in pinyin, which no list names", async () => {
        const quote = await first("What did Sun Yun say about Taiwan?");
        expect(quote?.text).toContain("孙韵说");
      });

      it("marks the matched words with ranges that fit the verbatim text", async () => {
        const quote = await first("魯比奧如何形容中美關係的新階段？");
        expect(quote?.text).toContain("戰略穩定");
        const marked = quote?.highlights.map(([start, end]) => quote.text.slice(start, end));
        expect(marked).toContain("魯比奧");
      });

      it("returns quotes best first, at most `limit`, each at most 300 characters", async () => {
        const answer = await qa.ask("中美关系", { limit: 5 });
        expect(answer.quotes).toHaveLength(5);
        const scores = answer.quotes.map((q) => q.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        for (const quote of answer.quotes) expect(quote.text.length).toBeLessThanOrEqual(300);
      });

      it("pages with offset, and says when there is more", async () => {
        const page1 = await qa.ask("中美关系", { limit: 2 });
        const page2 = await qa.ask("中美关系", { limit: 2, offset: 2 });
        expect(page1.hasMore).toBe(true);
        expect(page2.quotes[0]?.text).not.toBe(page1.quotes[0]?.text);
        expect(page2.quotes[0]?.text).not.toBe(page1.quotes[1]?.text);
      });

      it("abstains when the articles do not cover the question", async () => {
        expect((await qa.ask("怎么申请美国签证？")).quotes).toEqual([]);
        expect((await qa.ask("NBA总决赛冠军是谁")).quotes).toEqual([]);
        expect((await qa.ask("明天北京天气怎么样")).quotes).toEqual([]);
      });

      it("cuts an overlong question to 500 characters and says so", async () => {
        const answer = await qa.ask(`耶伦哪天访华？${"啊".repeat(10_000)}`);
        expect(answer.truncated).toBe(true);
        expect(answer.question).toHaveLength(500);
      });

      it("never cuts a question between the halves of an emoji", async () => {
        const answer = await qa.ask(`${"问".repeat(499)}😀${"啊".repeat(10)}`);
        expect(answer.truncated).toBe(true);
        expect(answer.question).toBe("问".repeat(499));
      });
    });

    describe("ask on arbitrary input", () => {
      const odd = [
        "",
        "   ",
        "😀😀😀🇨🇳🇺🇸",
        "<b>習近平</b> & <script>alert(1)</script>",
        "**特朗普** [link](http://x) @everyone",
        "\u0000\u0007\u200b\ufeff",
        "a".repeat(10_000),
        "的的的的的",
        "?？!！",
        "\ud800 lone surrogate",
      ];
      it.each(odd)("never throws: %j", async (question) => {
        await expect(qa.ask(question)).resolves.toBeDefined();
      });

      it("never throws on random Unicode", async () => {
        let seed = 42;
        const random = () => {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          return seed / 2 ** 31;
        };
        for (let i = 0; i < 300; i++) {
          const length = Math.floor(random() * 60);
          const text = Array.from({ length }, () =>
            String.fromCodePoint(Math.floor(random() * 0x2ffff)),
          ).join("");
          await expect(qa.ask(text)).resolves.toBeDefined();
        }
      });

      it("answers an empty question with no quotes", async () => {
        expect((await qa.ask("  ")).quotes).toEqual([]);
      });
    });

    describe("articles", () => {
      it("lists the indexed articles, newest first", async () => {
        expect((await qa.articles()).map((a) => a.date)).toEqual([
          "2026-05-15",
          "2025-10-31",
          "2025-06-05",
          "2024-04-03",
          "2024-04-02",
        ]);
      });
    });
  });
}
