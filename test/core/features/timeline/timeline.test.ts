import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Qa } from "../../../../src/core/types.ts";
import { SEEDS_DIR, seedQa, temporaryDirectory } from "../../../support/seed-qa.ts";

const GENEVA = `---
title: 中美经贸团队结束新一轮会谈
publisher: 测试通讯社
date: 2025-11-25
---

11月20日，中美经贸团队在日内瓦举行新一轮谈判。

双方同意在明年2月前举行下一轮会谈。
`;

let qa: Qa;
let close: () => Promise<void>;
let removeCorpus: () => Promise<void>;
beforeAll(async () => {
  const corpus = await temporaryDirectory();
  await cp(SEEDS_DIR, corpus.dir, { recursive: true });
  await writeFile(path.join(corpus.dir, "geneva.md"), GENEVA);
  removeCorpus = corpus.remove;
  ({ qa, close } = await seedQa({ corpusDir: corpus.dir }));
});
afterAll(async () => {
  await close();
  await removeCorpus();
});

const everything = async () => (await qa.timeline("", { limit: 100 })).events;

describe("the timeline over the seeds", () => {
  it("lists no plan: nothing dated after its article, not 他將在明年4月訪華 nor 耶伦将访华", async () => {
    const events = await everything();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const written = event.quote.article.date ?? "9999";
      expect(event.date <= written.slice(0, event.date.length)).toBe(true);
    }
    const texts = events.map((e) => e.quote.text).join("\n");
    expect(texts).not.toContain("明年4月訪華");
    expect(texts).not.toContain("耶伦将访华");
    expect(texts).not.toContain("下一轮会谈");
  });

  it("lists talks: /timeline 日内瓦 finds the Geneva round", async () => {
    const { events } = await qa.timeline("日内瓦");
    expect(events.map((e) => `${e.date} ${e.kind}`)).toContain("2025-11-20 talks");
  });

  it("counts a month-only mention inside a dated event of that month as that event", async () => {
    const events = await everything();
    expect(events.filter((e) => e.date.startsWith("2023-11")).map((e) => `${e.date} ${e.kind}`)).toEqual([
      "2023-11-15 meeting",
    ]);
    const sanFrancisco = events.find((e) => e.date === "2023-11-15");
    const outlets = [sanFrancisco?.quote.article, ...(sanFrancisco?.quote.alsoReportedBy ?? [])];
    expect(outlets.map((a) => a?.publisher).sort()).toEqual(["BBC中文", "法广 RFI"]);
  });

  it("finds a topic in the event's paragraph and article, in any spelling (川普 is 特朗普)", async () => {
    const all = (await everything()).filter((e) => e.quote.article.publisher === "大纪元");
    expect(all.length).toBeGreaterThan(1);
    const { events } = await qa.timeline("特朗普 source:大纪元", { limit: 100 });
    expect(events.map((e) => e.quote.ref)).toEqual(all.map((e) => e.quote.ref));
  });
});
