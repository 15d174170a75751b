import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notFoundPhrase, phrases } from "../../../src/core/messages.ts";
import type { Qa } from "../../../src/core/types.ts";
import { postgresUnavailable } from "../../support/postgres.ts";
import { type Engine, seedQa } from "../../support/seed-qa.ts";

// Names decide: a question about someone the seed articles never mention is not covered, whichever engine.
const noPostgres = await postgresUnavailable();
const ENGINES: Engine[] = ["minisearch", "postgres"];

for (const engine of ENGINES) {
  describe.skipIf(engine === "postgres" && noPostgres !== undefined)(`names over ${engine}`, () => {
    let qa: Qa;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ qa, close } = await seedQa({ engine }));
    });
    afterAll(() => close());

    it("quotes nothing about a person no article mentions, and says who", async () => {
      const answer = await qa.ask("卢拉访华时和习近平谈了什么？");
      expect(answer.quotes).toEqual([]);
      expect(answer.missingNames).toEqual(["卢拉"]);
      expect(answer.abstained).toBe("missing-name");
    });

    it("names the missing person as the question writes them (Traditional)", async () => {
      const answer = await qa.ask("盧拉與習近平會談了多長時間？");
      expect(answer.quotes).toEqual([]);
      expect(answer.missingNames).toEqual(["盧拉"]);
    });

    it("is not fooled by a name whose bigrams the articles write in other words (马斯 in no 马斯克)", async () => {
      const answer = await qa.ask("马斯克对中美会晤怎么看？");
      expect(answer.quotes).toEqual([]);
      expect(answer.missingNames).toEqual(["马斯克"]);
    });

    it("still answers a name the articles write otherwise (川普 for 特朗普)", async () => {
      const answer = await qa.ask("川普和习近平什么时候通话？");
      expect(answer.missingNames).toBeUndefined();
      expect(answer.quotes.length).toBeGreaterThan(0);
    });

    it("takes an unknown word jieba's dictionary knows no piece of for a name (岸田文雄)", async () => {
      const answer = await qa.ask("岸田文雄和拜登通话说了什么？");
      expect(answer.quotes).toEqual([]);
      expect(answer.missingNames).toEqual(["岸田文雄"]);
    });

    it("takes a name that starts with a surname for one, whatever characters follow (李在明: 在 is a preposition)", async () => {
      const answer = await qa.ask("李在明在APEC峰会上说了什么？");
      expect(answer.quotes).toEqual([]);
      expect(answer.missingNames).toEqual(["李在明"]);
    });

    it("reads a name jieba glued to the next character (美国会: 美国 and 会) as the name", async () => {
      const answer = await qa.ask("拜登跟习主席说美国会继续采取措施防什么？");
      expect(answer.missingNames).toBeUndefined();
      expect(answer.quotes.length).toBeGreaterThan(0);
    });

    it("keeps a transliterated name whole, whatever of it the articles write (鲍威尔, not 鲍威 or 威尔)", async () => {
      const answer = await qa.ask("美联储主席鲍威尔如何评价中美贸易协议？");
      expect(answer.missingNames).toEqual(["鲍威尔"]);
    });

    it("says which name of an English question about the articles' subject no article mentions", async () => {
      const lula = await qa.ask("What did Lula discuss with Xi Jinping during his visit to China?");
      expect(lula.quotes).toEqual([]);
      expect(lula.missingNames).toEqual(["Lula"]);
      expect(lula.abstained).toBe("missing-name");
      expect((await qa.ask("What did Kishida and Biden talk about on the phone?")).missingNames).toEqual([
        "Kishida",
      ]);
      const biden = await qa.ask("What did Biden tell Xi about TikTok?");
      expect(biden.missingNames).toBeUndefined();
      expect(biden.quotes.length).toBeGreaterThan(0);
    });

    it("reads a name CC-CEDICT translates whole (Elon Musk: 马斯克) as a name of the question", async () => {
      const musk = await qa.ask("What does Elon Musk think about the Trump-Xi meeting?");
      expect(musk.quotes).toEqual([]);
      expect(musk.missingNames).toEqual(["Elon Musk"]);
      // Capitals make no name of a phrase CC-CEDICT translates into ordinary words.
      expect((await qa.ask("What did Trump and Xi say about the Great Wall?")).missingNames).toBeUndefined();
    });

    it("lets a Chinese name in an English question decide as in a Chinese one, with no glossary name", async () => {
      const answer = await qa.ask("What did 岸田文雄 say about tariffs?");
      expect(answer.quotes).toEqual([]);
      expect(answer.missingNames).toEqual(["岸田文雄"]);
    });

    it("lets an English name decide only beside a name of the glossary's (the corpus's subject)", async () => {
      // Jacksonville may be written in a way the transliterations miss: its words decide, as before.
      expect((await qa.ask("How far is Jacksonville from Miami?")).missingNames).toBeUndefined();
    });

    it("does not take an ordinary word jieba tags as a name (安静) for a missing name", async () => {
      const answer = await qa.ask("中美会晤的气氛安静吗？");
      expect(answer.missingNames).toBeUndefined();
    });

    it("never shows a quote that shares no word with the question", async () => {
      for (const question of [
        "梅西在世界杯上进了几个球？",
        "东京奥运会中国拿了多少金牌？",
        "日本首相和特朗普在哪里会面？",
      ])
        for (const quote of (await qa.ask(question)).quotes)
          expect(quote.highlights.length).toBeGreaterThan(0);
    });
  });
}

describe("the reply", () => {
  it("says which names no article mentions, else that the articles do not cover it", () => {
    expect(notFoundPhrase({ missingNames: ["卢拉"] })).toEqual({
      zh: "文章没有提到卢拉。",
      en: "The articles don't mention 卢拉.",
    });
    expect(notFoundPhrase({})).toBe(phrases.notFound);
  });
});
