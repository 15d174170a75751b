import { appendFile, readFile, utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/core/errors.ts";
import type { LoadedQa } from "../../../src/core/qa.ts";
import { DEFAULT_SEMANTIC_SETTINGS } from "../../../src/core/semantic/settings.ts";
import { type ModelStandIn, startModelStandIn } from "../../support/model-standin.ts";
import { AN_HOUR_AGO, openQa, workspace } from "../../support/workspace.ts";

let stand: ModelStandIn;
beforeAll(async () => {
  stand = await startModelStandIn();
});
afterAll(() => stand.stop());
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  stand.faults.length = 0;
  stand.delayMs = 0;
  await stand.start();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SECRET = "sk-layer-secret";
const fast = { ...DEFAULT_SEMANTIC_SETTINGS, refreshMs: 150, timeoutMs: 400, retries: 1 };
const semanticOptions = (rerank = true) => ({
  semantic: {
    embeddings: { url: stand.url, model: "ngram", apiKey: SECRET },
    ...(rerank ? { rerank: { url: stand.url, model: "ngram-rerank", apiKey: SECRET } } : {}),
  },
  settings: { semantic: fast },
});
const QUESTION = "两国元首在北京相处了多长时间？";
/** The texts embedded since the `n`th, but the probe texts the layer sends at start-up, which are no passages. */
const embeddedSince = (n: number) =>
  stand
    .embedded()
    .slice(n)
    .filter((t) => t !== "新闻报道说了什么" && t !== "what the news says");
const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  return check();
};
const quotes = async (qa: LoadedQa, q = QUESTION) => (await qa.ask(q)).quotes.map((x) => x.text);

describe("the semantic layer over the in-process index", () => {
  it("embeds every passage once when indexing, nothing on a restart, and an edited article's new passages only", async () => {
    const dirs = await workspace(cleanups);
    const before = stand.embedded().length;
    const first = await openQa(cleanups, dirs, semanticOptions());
    const embedded = embeddedSince(before);
    const passages = (await first.qa.stats()).passages;
    expect(new Set(embedded).size).toBe(embedded.length); // each text once
    expect(embedded.length).toBeGreaterThan(passages / 2); // overlapping passages may repeat a text
    expect(first.qa.semantic()?.embeddings?.passages).toBe(passages);
    expect(first.qa.semantic()).toMatchObject({ healthy: true, fallbacks: 0 });
    await first.qa.close();

    const again = stand.embedded().length;
    const second = await openQa(cleanups, dirs, semanticOptions());
    expect(embeddedSince(again)).toEqual([]);
    expect(second.qa.semantic()?.embeddings?.passages).toBe(passages);
    await second.qa.close();

    const file = path.join(dirs.corpusDir, (await first.qa.articles())[0]?.file ?? "");
    await appendFile(file, "\n\n新增的一段话：企鹅研究员宣布南极洲的帝企鹅数量今年增加了三成。\n");
    await utimes(file, AN_HOUR_AGO, AN_HOUR_AGO);
    const edited = stand.embedded().length;
    const third = await openQa(cleanups, dirs, semanticOptions());
    const fresh = embeddedSince(edited);
    const text = await readFile(file, "utf8");
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.length).toBeLessThan(passages / 3);
    for (const t of fresh) expect(text).toContain(t);
    expect(fresh.some((t) => t.includes("帝企鹅"))).toBe(true);
    expect((await third.qa.ask("帝企鹅数量增加了多少")).quotes[0]?.text).toContain("帝企鹅");
  }, 120_000); // three start-ups

  it("answers with verbatim quotes of the articles, the question embedded once however often it is asked", async () => {
    const dirs = await workspace(cleanups);
    const { qa } = await openQa(cleanups, dirs, semanticOptions());
    const before = stand.calls.length;
    const answer = await qa.ask(QUESTION);
    await qa.ask(QUESTION, { offset: 1 });
    const asked = stand.calls.slice(before);
    expect(asked.filter((c) => c.route === "embeddings" && c.texts.includes(QUESTION))).toHaveLength(1);
    expect(asked.filter((c) => c.route === "rerank")).toHaveLength(2);
    expect(answer.quotes.length).toBeGreaterThan(0);
    for (const quote of answer.quotes) {
      const source = await readFile(path.join(dirs.corpusDir, quote.article.file), "utf8");
      // White space aside: the reader joins a paragraph a file breaks mid-sentence (更\n\n多交流).
      const squash = (text: string) => text.replace(/\s+/g, "");
      expect(squash(source)).toContain(squash(quote.text));
    }
  });

  it("answers with the lexical ranking when the endpoints go away, logs it once, and resumes when they are back", async () => {
    const dirs = await workspace(cleanups);
    const lexical = await openQa(cleanups, dirs);
    const { qa, memory, logged } = await openQa(cleanups, dirs, semanticOptions());
    const words = await quotes(lexical.qa);
    await stand.stop();
    for (let i = 0; i < 3; i++) expect(await quotes(qa)).toEqual(words);
    expect(qa.semantic()).toMatchObject({ healthy: false, embeddings: { healthy: false } });
    expect(qa.semantic()?.fallbacks).toBeGreaterThanOrEqual(3);
    const outage = /endpoint unavailable: answering with the lexical ranking/;
    expect(memory.lines().filter((l) => outage.test(String(l.msg)))).toHaveLength(2); // embeddings, rerank: once each
    expect(memory.text()).not.toContain(SECRET);

    await stand.start();
    expect(await until(() => qa.semantic()?.healthy === true)).toBe(true);
    expect(logged("embeddings endpoint back: semantic re-ranking resumed")).toHaveLength(1);
    const before = stand.calls.length;
    await qa.ask(QUESTION);
    expect(stand.calls.slice(before).map((c) => c.route)).toEqual(["embeddings", "rerank"]);
  });

  it("answers within the question's time limit with the lexical ranking when the endpoint is slow", async () => {
    const dirs = await workspace(cleanups);
    const lexical = await openQa(cleanups, dirs);
    const { qa } = await openQa(cleanups, dirs, semanticOptions(false));
    stand.delayMs = 3000;
    const started = performance.now();
    expect(await quotes(qa, "吉隆坡谈判达成了什么共识")).toEqual(
      await quotes(lexical.qa, "吉隆坡谈判达成了什么共识"),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(qa.semantic()?.embeddings?.healthy).toBe(false);
  });

  it("refuses at start-up an endpoint whose vectors are not the size of those kept, or garbage", async () => {
    const dirs = await workspace(cleanups);
    const first = await openQa(cleanups, dirs, semanticOptions(false));
    await first.qa.close();
    stand.faults.push({ dimensions: 384 });
    const wrong = openQa(cleanups, dirs, semanticOptions(false));
    await expect(wrong).rejects.toThrow(ConfigError);
    await expect(wrong).rejects.toThrow(
      /answers vectors of 384 dimensions for EMBEDDINGS_MODEL ngram, but the vectors kept for that model have 1024/,
    );
    stand.faults.push({ garbage: true });
    await expect(openQa(cleanups, dirs, semanticOptions(false))).rejects.toThrow(
      /EMBEDDINGS_URL \(http:\/\/127\.0\.0\.1:\d+\/v1, model ngram\) cannot be used: the embeddings endpoint answered no `data` array/,
    );
  });
});
